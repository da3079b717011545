package dev.newsflow.app.proof;

import dev.newsflow.app.runtime.Lag;
import dev.newsflow.app.runtime.Pipeline;
import dev.newsflow.common.runtime.NewsflowConfig;
import dev.newsflow.common.sources.ExtractionOverrides;
import dev.newsflow.processor.extract.ArticleExtractor;
import dev.newsflow.processor.extract.PageDecoder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * End-to-end throughput (fetch → committed database row) on the load site serving the article-extraction dev
 * pages, with an embedded broker and politeness off; and each stage alone on the same pages: fetch (HTTP → raw
 * topic), processor (raw topic → articles, i.e. parse + extract + dedup + exactly-once commit), sink (articles →
 * committed rows), and extraction alone on one thread without Kafka.
 */
public final class E2eBench implements AutoCloseable {
    /** Settings of a benchmark. {@code db} is "sqlite" or a jdbc:postgresql: URL of a server. */
    public record Settings(int articles, String db, String dbUser, Path devDir, int fetchThreads, int streamThreads, int partitions,
                           String commitInterval, Map<String, String> streams, Integer parseAheadThreads, String dedupLayout, boolean sameServices,
                           Map<String, String> sink, Path work) {
    }

    private final Settings s;
    private final LoadArticles pages;
    /** The steady rate (10 % → 90 % of the rows) of each counted run, in order. */
    private final List<Double> steadyRates = new java.util.ArrayList<>();
    private double lastJitMillisPerArticle = Double.NaN;
    private final PrintStream out;

    public E2eBench(Settings settings, PrintStream out) {
        this.s = settings;
        // pages the extractor finds no article in are dead-lettered, not stored: serve only the others, so every
        // URL should end as one row
        this.pages = servedPages(settings.devDir());
        this.out = out;
        out.printf(Locale.ROOT, "dev pages: %d of %d have an extractable article and are served%n", pages.devPageCount(),
                LoadArticles.fromDevPages(settings.devDir()).devPageCount());
    }

    /** The dev pages the current extractor finds an article in (the others would be dead-lettered, not stored). */
    static LoadArticles servedPages(Path devDir) {
        ArticleExtractor extractor = new ArticleExtractor();
        return LoadArticles.fromDevPages(devDir).filter(b -> extractor.extract(PageDecoder.decode(b, "utf-8").html(),
                "http://" + LoadSite.PRIMARY_HOST + "/x", ExtractionOverrides.NONE) instanceof dev.newsflow.processor.extract.ExtractionResult.Found);
    }

    /** JIT compile time per article (ms, summed over the compiler threads) of the last run, NaN before the first. */
    public double lastJitMillisPerArticle() {
        return lastJitMillisPerArticle;
    }

    /** The steady rates (10 % → 90 % of the rows) of the counted runs so far. */
    public List<Double> steadyRates() {
        return List.copyOf(steadyRates);
    }

    public LoadArticles pages() {
        return pages;
    }

    /**
     * One end-to-end run (a negative {@code run} is a warm-up run); returns articles per second. Without
     * {@link Settings#sameServices()}, on a fresh broker, database and pipeline ({@link #start}); with it, a
     * {@link #burst} of new articles on the services started for the first run and kept running.
     */
    public double endToEnd(int run) throws Exception {
        if (s.sameServices()) {
            return burst(run);
        }
        String name = run < 0 ? "warm-up run " + -run : "e2e run " + run;
        try (Running r = start(name, run < 0 ? "e2e-warmup" + -run : "e2e-" + run, LoadSite.start(pages, s.articles(), 0, 8), "1h")) {
            return measure(name, run, r);
        }
    }

    /** The load site, database, services (processor and sink) and fetcher of one run, or of all bursts. */
    private record Running(LoadSite site, BenchDatabase db, Pipeline services, Pipeline fetcher, RowWatcher rows) implements AutoCloseable {
        /** Closes the reader and the fetcher, then the services, the database, the site. */
        @Override
        public void close() throws Exception {
            try (LoadSite s = site; BenchDatabase d = db; Pipeline p = services; Pipeline f = fetcher; RowWatcher r = rows) {
                // closed in reverse order of declaration
            }
        }
    }

