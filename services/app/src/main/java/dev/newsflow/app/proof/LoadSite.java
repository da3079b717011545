package dev.newsflow.app.proof;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Load News", a fictional site on 127.0.0.1 for the crash test, the benchmarks and the soak: {@code articles}
 * article pages on a primary host, every {@code mirrorEvery}-th of them also on a mirror host (same path, canonical
 * link to the primary host), each host listing its own pages in {@code /sitemap.xml}. In live mode the number of
 * published articles grows over time (a {@link IntSupplier}), so the sitemap offers only what exists "so far".
 */
public final class LoadSite implements AutoCloseable {
    public static final String PRIMARY_HOST = "www.load-news.test";
    public static final String MIRROR_HOST = "mirror.load-news.test";
    public static final String SOURCE_ID = "load-news";
    private static final Logger LOG = LoggerFactory.getLogger(LoadSite.class);
    /**
     * A site that keeps publishing lists at most this many of its newest pages (the fetcher remembers what it has
     * seen); a site with a fixed number of articles lists them all, or the older ones would never be found.
     */
    private static final int SITEMAP_WINDOW = 5000;

    private final HttpServer server;
    private final ExecutorService executor;
    private final LoadArticles pages;
    private final int mirrorEvery;
    private final IntSupplier published;
    private final int sitemapWindow;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong bytesServed = new AtomicLong();
    private final AtomicLong firstArticleNanos = new AtomicLong();

    private LoadSite(HttpServer server, ExecutorService executor, LoadArticles pages, int mirrorEvery, IntSupplier published, int sitemapWindow) {
        this.sitemapWindow = sitemapWindow;
        this.server = server;
        this.executor = executor;
        this.pages = pages;
        this.mirrorEvery = mirrorEvery;
        this.published = published;
    }

    /** A site with a fixed number of articles. {@code mirrorEvery} 0 means no mirror copies. */
    public static LoadSite start(LoadArticles pages, int articles, int mirrorEvery, int threads) {
        return start(pages, () -> articles, Integer.MAX_VALUE, mirrorEvery, threads);
    }

    /** A site whose published article count is asked of {@code published} on each sitemap request. */
    public static LoadSite start(LoadArticles pages, IntSupplier published, int mirrorEvery, int threads) {
        return start(pages, published, SITEMAP_WINDOW, mirrorEvery, threads);
    }

    /** A site whose sitemap lists at most the newest {@code sitemapWindow} of the articles published so far. */
    static LoadSite start(LoadArticles pages, IntSupplier published, int sitemapWindow, int mirrorEvery, int threads) {
        AtomicInteger n = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "load-site-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
            server.setExecutor(executor);
            LoadSite site = new LoadSite(server, executor, pages, mirrorEvery, published, sitemapWindow);
            server.createContext("/", site::handle);
            server.start();
            LOG.info("Load site on 127.0.0.1:{} ({} pages, mirror every {})", site.port(), pages.usesDevPages() ? "dev" : "templated",
                    mirrorEvery);
            return site;
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot start the load site", e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl(String host) {
        return "http://" + host + ":" + port();
    }

    /** Number of mirror copies among the first {@code articles} articles. */
    public int mirrorCount(int articles) {
        return mirrorEvery <= 0 ? 0 : (articles + mirrorEvery - 1) / mirrorEvery;
    }

    public boolean hasMirror(int i) {
        return mirrorEvery > 0 && i % mirrorEvery == 0;
    }

    public long requests() {
        return requests.get();
    }

    /** {@link System#nanoTime()} of the first article request, 0 before it. */
    public long firstArticleNanos() {
        return firstArticleNanos.get();
    }

    /** Forgets the first article request (for a new timed phase on the same site). */
    public void resetFirstArticle() {
        firstArticleNanos.set(0);
    }

    public long bytesServed() {
        return bytesServed.get();
    }

