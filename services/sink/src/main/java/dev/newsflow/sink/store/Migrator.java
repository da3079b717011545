package dev.newsflow.sink.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database to the newest schema: applies every migration not yet recorded in {@code schema_version},
 * all in one transaction, after checking that the ones already applied were not edited since (checksum) and
 * that the database is not newer than this code.
 */
public final class Migrator {
    private static final Logger LOG = LoggerFactory.getLogger(Migrator.class);
    static final String CREATE_TABLE = "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
            + "name VARCHAR(200) NOT NULL, checksum VARCHAR(64) NOT NULL, applied_at VARCHAR(40) NOT NULL)";

    private final List<Migration> migrations;

    public Migrator(List<Migration> migrations) {
        this.migrations = Migrations.ordered(migrations, "the given list");
    }

    /**
     * Applies pending migrations; {@code lock} runs first inside the transaction (e.g. an advisory lock) so
     * that two sinks starting together do not both migrate.
     *
     * @return the versions applied now
     */
    public List<Integer> migrate(Connection conn, SqlAction lock) throws SQLException {
        boolean autoCommit = conn.getAutoCommit();
        conn.setAutoCommit(false);
        try {
            lock.run(conn);
            try (Statement st = conn.createStatement()) {
                st.execute(CREATE_TABLE);
            }
            Map<Integer, String> applied = applied(conn);
            int newest = migrations.get(migrations.size() - 1).version();
            for (Map.Entry<Integer, String> e : applied.entrySet()) {
                if (e.getKey() > newest) {
                    throw new IllegalStateException("The database schema is at version " + e.getKey()
                            + " but this sink only knows versions up to " + newest + ": upgrade the sink");
                }
                Migration m = migrations.get(e.getKey() - 1);
                if (!m.checksum().equals(e.getValue())) {
                    throw new IllegalStateException("Migration V" + m.version() + "__" + m.name()
                            + " was changed after it was applied (checksum differs): add a new migration instead of editing it");
                }
            }
            List<Integer> done = new java.util.ArrayList<>();
            for (Migration m : migrations) {
                if (!applied.containsKey(m.version())) {
                    apply(conn, m);
                    done.add(m.version());
                }
            }
            conn.commit();
            if (!done.isEmpty()) {
                LOG.info("Applied schema migrations {} (schema now at version {})", done, newest);
            }
            return done;
        } catch (SQLException | RuntimeException e) {
            conn.rollback();
            throw e;
        } finally {
            conn.setAutoCommit(autoCommit);
        }
    }

    private static Map<Integer, String> applied(Connection conn) throws SQLException {
        Map<Integer, String> out = new HashMap<>();
        try (PreparedStatement ps = conn.prepareStatement("SELECT version, checksum FROM schema_version");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getInt(1), rs.getString(2));
            }
        }
        return out;
    }

    private static void apply(Connection conn, Migration m) throws SQLException {
        try (Statement st = conn.createStatement()) {
            for (String sql : SqlScript.split(m.script())) {
                try {
                    st.execute(sql);
                } catch (SQLException e) {
                    throw new SQLException("Migration V" + m.version() + "__" + m.name() + " failed at: " + abbreviate(sql)
                            + ": " + e.getMessage(), e.getSQLState(), e.getErrorCode(), e);
                }
            }
        }
        try (PreparedStatement ps = conn.prepareStatement(
                "INSERT INTO schema_version (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
            ps.setInt(1, m.version());
            ps.setString(2, m.name());
            ps.setString(3, m.checksum());
            ps.setString(4, Instant.now().toString());
            ps.executeUpdate();
        }
    }

    private static String abbreviate(String sql) {
        String one = sql.replaceAll("\\s+", " ");
        return one.length() > 120 ? one.substring(0, 120) + "…" : one;
    }

    /** A step run with the connection (like a lock) that may throw SQLException. */
    @FunctionalInterface
    public interface SqlAction {
        void run(Connection conn) throws SQLException;
    }
}
