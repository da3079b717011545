package dev.newsflow.fetcher;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A real HTTP server on loopback with per-path handlers and a log of every request. */
final class TestSite implements AutoCloseable {
    /** One request as the server saw it. */
    record Hit(String path, String host, Map<String, List<String>> headers, long startNanos, long endNanos) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    /** Writes a response. */
    interface Handler {
        void handle(HttpExchange ex) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(8);
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    final List<Hit> hits = new CopyOnWriteArrayList<>();

    TestSite() throws IOException {
        this(InetAddress.getLoopbackAddress());
    }

    TestSite(InetAddress bind) throws IOException {
        server = HttpServer.create(new InetSocketAddress(bind, 0), 64);
        server.setExecutor(pool);
        server.createContext("/", ex -> {
            long t0 = System.nanoTime();
            String path = ex.getRequestURI().getRawPath() + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
            try {
                Handler h = handlers.get(path);
                if (h == null) {
                    h = handlers.get(ex.getRequestURI().getRawPath());
                }
                if (h == null) {
                    h = handlers.entrySet().stream().filter(e -> e.getKey().endsWith("/") && path.startsWith(e.getKey()))
                            .map(Map.Entry::getValue).findFirst().orElse(null);
                }
                if (h == null) {
                    send(ex, 404, "text/plain", "not found");
                } else {
                    h.handle(ex);
                }
            } catch (IOException e) {
                // client went away (timeouts under test)
            } finally {
                hits.add(new Hit(path, ex.getRequestHeaders().getFirst("Host"), Map.copyOf(ex.getRequestHeaders()), t0, System.nanoTime()));
                ex.close();
            }
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String base() {
        return "http://127.0.0.1:" + port();
    }

    /** Base URL under another host name (mapped to loopback by the fetcher's resolve map). */
    String base(String host) {
        return "http://" + host + ":" + port();
    }

    TestSite on(String path, Handler h) {
        handlers.put(path, h);
        return this;
    }

    TestSite page(String path, String contentType, String body) {
        return on(path, ex -> send(ex, 200, contentType, body));
    }

    TestSite html(String path, String title) {
        return page(path, "text/html; charset=utf-8", "<html><head><title>" + title + "</title></head><body><h1>" + title
                + "</h1><p>Body of " + title + ".</p></body></html>");
    }

    List<Hit> hits(String path) {
        return hits.stream().filter(h -> h.path().equals(path)).toList();
    }

    static void send(HttpExchange ex, int status, String contentType, String body) throws IOException {
        send(ex, status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }

    static void send(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            ex.getResponseHeaders().set("Content-Type", contentType);
        }
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    static String rss(String... links) {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><rss version=\"2.0\"><channel><title>t</title><link>http://x/</link><description>d</description>");
        int i = 0;
        for (String l : links) {
            sb.append("<item><title>Item ").append(i++).append("</title><link>").append(l)
                    .append("</link><pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate></item>");
        }
        return sb.append("</channel></rss>").toString();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
