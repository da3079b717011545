package dev.newsflow.sink.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.sqlite.SQLiteConfig;

/**
 * The embedded store: one SQLite file in WAL mode (readers never block the writer), a busy timeout so a
 * reader's brief lock is waited for, full fsync on commit (offsets are committed to Kafka only after it),
 * and IMMEDIATE transactions so the writer takes its lock up front instead of failing half-way.
 */
public final class SqliteStore extends JdbcStore {
    /** Fixed-width UTC timestamps: they sort correctly as text and SQLite's date functions read them. */
    public static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    static final int BUSY_TIMEOUT_MS = 10_000;

    public SqliteStore(String jdbcUrl) {
        super(jdbcUrl);
    }

    @Override
    public String dialect() {
        return "sqlite";
    }

    @Override
    protected Connection connect() throws SQLException {
        createParentDirectory(jdbcUrl());
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.enforceForeignKeys(true);
        return config.createConnection(jdbcUrl());
    }

    /** Opens a connection with the same settings for reading (stats, tests). */
    public static Connection open(String jdbcUrl) throws SQLException {
        return new SqliteStore(jdbcUrl).connect();
    }

    private static void createParentDirectory(String url) {
        String file = url.substring("jdbc:sqlite:".length());
        int q = file.indexOf('?');
        if (q >= 0) {
            file = file.substring(0, q);
        }
        if (file.isEmpty() || file.startsWith(":memory:") || file.startsWith("file:")) {
            return;
        }
        Path parent = Path.of(file).toAbsolutePath().getParent();
        if (parent != null) {
            try {
                Files.createDirectories(parent);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the directory of the SQLite file " + file, e);
            }
        }
    }

    @Override
    protected void lockForMigration(Connection c) throws SQLException {
        // IMMEDIATE transactions already hold the write lock from the first statement on
    }

    @Override
    protected void bindTime(PreparedStatement ps, int index, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, TIME.format(t));
        }
    }

    @Override
    protected String jsonPlaceholder() {
        return "?";
    }

    @Override
    protected String least() {
        return "min";
    }

    @Override
    protected String greatest() {
        return "max";
    }

    @Override
    protected String poisonReasonOf(SQLException e) {
        // primary result codes: 18 SQLITE_TOOBIG, 19 SQLITE_CONSTRAINT, 20 SQLITE_MISMATCH, 25 SQLITE_RANGE
        return switch (e.getErrorCode() & 0xff) {
            case 19 -> "db-constraint";
            case 18 -> "db-too-big";
            case 20, 25 -> "db-data";
            default -> null;
        };
    }
}