    /**
     * Starts a run's database and pipeline in a fresh folder {@code folder} of the work dir, for {@code site} (whose
     * sitemap the fetcher polls every {@code sitemapEvery}): the processor and the sink first, with the embedded broker;
     * the fetcher (in this JVM, on that broker) when they are ready, so that what is measured is the pipeline's
     * throughput, not its start-up (topic creation, the first rebalance, opening the state stores), which a running
     * service pays once. Closes {@code site} if it fails.
     */
    private Running start(String name, String folder, LoadSite site, String sitemapEvery) throws Exception {
        BenchDatabase db = null;
        Pipeline services = null;
        Pipeline fetcher = null;
        try {
            Path dir = s.work().resolve(folder);
            ProofFiles.deleteTree(dir);
            Files.createDirectories(dir);
            db = BenchDatabase.create(s.db(), dir, s.dbUser());
            services = new Pipeline(config(dir, site, db, "", "", sitemapEvery), EnumSet.of(Pipeline.Role.PROCESSOR, Pipeline.Role.SINK))
                    .start(true);
            Duration startUp = services.awaitReady(Duration.ofMinutes(3));
            out.printf(Locale.ROOT, "%s: processor and sink ready after %.1f s (not counted)%n", name, startUp.toMillis() / 1e3);
            NewsflowConfig external = config(dir, site, db, services.runtime().context().kafka().bootstrapServers(),
                    services.runtime().registryUrl(), sitemapEvery);
            fetcher = new Pipeline(external, EnumSet.of(Pipeline.Role.FETCHER)).start(false);
            return new Running(site, db, services, fetcher, new RowWatcher(db.jdbcUrl(), db.user()));
        } catch (Exception | Error e) {
            try (site; BenchDatabase d = db; Pipeline p = services; Pipeline f = fetcher) {
                throw e;
            }
        }
    }

    /** The services of {@code --same-services}, null until the first burst starts them. */
    private Running running;
    /** Articles the load site of {@code --same-services} has published so far (bursts × articles). */
    private final AtomicInteger published = new AtomicInteger();

    /**
     * A burst on the running services: the load site publishes {@code articles} new articles (its sitemap, polled every
     * second, lists only the burst's), and the burst is timed from its first article request to its last committed
     * row. The first call starts everything like a fresh run does (start-up not counted); {@link #close()} stops it.
     */
    private double burst(int run) throws Exception {
        String name = run < 0 ? "warm-up burst " + -run : "e2e burst " + run;
        if (running == null) {
            running = start(name, "e2e-same-services", LoadSite.start(pages, published::get, s.articles(), 0, 8), "1s");
            out.printf(Locale.ROOT, "%s: the broker, the services and the fetcher keep running for all bursts%n", name);
        }
        running.site().resetFirstArticle();
        published.addAndGet(s.articles());
        return measure(name, run, running);
    }

    /** Stops the services of {@code --same-services}, if started. */
    @Override
    public void close() throws Exception {
        if (running != null) {
            try (Running r = running) {
                running = null;
            }
        }
    }

