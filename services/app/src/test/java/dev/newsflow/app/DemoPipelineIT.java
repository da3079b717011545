package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.app.demo.DemoArticle;
import dev.newsflow.app.demo.DemoRun;
import dev.newsflow.app.demo.DemoSite;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The whole demo pipeline (embedded KRaft broker, embedded registry, fetcher, processor, SQLite sink) end to end. */
@Tag("integration")
@Timeout(300)
class DemoPipelineIT {

    @TempDir
    Path tmp;

    @Test
    void shouldStoreEveryDemoArticleOnceWithItsMirrorUrl() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code = new DemoRun(tmp, true, 0, Duration.ofMinutes(3)).run(false, new PrintStream(printed, true, StandardCharsets.UTF_8));
        String summary = printed.toString(StandardCharsets.UTF_8);
        assertThat(code).as(summary).isZero();
        assertThat(summary).contains("dead letters         0").contains("result               OK");

        List<DemoArticle> expected;
        try (DemoSite site = DemoSite.start(0)) {
            expected = site.articles();
        }
        Map<String, String> titleByPath = new HashMap<>();
        Map<String, Set<String>> urlsById = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + tmp.resolve("newsflow.db"));
             Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT article_id, canonical_url, title FROM articles_current")) {
                while (rs.next()) {
                    String path = java.net.URI.create(rs.getString(2)).getPath();
                    assertThat(rs.getString(2)).as("canonical URL is on the primary host").contains(DemoSite.PRIMARY_HOST);
                    assertThat(titleByPath.put(path, rs.getString(3))).as("one article per path " + path).isNull();
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT article_id, url FROM article_urls")) {
                while (rs.next()) {
                    urlsById.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
                }
            }
            try (ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM articles")) {
                rs.next();
                assertThat(rs.getInt(1)).as("one revision per article").isEqualTo(expected.size());
            }
        }
        Map<String, String> expectedTitles = new HashMap<>();
        expected.forEach(a -> expectedTitles.put(a.path(), a.title()));
        assertThat(titleByPath).isEqualTo(expectedTitles);
        assertThat(urlsById).hasSize(expected.size());
        assertThat(urlsById.values()).allSatisfy(urls -> {
            assertThat(urls).hasSize(2);
            assertThat(urls).anyMatch(u -> u.contains(DemoSite.PRIMARY_HOST)).anyMatch(u -> u.contains(DemoSite.MIRROR_HOST));
        });
    }
}
