package dev.newsflow.app.proof;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A deliberately misbehaving HTTP/1.1 server on loopback, written on raw sockets so it can send what a
 * well-behaved server library would refuse to: slow drips, lying lengths, broken chunking, bombs and banners.
 * {@code /h/<case>} serves a corpus case, {@code /s/<case>} a hostile sitemap, {@code /canary/<n>} a clean article.
 */
final class HostileServer implements AutoCloseable {
    static final String HOST = "www.hostile.test";
    /** Hosts of their own, for robots cases and for cases that pause or slow a whole host (429, 5xx, timeouts). */
    static final List<String> EXTRA_HOSTS = List.of("robots-deny.hostile.test", "robots-binary.hostile.test",
            "robots-huge.hostile.test", "robots-loop.hostile.test", "ratelimited.hostile.test", "failing.hostile.test", "slow.hostile.test");
    static final String METADATA_HOST = "metadata.hostile.test";
    static final int CANARIES = 5;

    private final ServerSocket server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hostile-server");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, HostileCase> cases = new ConcurrentHashMap<>();
    private final Map<String, byte[]> cache = new ConcurrentHashMap<>();
    private volatile boolean closed;

    HostileServer(List<HostileCase> corpus) throws IOException {
        corpus.forEach(c -> cases.put(c.id(), c));
        // bombs are built before anything is fetched, so the time to build them is not mistaken for a slow server
        cached("gzip-bomb", () -> HostileBodies.zerosGzip(1L << 30));
        cached("deflate-bomb", () -> HostileBodies.zerosDeflate(1L << 30));
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        pool.execute(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    String url(String host, String path) {
        return "http://" + host + ":" + port() + path;
    }

    /** The URL under which an http case is fetched (robots cases live on their own host). */
    String caseUrl(HostileCase c) {
        String host = c.behaviour().contains("@") ? c.behaviour().substring(c.behaviour().indexOf('@') + 1) + ".hostile.test" : HOST;
        return url(host, "/h/" + c.id());
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        pool.shutdownNow();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = server.accept();
                pool.execute(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            s.setSoTimeout(30_000);
            String head = readHead(in);
            if (head == null) {
                return;
            }
            String[] requestLine = head.substring(0, head.indexOf('\r')).split(" ");
            URI target = URI.create(requestLine[1]);
            String host = target.getHost() != null ? target.getHost() : header(head, "host").replaceFirst(":\\d+$", "");
            respond(host.toLowerCase(Locale.ROOT), target.getRawPath(), out);
            out.flush();
        } catch (IOException | RuntimeException | InterruptedException e) {
            // the client gave up (as it should for many of these cases)
        }
    }

    private void respond(String host, String path, OutputStream out) throws IOException, InterruptedException {
        if (path.equals("/robots.txt")) {
            robots(host, out);
        } else if (path.equals("/sitemap.xml")) {
            StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
            cases.values().stream().filter(c -> c.via().startsWith("http:")).sorted(java.util.Comparator.comparing(HostileCase::id))
                    .forEach(c -> b.append("<url><loc>").append(caseUrl(c)).append("</loc></url>\n"));
            for (int i = 0; i < CANARIES; i++) {
                b.append("<url><loc>").append(url(HOST, "/canary/" + i)).append("</loc></url>\n");
            }
            send(out, 200, "application/xml", b.append("</urlset>\n").toString().getBytes(StandardCharsets.UTF_8));
        } else if (path.startsWith("/canary/")) {
            send(out, 200, "text/html; charset=utf-8", HostileBodies.page("Canary " + path.substring(8) + " still flows",
                    "<p>" + HostileBodies.uniqueText(path) + "</p>"));
        } else if (path.startsWith("/s/")) {
            HostileSitemaps.serve(this, path.substring(3), out);
        } else if (path.startsWith("/h/")) {
            String rest = path.substring(3);
            String id = rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
            HostileCase c = cases.get(id);
            if (c == null) {
                send(out, 404, "text/plain", "no such case".getBytes(StandardCharsets.UTF_8));
            } else {
                HostileResponses.serve(this, c, rest, out);
            }
        } else {
            send(out, 404, "text/plain", "not found".getBytes(StandardCharsets.UTF_8));
        }
    }

    private void robots(String host, OutputStream out) throws IOException {
        switch (host) {
            case "robots-deny.hostile.test" -> send(out, 200, "text/plain", "User-agent: *\nDisallow: /\n".getBytes(StandardCharsets.UTF_8));
            case "robots-binary.hostile.test" -> send(out, 200, "text/plain", HostileBodies.random(64 * 1024, 5));
            case "robots-huge.hostile.test" -> send(out, 200, "text/plain", cached("robots-huge",
                    () -> ("# " + "x".repeat(98) + "\n").repeat(30_000).concat("User-agent: *\nDisallow: /h/\n").getBytes(StandardCharsets.UTF_8)));
            case "robots-loop.hostile.test" -> raw(out, "HTTP/1.1 301 Moved\r\nLocation: /robots.txt\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            default -> send(out, 200, "text/plain", "User-agent: *\nAllow: /\n".getBytes(StandardCharsets.UTF_8));
        }
    }

    byte[] cached(String key, java.util.function.Supplier<byte[]> build) {
        return cache.computeIfAbsent(key, k -> build.get());
    }

    static void send(OutputStream out, int status, String type, byte[] body) throws IOException {
        send(out, status, type, body, "");
    }

    static void send(OutputStream out, int status, String type, byte[] body, String extraHeaders) throws IOException {
        raw(out, "HTTP/1.1 " + status + " X\r\nContent-Type: " + type + "\r\nContent-Length: " + body.length + "\r\n" + extraHeaders
                + "Connection: close\r\n\r\n");
        out.write(body);
    }

    static void raw(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        int state = 0;
        int b;
        while ((b = in.read()) >= 0 && buf.size() < 65536) {
            buf.write(b);
            state = (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            if (state == 4) {
                return buf.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    private static String header(String head, String name) {
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return "";
    }
}