    /**
     * The sources.yml for this site. {@code minDelay} and {@code concurrency} set the per-host politeness
     * ({@code 0ms} with concurrency 16 is "politeness off"); {@code every} is the sitemap poll interval.
     */
    public String sourcesYaml(String minDelay, int concurrency, String every) {
        return "sources:\n"
                + "  - id: " + SOURCE_ID + "\n"
                + "    name: Load News\n"
                + "    language: en\n"
                + "    hosts: [" + PRIMARY_HOST + "]\n"
                + "    mirrors: [" + MIRROR_HOST + "]\n"
                + "    sitemaps:\n"
                + "      - " + baseUrl(PRIMARY_HOST) + "/sitemap.xml\n"
                + (mirrorEvery > 0 ? "      - " + baseUrl(MIRROR_HOST) + "/sitemap.xml\n" : "")
                + "    schedule: { every: " + every + " }\n"
                + "    politeness: { min-delay: " + minDelay + ", max-concurrency: " + concurrency + ", respect-robots: false }\n"
                + "    allow-private-network: true\n";
    }

    /** The {@code fetcher.resolve} block mapping both host names to loopback (indented for the fetcher section). */
    public static String resolveYaml() {
        return "  resolve:\n    " + PRIMARY_HOST + ": 127.0.0.1\n    " + MIRROR_HOST + ": 127.0.0.1\n";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void handle(HttpExchange ex) {
        requests.incrementAndGet();
        try {
            respond(ex);
        } catch (IOException | RuntimeException e) {
            LOG.debug("Load site request {} failed: {}", ex.getRequestURI(), e.toString());
        } finally {
            ex.close();
        }
    }

    private void respond(HttpExchange ex) throws IOException {
        String host = ex.getRequestURI().getHost() != null ? ex.getRequestURI().getHost()
                : String.valueOf(ex.getRequestHeaders().getFirst("Host")).replaceFirst(":\\d+$", "");
        host = host.toLowerCase(Locale.ROOT);
        boolean mirror = host.equals(MIRROR_HOST);
        if (!mirror && !host.equals(PRIMARY_HOST)) {
            send(ex, 404, "text/plain; charset=utf-8", "unknown host\n".getBytes(StandardCharsets.UTF_8));
            return;
        }
        String path = ex.getRequestURI().getRawPath();
        if ("/robots.txt".equals(path)) {
            send(ex, 200, "text/plain; charset=utf-8", "User-agent: *\nAllow: /\n".getBytes(StandardCharsets.UTF_8));
        } else if ("/sitemap.xml".equals(path)) {
            send(ex, 200, "application/xml; charset=utf-8", sitemap(host, mirror).getBytes(StandardCharsets.UTF_8));
        } else {
            int i = articleIndex(path);
            if (i < 0 || i >= published.getAsInt() || (mirror && !hasMirror(i))) {
                send(ex, 404, "text/html; charset=utf-8", "<html><body>Not found</body></html>".getBytes(StandardCharsets.UTF_8));
                return;
            }
            firstArticleNanos.compareAndSet(0, System.nanoTime());
            send(ex, 200, "text/html; charset=utf-8", pages.render(i, baseUrl(host), baseUrl(PRIMARY_HOST)));
        }
    }

    private String sitemap(String host, boolean mirror) {
        int n = published.getAsInt();
        StringBuilder b = new StringBuilder(n * 80 + 200);
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (int i = Math.max(0, n - sitemapWindow); i < n; i++) {
            if (!mirror || hasMirror(i)) {
                b.append("<url><loc>").append(baseUrl(host)).append(LoadArticles.path(i)).append("</loc></url>\n");
            }
        }
        return b.append("</urlset>\n").toString();
    }

    /** The article number in {@code /news/000042/slug.html}, or -1. */
    static int articleIndex(String path) {
        if (path == null || !path.startsWith("/news/") || path.length() < 13 || path.charAt(12) != '/') {
            return -1;
        }
        try {
            return Integer.parseInt(path.substring(6, 12));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(body);
        }
        bytesServed.addAndGet(body.length);
    }
}
