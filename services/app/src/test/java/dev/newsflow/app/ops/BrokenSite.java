package dev.newsflow.app.ops;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A second news site on loopback that fails in the ways operators must see: a feed item that is gone (404), one
 * that robots.txt forbids, and a "feed" that is not a feed. Gives the failure meters of the fetcher real series.
 */
final class BrokenSite implements AutoCloseable {
    static final String HOST = "www.broken-news.test";
    static final String SOURCE_ID = "broken-news";

    private final HttpServer server;

    private BrokenSite(HttpServer server) {
        this.server = server;
    }

    static BrokenSite start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        BrokenSite site = new BrokenSite(server);
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            String base = "http://" + HOST + ":" + site.port();
            switch (path) {
                case "/robots.txt" -> respond(ex, 200, "text/plain", "User-agent: *\nDisallow: /private/\n");
                case "/rss.xml" -> respond(ex, 200, "application/rss+xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        + "<rss version=\"2.0\"><channel><title>Broken News</title><link>" + base + "/</link><description>fails</description>\n"
                        + "<item><title>Gone</title><link>" + base + "/news/gone-story</link><pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate></item>\n"
                        + "<item><title>Private</title><link>" + base + "/private/secret-story</link><pubDate>Mon, 02 Nov 2026 11:00:00 GMT</pubDate></item>\n"
                        + "</channel></rss>\n");
                case "/garbage.xml" -> respond(ex, 200, "application/rss+xml", "this is not a feed <<<");
                default -> respond(ex, 404, "text/html", "<html><body>Not found</body></html>");
            }
        });
        server.start();
        return site;
    }

    int port() {
        return server.getAddress().getPort();
    }

    String sourcesYaml() {
        String base = "http://" + HOST + ":" + port();
        return "  - id: " + SOURCE_ID + "\n"
                + "    name: Broken News\n"
                + "    country: GB\n"
                + "    language: en\n"
                + "    hosts: [" + HOST + "]\n"
                + "    feeds:\n"
                + "      - " + base + "/rss.xml\n"
                + "      - " + base + "/garbage.xml\n"
                + "    schedule: { every: 1m }\n"
                + "    politeness: { min-delay: 50ms, max-concurrency: 2 }\n"
                + "    allow-private-network: true\n";
    }

    private static void respond(com.sun.net.httpserver.HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
