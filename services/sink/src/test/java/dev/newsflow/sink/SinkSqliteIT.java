package dev.newsflow.sink;

import dev.newsflow.sink.store.SqliteStore;
import dev.newsflow.testkit.KafkaBroker;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The sink into a real SQLite file. */
class SinkSqliteIT extends AbstractSinkIT {
    @RegisterExtension
    static KafkaBroker kafka = new KafkaBroker();

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
