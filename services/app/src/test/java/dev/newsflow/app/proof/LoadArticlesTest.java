package dev.newsflow.app.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoadArticlesTest {

    @Test
    void shouldGiveEveryArticleItsOwnPathTitleAndBody() {
        LoadArticles pages = LoadArticles.templated();
        Set<String> paths = new HashSet<>();
        Set<String> titles = new HashSet<>();
        Set<String> bodies = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            paths.add(LoadArticles.path(i));
            titles.add(LoadArticles.title(i));
            String html = new String(pages.render(i, "http://a", "http://b"), StandardCharsets.UTF_8);
            bodies.add(html.substring(html.indexOf("article-body")));
        }
        assertThat(paths).hasSize(2000);
        assertThat(titles).hasSize(2000);
        assertThat(bodies).hasSize(2000);
    }

    @Test
    void shouldRenderDevPagesWithTheirOwnTitleIndexAndCanonicalLinkKeepingMultiByteText(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Files.writeString(dir.resolve("a.html"), "<html><head><title>Über Ärger – 東京</title>"
                + "<link rel=\"canonical\" href=\"http://orig/x\"><meta property=\"og:url\" content=\"http://orig/x\"></head>"
                + "<body><p>Grüße aus 東京 \u0001 und \u0002</p></body></html>", StandardCharsets.UTF_8);
        LoadArticles pages = LoadArticles.fromDevPages(dir);
        String html = new String(pages.render(42, "http://a", "http://b"), StandardCharsets.UTF_8);
        assertThat(html).isEqualTo("<html><head><link rel=\"canonical\" href=\"http://b" + LoadArticles.path(42) + "\">"
                + "<title>42 | Über Ärger – 東京</title></head><body><p>Grüße aus 東京   und  </p></body></html>");
    }

    @Test
    void shouldParseTheArticleNumberBackFromItsPath() {
        assertThat(LoadSite.articleIndex(LoadArticles.path(1234))).isEqualTo(1234);
        assertThat(LoadSite.articleIndex("/news/12x456/a.html")).isEqualTo(-1);
        assertThat(LoadSite.articleIndex("/robots.txt")).isEqualTo(-1);
        assertThat(LoadSite.articleIndex(null)).isEqualTo(-1);
    }

    @Test
    void shouldPointTheCanonicalLinkAtThePrimaryHostFromTheMirror() {
        String html = new String(LoadArticles.templated().render(7, "http://mirror", "http://primary"), StandardCharsets.UTF_8);
        assertThat(html).contains("<link rel=\"canonical\" href=\"http://primary" + LoadArticles.path(7) + "\">")
                .contains("href=\"http://mirror/");
    }
}
