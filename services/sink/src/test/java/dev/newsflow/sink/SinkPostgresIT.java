package dev.newsflow.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import dev.newsflow.sink.store.PostgresStore;
import dev.newsflow.testkit.KafkaBroker;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sink into the real PostgreSQL at 127.0.0.1:5432 (user postgres, trust auth; CI starts it). Each test
 * creates its own database and drops it afterwards. When PostgreSQL is not running the tests fail, they do
 * not skip.
 */
class SinkPostgresIT extends AbstractSinkIT {
    static final String SERVER = System.getProperty("newsflow.it.postgres", "jdbc:postgresql://127.0.0.1:5432/");
    static final String USER = System.getProperty("newsflow.it.postgres.user", "postgres");

    @RegisterExtension
    static KafkaBroker kafka = new KafkaBroker();

    @BeforeAll
    static void requirePostgres() {
        try (Connection c = PostgresStore.open(SERVER + "postgres", USER, "")) {
            c.isValid(5);
        } catch (SQLException e) {
            fail("PostgreSQL is not reachable at " + SERVER + " as user " + USER
                    + " (CI starts it; locally run `service postgresql start`): " + e.getMessage());
        }
    }

    @Test
    void shouldRetryWithoutDeadLetteringWhileTheDatabaseIsUnavailable() throws Exception {
        try (KafkaProducer<String, byte[]> p = producer()) {
            produceStory(p, 1, 10);
        }
        startSink("g-" + UUID.randomUUID(), 100, 100_000);
        await().atMost(WAIT).untilAsserted(() -> assertStoryStored(10));
        String name = jdbcUrl.substring(SERVER.length());
        try (Connection c = PostgresStore.open(SERVER + "postgres", USER, ""); Statement st = c.createStatement()) {
            st.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
            st.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
        }
        try (KafkaProducer<String, byte[]> p = producer()) {
            produceStory(p, 11, 20);
        }
        await().atMost(WAIT).until(() -> meters.get(SinkMetrics.ERRORS).tag("kind", "database").counter().count() >= 2);
        try (Connection c = PostgresStore.open(SERVER + "postgres", USER, ""); Statement st = c.createStatement()) {
            st.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
        }
        await().atMost(WAIT).untilAsserted(() -> assertStoryStored(20));
        assertThat(meters.find(SinkMetrics.DEAD_LETTERS).counters()).allSatisfy(c -> assertThat(c.count()).isZero());
    }

