package dev.newsflow.fetcher.bench;

import com.sun.net.httpserver.HttpServer;
import dev.newsflow.common.config.ConfigReport;
import dev.newsflow.common.kafka.EmbeddedKafka;
import dev.newsflow.common.kafka.NewsTopics;
import dev.newsflow.common.kafka.TopicSettings;
import dev.newsflow.common.runtime.KafkaSettings;
import dev.newsflow.common.runtime.NewsflowConfig;
import dev.newsflow.common.runtime.ServiceContext;
import dev.newsflow.common.serde.InMemorySchemaRegistry;
import dev.newsflow.fetcher.FetcherConfig;
import dev.newsflow.fetcher.FetcherService;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * Fetch throughput of one fetcher instance with politeness off, end to end: a loopback server serves a
 * feed of N article pages; the clock runs from {@code start()} until every page is published to Kafka
 * (embedded broker). Prints each run and the median in pages/s.
 * {@code --mode http} measures the safe HTTP client alone (same server, same parallelism, no Kafka), to tell the
 * network path from the publish path. Usage: {@code FetchBench [--pages N] [--runs R] [--workers W] [--page-bytes B]
 * [--mode pipeline|http]}.
 */
public final class FetchBench {
    private FetchBench() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String[] args) {
        return run(args, System.out);
    }

    public static int run(String[] args, PrintStream out) {
        int pages = 2000;
        int runs = 3;
        int workers = 8;
        int pageBytes = 20_000;
        boolean httpOnly = false;
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (args[i].equals("--mode")) {
                httpOnly = args[i + 1].equals("http");
                continue;
            }
            int v = Integer.parseInt(args[i + 1]);
            switch (args[i]) {
                case "--pages" -> pages = v;
                case "--runs" -> runs = v;
                case "--workers" -> workers = v;
                case "--page-bytes" -> pageBytes = v;
                default -> {
                    out.println("unknown option " + args[i] + " (use --pages, --runs, --workers, --page-bytes)");
                    return 2;
                }
            }
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("newsflow-fetchbench-");
            try (EmbeddedKafka kafka = new EmbeddedKafka(dir.resolve("kafka"), 0).start(Duration.ofSeconds(60))) {
                String page = page(pageBytes);
                List<Double> rates = new ArrayList<>();
                out.printf(Locale.ROOT, "fetch bench (%s): %d pages of %d bytes per run, %d worker(s), politeness off, one instance%n",
                        httpOnly ? "http client only" : "feed -> request topic -> fetch -> raw topic", pages, pageBytes, workers);
                for (int r = 1; r <= runs; r++) {
                    double rate = httpOnly ? httpOnce(pages, workers, page) : once(kafka, dir.resolve("run" + r), pages, workers, page);
                    rates.add(rate);
                    out.printf(Locale.ROOT, "run %d: %.0f pages/s%n", r, rate);
                }
                List<Double> sorted = new ArrayList<>(rates);
                Collections.sort(sorted);
                double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                        : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
                out.printf(Locale.ROOT, "median: %.0f pages/s (runs: %s)%n", median, rates.stream().map(x -> String.format(Locale.ROOT, "%.0f", x)).toList());
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            out.println("fetch bench failed: " + e);
            return 1;
        } finally {
            delete(dir);
        }
    }

    private static double once(EmbeddedKafka kafka, Path runDir, int pages, int workers, String page) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        server.setExecutor(Executors.newFixedThreadPool(Math.max(4, workers)));
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        StringBuilder feed = new StringBuilder("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>bench</title>");
        for (int i = 0; i < pages; i++) {
            feed.append("<item><title>p").append(i).append("</title><link>").append(base).append("/p/").append(i).append("</link></item>");
        }
        byte[] feedBytes = feed.append("</channel></rss>").toString().getBytes(StandardCharsets.UTF_8);
        byte[] pageBytes = page.getBytes(StandardCharsets.UTF_8);
        server.createContext("/", ex -> {
            byte[] body = ex.getRequestURI().getPath().equals("/feed.xml") ? feedBytes : pageBytes;
            ex.getResponseHeaders().set("Content-Type", ex.getRequestURI().getPath().equals("/feed.xml") ? "application/rss+xml" : "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        server.start();
        try {
            Files.createDirectories(runDir);
            Path sources = runDir.resolve("sources.yml");
            Files.writeString(sources, "sources:\n  - id: bench\n    hosts: [127.0.0.1]\n    allow-private-network: true\n"
                    + "    schedule: {every: 1h}\n    politeness: {min-delay: 0ms, max-concurrency: " + Math.min(16, workers)
                    + ", respect-robots: false}\n    feeds: [" + base + "/feed.xml]\n", StandardCharsets.UTF_8);
            String prefix = runDir.getFileName() + "-" + System.nanoTime() + ".";
            InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
            NewsTopics topics = new NewsTopics(TopicSettings.defaults().withPrefix(prefix), registry);
            ServiceContext ctx = new ServiceContext(new KafkaSettings(kafka.bootstrapServers(), runDir, 0, Map.of()), registry, topics,
                    new SimpleMeterRegistry(), sources, runDir, NewsflowConfig.defaults(Map.of()));
            FetcherConfig config = FetcherConfig.from(ConfigReport.parse("bench", "worker-threads: " + workers + "\ngroup-id: " + prefix
                    + "fetcher\nmax-urls-per-document: " + Math.max(pages, 10) + "\n", Map.of()));
            long t0 = System.nanoTime();
            try (FetcherService f = new FetcherService(config, ctx)) {
                f.start();
                long deadline = t0 + Duration.ofMinutes(10).toNanos();
                while (f.stats().pagesFetched() < pages) {
                    if (System.nanoTime() > deadline || f.stats().pagesFailed() > 0) {
                        throw new IllegalStateException("bench did not complete: " + f.stats());
                    }
                    Thread.sleep(5);
                }
                return pages / ((System.nanoTime() - t0) / 1e9);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        } finally {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    private static double httpOnce(int pages, int workers, String page) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        server.setExecutor(Executors.newFixedThreadPool(Math.max(4, workers)));
        byte[] body = page.getBytes(StandardCharsets.UTF_8);
        server.createContext("/", ex -> {
            ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(body);
            }
        });
        server.start();
        java.util.concurrent.ExecutorService pool = Executors.newFixedThreadPool(workers);
        try {
            dev.newsflow.fetcher.http.HttpFetcher http = new dev.newsflow.fetcher.http.HttpFetcher(
                    new dev.newsflow.fetcher.http.Http1Client(new dev.newsflow.fetcher.http.SafeResolver(Map.of())),
                    FetcherConfig.defaults().limits(), FetcherConfig.DEFAULT_USER_AGENT);
            java.net.URI base = java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/p/");
            long t0 = System.nanoTime();
            List<java.util.concurrent.Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < pages; i++) {
                java.net.URI u = base.resolve(Integer.toString(i));
                futures.add(pool.submit(() -> http.get(u, Map.of(), "text/html", true).body().length));
            }
            for (java.util.concurrent.Future<Integer> f : futures) {
                if (f.get() != body.length) {
                    throw new IllegalStateException("short body");
                }
            }
            return pages / ((System.nanoTime() - t0) / 1e9);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("fetch failed: " + e.getCause(), e);
        } finally {
            pool.shutdownNow();
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        }
    }

    private static String page(int bytes) {
        StringBuilder sb = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>Bench article</title></head><body><article>");
        while (sb.length() < bytes - 30) {
            sb.append("<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.</p>");
        }
        return sb.append("</article></body></html>").toString();
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // temp dir; best effort
        }
    }
}
