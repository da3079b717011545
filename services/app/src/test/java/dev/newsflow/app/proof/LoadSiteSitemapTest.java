package dev.newsflow.app.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The load site's sitemap over real HTTP on loopback. */
class LoadSiteSitemapTest {

    private static String sitemap(LoadSite site) throws Exception {
        try (Socket s = new Socket("127.0.0.1", site.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET /sitemap.xml HTTP/1.1\r\nHost: " + LoadSite.PRIMARY_HOST + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            in.transferTo(body);
            return body.toString(StandardCharsets.UTF_8);
        }
    }

    private static long urls(String sitemap) {
        return sitemap.split("<loc>", -1).length - 1;
    }

    @Test
    void shouldListEveryArticleOfASiteWithAFixedNumberOfArticles() throws Exception {
        try (LoadSite site = LoadSite.start(LoadArticles.templated(), 7000, 0, 1)) {
            String map = sitemap(site);
            assertThat(urls(map)).isEqualTo(7000);
            assertThat(map).contains(LoadArticles.path(0), LoadArticles.path(6999));
        }
    }

    @Test
    void shouldListOnlyTheNewestPagesOfASiteThatKeepsPublishing() throws Exception {
        try (LoadSite site = LoadSite.start(LoadArticles.templated(), () -> 7000, 0, 1)) {
            String map = sitemap(site);
            assertThat(urls(map)).isEqualTo(5000);
            assertThat(map).contains(LoadArticles.path(6999)).doesNotContain(LoadArticles.path(1999) + "<");
        }
    }
}
