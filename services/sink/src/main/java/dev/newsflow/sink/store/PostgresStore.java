package dev.newsflow.sink.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Properties;

/** The production store: PostgreSQL with timestamptz, jsonb arrays and a tsvector column for full-text search. */
public final class PostgresStore extends JdbcStore {
    /** Key of the advisory lock that serialises migrations of concurrently starting sinks ("newsflow" in ASCII). */
    static final long MIGRATION_LOCK = 0x6e657773666c6f77L;

    private final String user;
    private final String password;

    public PostgresStore(String jdbcUrl, String user, String password) {
        super(jdbcUrl);
        this.user = user == null ? "" : user;
        this.password = password == null ? "" : password;
    }

    @Override
    public String dialect() {
        return "postgres";
    }

    @Override
    protected Connection connect() throws SQLException {
        return open(jdbcUrl(), user, password);
    }

    public static Connection open(String jdbcUrl, String user, String password) throws SQLException {
        Properties props = new Properties();
        if (user != null && !user.isEmpty()) {
            props.setProperty("user", user);
        }
        if (password != null && !password.isEmpty()) {
            props.setProperty("password", password);
        }
        props.setProperty("ApplicationName", "newsflow-sink");
        props.setProperty("connectTimeout", "10");
        props.setProperty("tcpKeepAlive", "true");
        return DriverManager.getConnection(jdbcUrl, props);
    }

    @Override
    protected void lockForMigration(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            ps.setLong(1, MIGRATION_LOCK);
            ps.execute();
        }
    }

    @Override
    protected void bindTime(PreparedStatement ps, int index, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(index, OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
        }
    }

    @Override
    protected String jsonPlaceholder() {
        return "CAST(? AS jsonb)";
    }

    @Override
    protected String least() {
        return "LEAST";
    }

    @Override
    protected String greatest() {
        return "GREATEST";
    }

    @Override
    protected String poisonReasonOf(SQLException e) {
        String state = e.getSQLState();
        if (state == null || state.length() < 2) {
            return null;
        }
        // SQLSTATE classes: 22 data exception (value too long, bad encoding), 23 integrity constraint, 54 program limit
        return switch (state.substring(0, 2)) {
            case "23" -> "db-constraint";
            case "22" -> "db-data";
            case "54" -> "db-too-big";
            default -> null;
        };
    }
}
