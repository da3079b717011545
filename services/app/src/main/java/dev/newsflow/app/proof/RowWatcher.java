package dev.newsflow.app.proof;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Watches the articles table as a reader would: every poll reads the rows added since the last one, so a row's
 * "visible at" time is when its transaction had committed (to within one poll interval). Gives the commit
 * latency from {@code fetched_at} (fetch completion) per article.
 */
final class RowWatcher implements AutoCloseable {
    private final Connection connection;
    private PreparedStatement query; // prepared on first use: SQLite refuses to prepare against a missing table
    private final boolean sqlite;
    private long lastId;
    private final List<Long> latenciesMillis = new ArrayList<>();
    private long rows;

    RowWatcher(String jdbcUrl, String user) throws SQLException {
        java.util.Properties props = new java.util.Properties();
        props.setProperty("user", user);
        props.setProperty("password", "");
        // PostgreSQL: never a server-side prepared statement. After 5 executions pgjdbc prepares the poll on the
        // server, which then keeps the generic plan it chose while the table was empty — a sequential scan that reads
        // the whole table 20 times a second, until an ANALYZE (autovacuum is off on the dev machines): at 30,000 rows
        // that was the database's largest cost in `bench e2e --same-services`. Unnamed statements are planned with the
        // actual id, i.e. an index range scan.
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            props.setProperty("prepareThreshold", "0");
        }
        this.connection = DriverManager.getConnection(jdbcUrl, props);
        this.sqlite = jdbcUrl.startsWith("jdbc:sqlite:");
    }

    /** Reads new rows; returns how many there were. Tables that do not exist yet count as empty. */
    int poll() {
        int n = 0;
        try {
            if (query == null) {
                query = connection.prepareStatement("SELECT id, fetched_at FROM articles WHERE id > ? ORDER BY id");
            }
            query.setLong(1, lastId);
            long visible = System.currentTimeMillis();
            try (ResultSet rs = query.executeQuery()) {
                while (rs.next()) {
                    lastId = rs.getLong(1);
                    long fetched = sqlite ? Instant.parse(rs.getString(2)).toEpochMilli() : rs.getTimestamp(2).getTime();
                    latenciesMillis.add(visible - fetched);
                    n++;
                }
            }
        } catch (SQLException e) {
            return 0;
        }
        rows += n;
        return n;
    }

    long rows() {
        return rows;
    }

    List<Long> latenciesMillis() {
        return latenciesMillis;
    }

    static long percentile(List<Long> values, double p) {
        if (values.isEmpty()) {
            return -1;
        }
        List<Long> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    @SuppressWarnings("unused")
    private static Instant instant(Timestamp t) {
        return t.toInstant();
    }
}
