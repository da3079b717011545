package dev.newsflow.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.sink.store.SqliteStore;
import dev.newsflow.testkit.KafkaBroker;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sink into a real SQLite file. */
class SinkSqliteIT extends AbstractSinkIT {
    @RegisterExtension
    static KafkaBroker kafka = new KafkaBroker();

    @Test
    void shouldCarryOnAcrossABrokerRestart() throws Exception {
        try (KafkaProducer<String, byte[]> p = producer()) {
            produceStory(p, 1, 100);
        }
        startSink("g-" + UUID.randomUUID(), 20, 100_000);
        await().atMost(WAIT).untilAsserted(() -> assertStoryStored(100));
        kafka.restart();
        try (KafkaProducer<String, byte[]> p = producer()) {
            produceStory(p, 101, 200);
        }
        await().atMost(WAIT).untilAsserted(() -> assertStoryStored(200));
        assertThat(meters.get(SinkMetrics.COMMIT_DURATION).timer().count()).isPositive();
        assertThat(meters.get(SinkMetrics.BATCHES).counter().count()).isPositive();
    }

    @Override
    KafkaBroker kafka() {
        return kafka;
    }

    @Override
    String createDatabase(Path dir) {
        return "jdbc:sqlite:" + dir.resolve("db/newsflow.db");
    }

    @Override
    void dropDatabase(String jdbcUrl) {
        // the file lives in the test's temporary directory
    }

    @Override
    String user() {
        return "";
    }

    @Override
    Connection connect() throws SQLException {
        return SqliteStore.open(jdbcUrl);
    }

    @Override
    String phraseSearchSql() {
        return "SELECT a.article_id FROM articles_fts JOIN articles a ON a.id = articles_fts.rowid "
                + "WHERE articles_fts MATCH '\"' || replace(?, '\"', '\"\"') || '\"' ORDER BY rank";
    }

    @Override
    String docsLabel() {
        return "sqlite";
    }
}
