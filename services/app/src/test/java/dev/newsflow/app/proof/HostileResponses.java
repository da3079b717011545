package dev.newsflow.app.proof;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** What the hostile server sends for {@code /h/<case>}, by the case's behaviour. */
final class HostileResponses {
    private static final long BOMB = 1L << 30;

    private HostileResponses() {
    }

    static void serve(HostileServer server, HostileCase c, String rest, OutputStream out) throws IOException, InterruptedException {
        String html = "text/html; charset=utf-8";
        switch (c.behaviourName()) {
            case "page" -> HostileServer.send(out, 200, contentType(c), server.cached("body:" + c.id(), () -> HostileBodies.body(c.body())));
            case "empty" -> HostileServer.send(out, 200, html, new byte[0]);
            case "status-404" -> HostileServer.send(out, 404, html, "<h1>Not found</h1>".getBytes(StandardCharsets.UTF_8));
            case "status-500" -> HostileServer.send(out, 500, html, "<h1>Internal error</h1>".getBytes(StandardCharsets.UTF_8));
            case "status-429" -> HostileServer.send(out, 429, html, new byte[0], "Retry-After: 999999999\r\n");
            case "gzip-bomb" -> HostileServer.send(out, 200, html, server.cached("gzip-bomb", () -> HostileBodies.zerosGzip(BOMB)),
                    "Content-Encoding: gzip\r\n");
            case "deflate-bomb" -> HostileServer.send(out, 200, html, server.cached("deflate-bomb", () -> HostileBodies.zerosDeflate(BOMB)),
                    "Content-Encoding: deflate\r\n");
            case "double-gzip" -> HostileServer.send(out, 200, html, HostileBodies.zerosGzip(1000), "Content-Encoding: gzip, gzip\r\n");
            case "brotli" -> HostileServer.send(out, 200, html, HostileBodies.random(500, 1), "Content-Encoding: br\r\n");
            case "corrupt-gzip" -> HostileServer.send(out, 200, html, HostileBodies.concat(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3},
                    HostileBodies.random(5000, 2)), "Content-Encoding: gzip\r\n");
            case "redirect-loop" -> redirect(out, rest.endsWith("/b") ? "/h/" + c.id() : "/h/" + c.id() + "/b");
            case "redirect-chain" -> redirect(out, "/h/" + c.id() + "/" + (next(rest)));
            case "redirect-metadata" -> redirect(out, "http://169.254.169.254/latest/meta-data/iam/security-credentials/");
            case "redirect-metadata-decimal" -> redirect(out, "http://2852039166/latest/meta-data/");
            case "redirect-metadata-v6" -> redirect(out, "http://[::ffff:a9fe:a9fe]/latest/meta-data/");
            case "redirect-metadata-name" -> redirect(out, "http://" + HostileServer.METADATA_HOST + "/latest/meta-data/");
            case "redirect-file" -> redirect(out, "file:///etc/passwd");
            case "redirect-gopher" -> redirect(out, "gopher://127.0.0.1:11211/_stats");
            case "redirect-no-location" -> HostileServer.raw(out, "HTTP/1.1 302 Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            case "slow-drip" -> {
                HostileServer.raw(out, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n");
                drip(out, "<p>drip</p>".getBytes(StandardCharsets.UTF_8));
            }
            case "slow-headers" -> drip(out, "HTTP/1.1 200 OK\r\nX-Slow: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                    .getBytes(StandardCharsets.ISO_8859_1));
            case "silent" -> Thread.sleep(30_000);
            case "reset" -> { }
            case "short-body" -> {
                HostileServer.raw(out, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\nConnection: close\r\n\r\n");
                out.write("<html><body><p>".repeat(6).getBytes(StandardCharsets.UTF_8));
            }
            case "bad-chunked" -> HostileServer.raw(out, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n"
                    + "Connection: close\r\n\r\nZZZZ\r\n<html>\r\n0\r\n\r\n");
            case "huge-header" -> HostileServer.raw(out, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Huge: " + "h".repeat(1 << 20)
                    + "\r\nContent-Length: 2\r\n\r\nok");
            case "not-http" -> HostileServer.raw(out, "SSH-2.0-OpenSSH_9.6p1 Ubuntu-3ubuntu13\r\n" + "\u0000".repeat(100));
            default -> throw new IllegalArgumentException("unknown behaviour " + c.behaviour());
        }
    }

    private static String contentType(HostileCase c) {
        return switch (c.id()) {
            case "lying-charset-sjis" -> "text/html; charset=ISO-8859-1";
            case "unknown-charset" -> "text/html; charset=x-klingon-42";
            case "utf16-no-bom", "bom-mismatch" -> "text/html";
            case "png-content-type" -> "image/png";
            default -> "text/html; charset=utf-8";
        };
    }

    private static int next(String rest) {
        int slash = rest.indexOf('/');
        return slash < 0 ? 1 : Integer.parseInt(rest.substring(slash + 1)) + 1;
    }

    private static void redirect(OutputStream out, String location) throws IOException {
        HostileServer.raw(out, "HTTP/1.1 302 Found\r\nLocation: " + location + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
    }

    private static void drip(OutputStream out, byte[] unit) throws IOException, InterruptedException {
        for (int i = 0; i < 120; i++) {
            out.write(unit[i % unit.length]);
            out.flush();
            Thread.sleep(500);
        }
    }
}