    @Test
    void shouldCompressTheLargeColumnsWithLz4() throws Exception {
        startSink("g-" + UUID.randomUUID(), 100, 100_000);
        await().atMost(WAIT).ignoreExceptions().until(() -> count("SELECT COUNT(*) FROM schema_version WHERE version = 6") == 1);
        try (Connection c = connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT attname, attcompression FROM pg_attribute "
                     + "WHERE attrelid = 'articles'::regclass AND attname IN ('body_text', 'body_html', 'search') ORDER BY attname")) {
            List<String> got = new ArrayList<>();
            while (rs.next()) {
                got.add(rs.getString(1) + "=" + rs.getString(2));
            }
            assertThat(got).as("V6 sets lz4 (the CI server is PostgreSQL 15 built with lz4)")
                    .containsExactly("body_html=l", "body_text=l", "search=l");
        }
        try (KafkaProducer<String, byte[]> p = producer()) {
            produceStory(p, 1, 3);
        }
        await().atMost(WAIT).untilAsserted(() -> assertStoryStored(3));
    }

    /** Rows whose search vector is not what the V2 generated column computed (title weight A, body weight B). */
    private static final String WRONG_SEARCH = "SELECT COUNT(*) FROM articles WHERE search IS DISTINCT FROM "
            + "setweight(to_tsvector('simple', coalesce(title, '')), 'A') || setweight(to_tsvector('simple', body_text), 'B')";

    @Test
    void shouldFillTheSearchVectorByTriggerAsTheGeneratedColumnDid() throws Exception {
        try (KafkaProducer<String, byte[]> p = producer()) {
            produceStory(p, 1, 20); // every fifth article gets a revision 2: revision 1 is demoted by an UPDATE
        }
        startSink("g-" + UUID.randomUUID(), 7, 100_000);
        await().atMost(WAIT).untilAsserted(() -> assertStoryStored(20));
        assertThat(count(WRONG_SEARCH)).isZero();
        assertThat(count("SELECT COUNT(*) FROM pg_attribute WHERE attrelid = 'articles'::regclass AND attname = 'search' "
                + "AND attgenerated = ''")).as("V7 dropped the generation expression (PostgreSQL 13+)").isEqualTo(1);
    }

    @Test
    void shouldKeepTheVectorsOfRowsWrittenBeforeTheTriggerReplacedTheGeneratedColumn() throws Exception {
        try (Connection c = connect()) {
            List<dev.newsflow.sink.store.Migration> all = dev.newsflow.sink.store.Migrations.load("postgres");
            new dev.newsflow.sink.store.Migrator(all.subList(0, 6)).migrate(c, x -> { });
            try (Statement st = c.createStatement()) {
                st.executeUpdate("INSERT INTO articles (article_id, revision, is_current, story_key, canonical_url, urls, url_count, "
                        + "source_id, host, title, body_text, authors, tags, word_count, content_hash, simhash, fetched_at, processed_at, "
                        + "extractor_version, row_hash, stored_at, updated_at) VALUES ('old', 1, true, 'k', 'https://x.test/a', '[]', 0, "
                        + "'s', 'x.test', 'Harbour report', 'An old body about the harbour', '[]', '[]', 6, 'h', 0, now(), now(), 'v', 'r', "
                        + "now(), now())");
            }
        }
        assertThat(count("SELECT COUNT(*) FROM articles WHERE search @@ to_tsquery('simple', 'harbour')")).isEqualTo(1);
        try (KafkaProducer<String, byte[]> p = producer()) {
            produceStory(p, 1, 5);
        }
        startSink("g-" + UUID.randomUUID(), 100, 100_000);
        await().atMost(WAIT).untilAsserted(() -> assertThat(count("SELECT COUNT(*) FROM articles_current")).isEqualTo(6));
        assertThat(count("SELECT COUNT(*) FROM schema_version WHERE version = 7")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM articles WHERE search @@ to_tsquery('simple', 'harbour') AND article_id = 'old'")).isEqualTo(1);
        assertThat(count(WRONG_SEARCH)).isZero();
    }

    @Test
    void shouldLeaveTheSearchVectorEmptyWhenFullTextSearchIsOff() throws Exception {
        try (KafkaProducer<String, byte[]> p = producer()) {
            produceStory(p, 1, 20);
        }
        startSink("g-" + UUID.randomUUID(), 7, 100_000, false);
        await().atMost(WAIT).untilAsserted(() -> assertStoryStored(20));
        assertThat(count("SELECT COUNT(*) FROM articles WHERE search IS NOT NULL")).isZero();
        // the documented backfill after turning it back on: any UPDATE of the rows recomputes their vector
        try (Connection c = connect(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE articles SET updated_at = updated_at WHERE search IS NULL");
        }
        assertThat(count("SELECT COUNT(*) FROM articles WHERE search IS NULL")).isZero();
        assertThat(count(WRONG_SEARCH)).isZero();
    }

    @Override
    KafkaBroker kafka() {
        return kafka;
    }

    @Override
    String createDatabase(Path dir) throws SQLException {
        String name = "newsflow_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try (Connection c = PostgresStore.open(SERVER + "postgres", USER, ""); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        return SERVER + name;
    }

    @Override
    void dropDatabase(String jdbcUrl) throws SQLException {
        String name = jdbcUrl.substring(SERVER.length());
        try (Connection c = PostgresStore.open(SERVER + "postgres", USER, ""); Statement st = c.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }
    }

    @Override
    String user() {
        return USER;
    }

    @Override
    Connection connect() throws SQLException {
        return PostgresStore.open(jdbcUrl, USER, "");
    }

    @Override
    String phraseSearchSql() {
        return "SELECT article_id FROM articles_current, phraseto_tsquery('simple', ?) AS q WHERE search @@ q "
                + "ORDER BY ts_rank(search, q) DESC";
    }

    @Override
    String docsLabel() {
        return "postgres";
    }
}