    /**
     * Waits until the next {@code articles} rows are committed and prints the run's figures: rows by time, rate,
     * latency, CPU per article by thread and for the machine, the parse-ahead outcomes. Returns articles per second.
     */
    private double measure(String name, int run, Running r) throws Exception {
        LoadSite site = r.site();
        RowWatcher rows = r.rows();
        long before = rows.rows();
        int latenciesBefore = rows.latenciesMillis().size();
        long cpu0 = processCpuNanos();
        long jit0 = jitMillis();
        ThreadCpu threads0 = ThreadCpu.snapshot();
        Optional<MachineCpu> machine0 = MachineCpu.snapshot();
        MeterRegistry meters = r.services().runtime().context().meters();
        double[] ahead0 = {parseAhead(meters, "ready"), parseAhead(meters, "waited"), parseAhead(meters, "inline")};
        // a generous first wait: topic creation and the first rebalance take a while on a busy machine
        long lastProgress = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        StringBuilder timeline = new StringBuilder();
        int nextMark = 0; // rows at 1, 10 %, 20 % ... of the articles: where the time goes
        double[] markSeconds = new double[11];
        while (rows.rows() - before < s.articles() && System.nanoTime() - lastProgress < TimeUnit.SECONDS.toNanos(60)
                && r.services().healthy() && r.fetcher().healthy()) {
            if (rows.poll() > 0) {
                lastProgress = System.nanoTime();
                while (nextMark <= 10 && rows.rows() - before >= Math.max(1, s.articles() * nextMark / 10)) {
                    markSeconds[nextMark] = (System.nanoTime() - site.firstArticleNanos()) / 1e9;
                    timeline.append(String.format(Locale.ROOT, " %d%%@%.1fs", nextMark * 10, markSeconds[nextMark]));
                    nextMark++;
                }
            }
            Thread.sleep(50);
        }
        long stored = rows.rows() - before;
        double secs = (System.nanoTime() - site.firstArticleNanos()) / 1e9;
        long cpu = processCpuNanos() - cpu0;
        long jit = jitMillis() - jit0;
        Optional<MachineCpu> machine = MachineCpu.snapshot();
        Map<String, Long> byThread = ThreadCpu.snapshot().since(threads0);
        out.printf(Locale.ROOT, "%s: rows committed (first row = 0%%) by time since the first request:%s%n", name, timeline);
        if (nextMark > 9 && markSeconds[9] > markSeconds[1]) {
            // the rate once the pipeline is full, without its fill and drain; caution: in a burst run the 10 % mark
            // comes when the fetcher's burst is over (2,000 pages: ~5 s), so this window leaves the fetch's CPU out
            // — it is the processor's and sink's rate, not an end-to-end one (docs/BENCHMARKS.md)
            double steady = (s.articles() * 9 / 10 - s.articles() / 10) / (markSeconds[9] - markSeconds[1]);
            out.printf(Locale.ROOT, "%s: steady rate between 10 %% and 90 %% of the rows (after the fetch burst): %.1f articles/s%n", name, steady);
            if (run > 0) {
                steadyRates.add(steady);
            }
        }
        double rate = stored / secs;
        lastJitMillisPerArticle = (double) jit / Math.max(1, stored);
        List<Long> latencies = rows.latenciesMillis().subList(latenciesBefore, rows.latenciesMillis().size());
        out.printf(Locale.ROOT, "%s: %d articles (%s) in %.1f s = %.1f articles/s; commit latency p50 %d ms, p99 %d ms; "
                        + "%.2f CPU-ms per article (whole JVM: load site, broker, services), JIT compile time %.2f ms per article (summed over compiler threads), %.2f cores busy%n",
                name, stored, r.db().postgres() ? "PostgreSQL" : "SQLite", secs, rate,
                RowWatcher.percentile(latencies, 50), RowWatcher.percentile(latencies, 99),
                cpu / 1e6 / Math.max(1, stored), lastJitMillisPerArticle, cpu / 1e9 / secs);
        out.printf(Locale.ROOT, "%s: CPU-ms per article by thread: %s%n", name, ThreadCpu.perArticle(byThread, cpu, stored));
        out.printf(Locale.ROOT, "%s: %s%n", name, MachineCpu.perArticle(machine0, machine, cpu, stored));
        double ready = parseAhead(meters, "ready") - ahead0[0];
        double waited = parseAhead(meters, "waited") - ahead0[1];
        double inline = parseAhead(meters, "inline") - ahead0[2];
        if (ready + waited > 0) {
            out.printf(Locale.ROOT, "%s: raw pages parsed ahead: %.0f found ready, %.0f waited for; %.0f parsed by the stream thread itself%n",
                    name, ready, waited, inline);
        }
        if (stored < s.articles()) {
            out.printf(Locale.ROOT, "%s: WARNING only %d of %d rows (no progress for 60 s, or a service failed): this run's figures are not valid%n",
                    name, stored, s.articles());
        }
        return rate;
    }

    private static double parseAhead(MeterRegistry meters, String result) {
        Counter c = meters.find("news.parse.ahead").tag("result", result).counter();
        return c == null ? 0 : c.count();
    }

    /**
     * The load site serves the same dev pages again and again under new URLs: the language detector's remembered answers
     * ({@code enrich.language.remember}) would answer nearly every page from memory and hide the detector's cost, which
     * real pages pay (mirror copies and re-fetches aside).
     */
    static final String REPEATED_PAGES_YAML = "  enrich:\n    language: { remember: 0 }\n";

    /** {@code processor.commit-interval} as YAML, or nothing (the processor's default) when not given. */
    static String commitIntervalYaml(String commitInterval) {
        return commitInterval == null ? "" : "  commit-interval: " + commitInterval + "\n";
    }

