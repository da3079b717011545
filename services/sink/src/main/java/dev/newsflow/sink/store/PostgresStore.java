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

    /**
     * Session setting read by the trigger that fills {@code articles.search} (migration V7): {@code off} leaves it NULL.
     * Set for the sink's connections when {@code sink.full-text-search} is false.
     */
    static final String FULL_TEXT_SETTING = "newsflow.full_text_search";

    private final String user;
    private final String password;
    private final boolean fullTextSearch;

    public PostgresStore(String jdbcUrl, String user, String password) {
        this(jdbcUrl, user, password, true);
    }

    public PostgresStore(String jdbcUrl, String user, String password, boolean fullTextSearch) {
        super(jdbcUrl);
        this.user = user == null ? "" : user;
        this.password = password == null ? "" : password;
        this.fullTextSearch = fullTextSearch;
    }

    @Override
    public String dialect() {
        return "postgres";
    }

    @Override
    protected Connection connect() throws SQLException {
        return open(jdbcUrl(), user, password, fullTextSearch);
    }

    /**
     * Migrates, then checks that {@code sink.full-text-search: false} can be honoured: on PostgreSQL 12, V7 leaves
     * {@code articles.search} a generated column, which is always filled.
     */
    @Override
    public java.util.List<Integer> migrate() throws SQLException {
        java.util.List<Integer> applied = super.migrate();
        if (!fullTextSearch) {
            try (PreparedStatement ps = connection().prepareStatement(
                    "SELECT attgenerated FROM pg_attribute WHERE attrelid = 'articles'::regclass AND attname = 'search'");
                 java.sql.ResultSet rs = ps.executeQuery()) {
                if (rs.next() && "s".equals(rs.getString(1))) {
                    throw new SQLException("sink.full-text-search: false needs PostgreSQL 13 or later (articles.search is still a "
                            + "generated column here); set it to true or upgrade the server", "0A000");
                }
            }
        }
        return applied;
    }

    public static Connection open(String jdbcUrl, String user, String password) throws SQLException {
        return open(jdbcUrl, user, password, true);
    }

    /** A connection; with {@code fullTextSearch} false its session leaves {@code articles.search} NULL (V7's trigger). */
    public static Connection open(String jdbcUrl, String user, String password, boolean fullTextSearch) throws SQLException {
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
        Connection c = DriverManager.getConnection(jdbcUrl, props);
        if (!fullTextSearch) {
            // for the whole session (not only the current transaction), whatever options the URL carries
            try (PreparedStatement ps = c.prepareStatement("SELECT set_config(?, 'off', false)")) {
                ps.setString(1, FULL_TEXT_SETTING);
                ps.execute();
            } catch (SQLException e) {
                c.close();
                throw e;
            }
        }
        return c;
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
