package dev.newsflow.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.common.config.ConfigNode;
import dev.newsflow.common.config.ConfigProblem;
import dev.newsflow.common.config.ConfigReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SinkConfigTest {

    private static ConfigNode sink(String yaml, Map<String, String> env) {
        return ConfigReport.parse("newsflow.yml", yaml, env).section("sink");
    }

    @Test
    void shouldDefaultToSqliteFileInDataDir() {
        ConfigNode n = sink("sink: {}\n", Map.of());
        SinkConfig c = SinkConfig.from(n, Path.of("/var/lib/newsflow"));
        assertThat(n.report().problems()).isEmpty();
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:sqlite:/var/lib/newsflow/newsflow.db");
        assertThat(c.groupId()).isEqualTo("newsflow-sink");
        assertThat(c.batchSize()).isEqualTo(500);
        assertThat(c.pollTimeout()).isEqualTo(Duration.ofMillis(500));
        assertThat(c.sqlite()).isTrue();
    }

    @Test
    void shouldReadEveryKey() {
        ConfigNode n = sink("""
                sink:
                  jdbc-url: jdbc:postgresql://db:5432/news
                  username: newsflow
                  password: s3cret
                  group-id: sink-a
                  batch-size: 200
                  poll-timeout: 2s
                  max-text-length: 50000
                  retry-backoff: 250ms
                  full-text-search: false
                """, Map.of());
        SinkConfig c = SinkConfig.from(n, Path.of("data"));
        assertThat(n.report().problems()).isEmpty();
        assertThat(c).isEqualTo(new SinkConfig("jdbc:postgresql://db:5432/news", "newsflow", "s3cret", "sink-a", 200,
                Duration.ofSeconds(2), 50_000, Duration.ofMillis(250), false));
    }

    @Test
    void shouldKeepFullTextSearchOnByDefaultAndRefuseTurningItOffForSqlite() {
        assertThat(SinkConfig.defaults(Path.of("data")).fullTextSearch()).isTrue();
        ConfigNode n = sink("sink:\n  jdbc-url: jdbc:sqlite:/tmp/x.db\n  full-text-search: false\n", Map.of());
        SinkConfig c = SinkConfig.from(n, Path.of("data"));
        assertThat(c.fullTextSearch()).isTrue();
        assertThat(n.report().problems()).singleElement().satisfies(p -> {
            assertThat(p.path()).isEqualTo("sink.full-text-search");
            assertThat(p.message()).contains("PostgreSQL only");
        });
    }

    @Test
    void shouldReportEveryProblemWithItsLine() {
        ConfigNode n = sink("""
                sink:
                  jdbc-url: jdbc:mysql://db/news
                  batch-size: 0
                  poll-timeout: forever
                  max-text-length: 10
                  retry-backof: 1s
                """, Map.of());
        SinkConfig.from(n, Path.of("data"));
        assertThat(n.report().problems()).extracting(ConfigProblem::line).containsExactlyInAnyOrder(2, 3, 4, 5, 6);
        assertThat(n.report().problems()).extracting(ConfigProblem::path)
                .contains("sink.jdbc-url", "sink.batch-size", "sink.poll-timeout", "sink.max-text-length", "sink.retry-backof");
    }

    @Test
    void shouldTakeEnvironmentOverrides() {
        ConfigNode n = sink("sink: {}\n", Map.of("NEWSFLOW_SINK_JDBC_URL", "jdbc:postgresql://127.0.0.1/x",
                "NEWSFLOW_SINK_PASSWORD", "pw"));
        SinkConfig c = SinkConfig.from(n, Path.of("data"));
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://127.0.0.1/x");
        assertThat(c.password()).isEqualTo("pw");
    }

    @Test
    void shouldNeverShowThePassword() {
        SinkConfig c = SinkConfig.defaults(Path.of("data"))
                .withJdbc("jdbc:postgresql://user:urlpw@db:5432/news?password=qpw", "newsflow", "s3cret");
        assertThat(c.toString()).doesNotContain("s3cret").doesNotContain("urlpw").doesNotContain("qpw").contains("****");
    }
}
