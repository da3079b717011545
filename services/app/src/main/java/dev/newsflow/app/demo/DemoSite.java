package dev.newsflow.app.demo;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bundled demo news site "Demo Daily", served on 127.0.0.1 for {@code newsflow demo} and the tests.
 * It answers by Host header for a primary and a mirror host name with the same article paths; each host
 * links to itself, but canonical links always name the primary host, as real mirrors tend to do. Pages
 * carry ETag/Last-Modified (304 on conditional GETs) and are gzip-encoded on request.
 */
public final class DemoSite implements AutoCloseable {
    public static final String PRIMARY_HOST = "www.demo-daily.test";
    public static final String MIRROR_HOST = "mirror.demo-daily.test";
    public static final String SOURCE_ID = "demo-daily";

    private static final Logger LOG = LoggerFactory.getLogger(DemoSite.class);
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private final HttpServer server;
    private final ExecutorService executor;
    private final DemoCatalog catalog;
    private final DemoRoutes routes;
    private final AtomicLong requests = new AtomicLong();

    private DemoSite(HttpServer server, ExecutorService executor, DemoCatalog catalog) {
        this.server = server;
        this.executor = executor;
        this.catalog = catalog;
        this.routes = new DemoRoutes(catalog, baseUrl(PRIMARY_HOST));
    }

    /** Starts the site on 127.0.0.1; {@code port} 0 picks a free port. */
    public static DemoSite start(int port) {
        DemoCatalog catalog = DemoCatalog.load();
        AtomicInteger n = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "demo-site-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 64);
            server.setExecutor(executor);
            DemoSite site = new DemoSite(server, executor, catalog);
            server.createContext("/", site::handle);
            server.start();
            LOG.info("Demo site serving {} articles at {} and {}", catalog.stories().size(), site.baseUrl(PRIMARY_HOST),
                    site.baseUrl(MIRROR_HOST));
            return site;
        } catch (IOException e) {
            executor.shutdownNow();
            throw new UncheckedIOException("cannot start the demo site on 127.0.0.1:" + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://<host>:<port>}, without a trailing slash. */
    public String baseUrl(String host) {
        return "http://" + host + ":" + port();
    }

    /** Every article, newest first. */
    public List<DemoArticle> articles() {
        return catalog.stories().stream().map(DemoStory::toArticle).toList();
    }

    public String primaryFeedUrl() {
        return baseUrl(PRIMARY_HOST) + "/rss.xml";
    }

    public String mirrorFeedUrl() {
        return baseUrl(MIRROR_HOST) + "/rss.xml";
    }

    public String sitemapUrl() {
        return baseUrl(PRIMARY_HOST) + "/sitemap.xml";
    }

    /** Requests answered so far, whatever their outcome. */
    public long requests() {
        return requests.get();
    }

    /** The {@code sources.yml} text that points newsflow at a demo site listening on {@code port}. */
    public static String sourcesYaml(int port) {
        String primary = "http://" + PRIMARY_HOST + ":" + port;
        String mirror = "http://" + MIRROR_HOST + ":" + port;
        return "# Demo Daily: the bundled demo site, served on loopback by `newsflow demo`.\n"
                + "sources:\n"
                + "  - id: " + SOURCE_ID + "\n"
                + "    name: Demo Daily\n"
                + "    country: GB\n"
                + "    language: en\n"
                + "    hosts: [" + PRIMARY_HOST + "]\n"
                + "    mirrors: [" + MIRROR_HOST + "]\n"
                + "    feeds:\n"
                + "      - " + primary + "/rss.xml\n"
                + "      - " + mirror + "/rss.xml\n"
                + "    sitemaps:\n"
                + "      - " + primary + "/sitemap.xml\n"
                + "    schedule: { every: 1m }\n"
                + "    politeness: { min-delay: 50ms, max-concurrency: 4 }\n"
                + "    allow-private-network: true\n";
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
            LOG.debug("Demo site request {} failed: {}", ex.getRequestURI().getRawPath(), e.toString());
        } finally {
            ex.close();
        }
    }

    private void respond(HttpExchange ex) throws IOException {
        Headers out = ex.getResponseHeaders();
        String method = ex.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            out.set("Allow", "GET, HEAD");
            ex.sendResponseHeaders(405, -1);
            return;
        }
        // absolute-form (a client using this site as its HTTP proxy) names the host in the request line
        String host = ex.getRequestURI().getHost() != null ? ex.getRequestURI().getHost().toLowerCase(Locale.ROOT)
                : host(ex.getRequestHeaders().getFirst("Host"));
        if (!host.equals(PRIMARY_HOST) && !host.equals(MIRROR_HOST)) {
            send(ex, Resource.of(404, "text/plain; charset=utf-8",
                    "Unknown host. This demo site answers for " + PRIMARY_HOST + " and " + MIRROR_HOST + ".\n", null));
            return;
        }
        String path = ex.getRequestURI().getRawPath();
        Resource r = path == null || path.isEmpty() ? routes.notFound(baseUrl(host)) : routes.resolve(baseUrl(host), path);
        if (r.status() == 200 && notModified(ex.getRequestHeaders(), r)) {
            validators(out, r);
            ex.sendResponseHeaders(304, -1);
            return;
        }
        send(ex, r);
    }

    private static void send(HttpExchange ex, Resource r) throws IOException {
        Headers out = ex.getResponseHeaders();
        out.set("Content-Type", r.contentType());
        out.set("Vary", "Accept-Encoding");
        out.set("Cache-Control", r.status() == 200 ? "public, max-age=60" : "no-store");
        validators(out, r);
        byte[] body = r.body();
        if (acceptsGzip(ex.getRequestHeaders().getFirst("Accept-Encoding"))) {
            body = gzip(body);
            out.set("Content-Encoding", "gzip");
        }
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(r.status(), -1);
            return;
        }
        ex.sendResponseHeaders(r.status(), body.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(body);
        }
    }

    private static void validators(Headers out, Resource r) {
        if (r.etag() != null) {
            out.set("ETag", r.etag());
        }
        if (r.lastModified() != null) {
            out.set("Last-Modified", HTTP_DATE.format(r.lastModified().atOffset(ZoneOffset.UTC)));
        }
    }

    /** If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2); weak comparison for GET. */
    static boolean notModified(Headers in, Resource r) {
        String inm = in.getFirst("If-None-Match");
        if (inm != null) {
            String mine = r.etag().substring(2);
            for (String tag : inm.split(",")) {
                String t = tag.trim();
                if (t.equals("*") || (t.startsWith("W/") ? t.substring(2) : t).equals(mine)) {
                    return true;
                }
            }
            return false;
        }
        String ims = in.getFirst("If-Modified-Since");
        if (ims == null || r.lastModified() == null) {
            return false;
        }
        try {
            Instant since = Instant.from(HTTP_DATE.parse(ims.trim()));
            return !r.lastModified().isAfter(since);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        for (String part : acceptEncoding.toLowerCase(Locale.ROOT).split(",")) {
            String[] p = part.trim().split(";");
            if (p[0].trim().equals("gzip")) {
                return p.length < 2 || !p[1].replace(" ", "").matches("q=0(\\.0*)?");
            }
        }
        return false;
    }

    private static String host(String header) {
        if (header == null) {
            return "";
        }
        String h = header.trim().toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        return colon > 0 && !h.endsWith("]") ? h.substring(0, colon) : h;
    }

    private static byte[] gzip(byte[] body) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(body.length / 3 + 64);
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(body);
        }
        return bytes.toByteArray();
    }

    @Override
    public String toString() {
        return "DemoSite[" + baseUrl(PRIMARY_HOST) + "]";
    }
}
