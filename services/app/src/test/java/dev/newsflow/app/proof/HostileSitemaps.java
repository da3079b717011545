package dev.newsflow.app.proof;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The hostile discovery documents, {@code /s/<behaviour>}. */
final class HostileSitemaps {
    private static final String URLSET = "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">";

    private HostileSitemaps() {
    }

    static void serve(HostileServer server, String behaviour, OutputStream out) throws IOException {
        String xml = "application/xml";
        String base = server.url(HostileServer.HOST, "");
        switch (behaviour) {
            case "xxe" -> HostileServer.send(out, 200, xml, ("<?xml version=\"1.0\"?>\n<!DOCTYPE urlset [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n"
                    + URLSET + "<url><loc>" + base + "/canary/xxe-&xxe;</loc></url></urlset>\n").getBytes(StandardCharsets.UTF_8));
            case "billion-laughs" -> {
                StringBuilder b = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
                b.append("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
                for (int i = 2; i <= 9; i++) {
                    b.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
                }
                b.append("]>\n").append(URLSET).append("<url><loc>").append(base).append("/canary/&lol9;</loc></url></urlset>\n");
                HostileServer.send(out, 200, xml, b.toString().getBytes(StandardCharsets.UTF_8));
            }
            case "malformed" -> HostileServer.send(out, 200, xml, ("<?xml version=\"1.0\"?>\n" + URLSET + "<url><loc>" + base
                    + "/canary/x</loc><url><loc>unterminated").getBytes(StandardCharsets.UTF_8));
            case "many-urls" -> HostileServer.send(out, 200, xml, server.cached("many-urls", () -> {
                StringBuilder b = new StringBuilder(8_000_000).append(URLSET);
                for (int i = 0; i < 100_000; i++) {
                    b.append("<url><loc>http://elsewhere.invalid/nowhere/").append(i).append("</loc></url>\n");
                }
                return b.append("</urlset>").toString().getBytes(StandardCharsets.UTF_8);
            }));
            case "gzip-bomb" -> HostileServer.send(out, 200, xml, server.cached("gzip-bomb", () -> HostileBodies.zerosGzip(1L << 30)),
                    "Content-Encoding: gzip\r\n");
            case "index-loop" -> HostileServer.send(out, 200, xml, ("<?xml version=\"1.0\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                    + "<sitemap><loc>" + base + "/s/index-loop</loc></sitemap></sitemapindex>").getBytes(StandardCharsets.UTF_8));
            default -> HostileServer.send(out, 404, "text/plain", new byte[0]);
        }
    }
}