    /** {@code processor.dedup.layout} as YAML, or nothing (the processor's default) when not given. */
    static String dedupLayoutYaml(String layout) {
        return layout == null ? "" : "  dedup:\n    layout: '" + layout.replace("'", "''") + "'\n";
    }

    /** {@code processor.parse-ahead-threads} as YAML, or nothing (the processor's default) when not given. */
    static String parseAheadYaml(Integer threads) {
        return threads == null ? "" : "  parse-ahead-threads: " + threads + "\n";
    }

    /** {@code processor.streams} entries as YAML (values quoted). */
    static String streamsYaml(Map<String, String> streams) {
        StringBuilder sb = new StringBuilder(streams.isEmpty() ? "" : "  streams:\n");
        streams.forEach((k, v) -> sb.append("    ").append(k).append(": '").append(v.replace("'", "''")).append("'\n"));
        return sb.toString();
    }

    /** Keys of a section as YAML lines under it (values as plain scalars, so that true/false stay booleans). */
    static String settingsYaml(Map<String, String> settings) {
        StringBuilder sb = new StringBuilder();
        settings.forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v).append('\n'));
        return sb.toString();
    }

    /** Each stage alone, one after the other on the same broker: fetch, processor, sink. Returns articles/s per stage. */
    public Map<String, Double> stages() throws Exception {
        Path dir = s.work().resolve("stages");
        ProofFiles.deleteTree(dir);
        Files.createDirectories(dir);
        Map<String, Double> rates = new java.util.LinkedHashMap<>();
        try (LoadSite site = LoadSite.start(pages, s.articles(), 0, 8);
             BenchDatabase db = BenchDatabase.create(s.db(), dir, s.dbUser())) {
            NewsflowConfig config = config(dir, site, db, "", "", "1h");
            // the embedded broker lives in a pipeline with no services; each stage is a second pipeline on it
            Path kafkaDir = dir.resolve("kafka");
            try (Pipeline broker = new Pipeline(config, EnumSet.noneOf(Pipeline.Role.class)).start(true)) {
                String bootstrap = broker.runtime().context().kafka().bootstrapServers();
                NewsflowConfig external = config(dir, site, db, bootstrap, broker.runtime().registryUrl(), "1h");
                var topics = broker.runtime().context().topics();
                Map<String, Object> props = broker.clientProps();
                long t0;
                long cpu0 = processCpuNanos();
                try (Pipeline fetcher = new Pipeline(external, EnumSet.of(Pipeline.Role.FETCHER)).start(false)) {
                    while (endOffsets(props, topics.rawPages().name()) < s.articles()) {
                        Thread.sleep(50);
                    }
                    t0 = site.firstArticleNanos();
                    rates.put("fetch (HTTP -> raw topic)", s.articles() / ((System.nanoTime() - t0) / 1e9));
                    cpu0 = cpuPerArticle("fetch", cpu0);
                }
                try (Admin admin = Admin.create(props);
                     Pipeline processor = new Pipeline(external, EnumSet.of(Pipeline.Role.PROCESSOR)).start(false)) {
                    Duration startUp = processor.awaitReady(Duration.ofMinutes(3));
                    t0 = System.nanoTime();
                    out.printf(Locale.ROOT, "processor reached RUNNING in %.1f s (not counted below)%n", startUp.toMillis() / 1e3);
                    cpu0 = processCpuNanos();
                    String app = processor.processorConfig().applicationId();
                    // done when the raw topic and the repartition topic are both consumed and the articles are out
                    while (!hasCommitted(admin, app) || Lag.pending(admin, props, app, inputs(admin, app, topics.rawPages().name())) > 0
                            || endOffsets(props, topics.articles().name()) < s.articles()) {
                        Thread.sleep(500); // each probe costs the broker and this JVM some CPU: probe twice a second
                    }
                    rates.put("processor (parse + extract + dedup, exactly-once)", s.articles() / ((System.nanoTime() - t0) / 1e9));
                    cpu0 = cpuPerArticle("processor", cpu0);
                }
                try (RowWatcher rows = new RowWatcher(db.jdbcUrl(), db.user());
                     Pipeline sink = new Pipeline(external, EnumSet.of(Pipeline.Role.SINK)).start(false)) {
                    t0 = System.nanoTime();
                    while (rows.rows() < s.articles()) {
                        rows.poll();
                        Thread.sleep(20);
                    }
                    rates.put("sink (articles -> committed rows, " + (db.postgres() ? "PostgreSQL" : "SQLite") + ")",
                            s.articles() / ((System.nanoTime() - t0) / 1e9));
                    cpuPerArticle("sink", cpu0);
                }
            }
            ProofFiles.deleteTree(kafkaDir);
        }
        return rates;
    }

    /**
     * Prints the CPU time this JVM (the stage, the broker and the registry; the load site is idle once fetched) spent
     * per article since {@code since}, and returns the current reading: unlike articles/s, this figure hardly moves
     * when other processes compete for the cores.
     */
    private long cpuPerArticle(String stage, long since) {
        long now = processCpuNanos();
        out.printf(Locale.ROOT, "stage %s: %.2f CPU-ms per article (whole JVM incl. broker)%n", stage, (now - since) / 1e6 / s.articles());
        return now;
    }

    /** Milliseconds the JIT compiler threads have spent compiling (an approximation of their CPU time). */
    static long jitMillis() {
        java.lang.management.CompilationMXBean jit = java.lang.management.ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Decode + jsoup parse + extraction of the dev pages on this thread, no Kafka: pages per second. */
    public double extractionOnly(Duration warmUp, Duration duration) {
        List<byte[]> bodies = new java.util.ArrayList<>();
        for (int i = 0; i < 128; i++) {
            bodies.add(pages.render(i, "http://" + LoadSite.PRIMARY_HOST, "http://" + LoadSite.PRIMARY_HOST));
        }
        ArticleExtractor extractor = new ArticleExtractor();
        long warm = System.nanoTime() + warmUp.toNanos();
        int i = 0;
        while (System.nanoTime() < warm) {
            extract(extractor, bodies.get(i++ % bodies.size()), i);
        }
        long t0 = System.nanoTime();
        long end = t0 + duration.toNanos();
        int n = 0;
        while (System.nanoTime() < end) {
            extract(extractor, bodies.get(n % bodies.size()), n);
            n++;
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    private static void extract(ArticleExtractor extractor, byte[] body, int i) {
        PageDecoder.Decoded d = PageDecoder.decode(body, "utf-8");
        extractor.extract(d.html(), "http://" + LoadSite.PRIMARY_HOST + LoadArticles.path(i), ExtractionOverrides.NONE);
    }

    private static Set<String> inputs(Admin admin, String app, String raw) throws Exception {
        Set<String> in = new java.util.HashSet<>(Set.of(raw));
        admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
                .filter(t -> t.startsWith(app + "-") && t.endsWith("-repartition")).forEach(in::add);
        return in;
    }

    private static boolean hasCommitted(Admin admin, String group) throws Exception {
        return !admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS).isEmpty();
    }

    private static long endOffsets(Map<String, Object> props, String topic) {
        Map<String, Object> p = new java.util.HashMap<>(props);
        p.remove("group.id");
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic).stream().map(x -> new TopicPartition(topic, x.partition())).toList();
            return c.endOffsets(parts).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private NewsflowConfig config(Path dir, LoadSite site, BenchDatabase db, String bootstrap, String registry, String sitemapEvery) throws Exception {
        Path sources = dir.resolve("sources.yml");
        Files.writeString(sources, site.sourcesYaml("0ms", 16, sitemapEvery), StandardCharsets.UTF_8);
        String yaml = "data-dir: '" + dir + "'\n"
                + "sources: '" + sources + "'\n"
                + "kafka:\n  bootstrap-servers: '" + bootstrap + "'\n  topics:\n    partitions: " + s.partitions() + "\n"
                + "schema-registry:\n  url: '" + registry + "'\n"
                + "metrics:\n  host: 127.0.0.1\n  port: 0\n"
                + "fetcher:\n  worker-threads: " + s.fetchThreads() + "\n  max-urls-per-document: 1000000\n" + LoadSite.resolveYaml()
                + "processor:\n  stream-threads: " + s.streamThreads() + "\n" + REPEATED_PAGES_YAML + commitIntervalYaml(s.commitInterval())
                + parseAheadYaml(s.parseAheadThreads()) + dedupLayoutYaml(s.dedupLayout()) + streamsYaml(s.streams())
                + "sink:\n  jdbc-url: '" + db.jdbcUrl() + "'\n" + (db.postgres() ? "  username: '" + db.user() + "'\n" : "")
                + settingsYaml(s.sink());
        return NewsflowConfig.parse(yaml, Map.of());
    }
}
