package dev.newsflow.app.proof;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

/**
 * The database a benchmark run writes to: a fresh SQLite file, or a fresh database created on a PostgreSQL
 * server (and dropped afterwards). {@code server} is a JDBC URL of any database on that server, e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/postgres}.
 */
final class BenchDatabase implements AutoCloseable {
    private final String server;
    private final String user;
    private final String name;
    private final String jdbcUrl;

    private BenchDatabase(String server, String user, String name, String jdbcUrl) {
        this.server = server;
        this.user = user;
        this.name = name;
        this.jdbcUrl = jdbcUrl;
    }

    static BenchDatabase create(String db, Path dataDir, String user) throws SQLException {
        if (db.equals("sqlite")) {
            return new BenchDatabase(null, "", null, "jdbc:sqlite:" + dataDir.resolve("newsflow.db"));
        }
        if (!db.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("--db must be 'sqlite' or a jdbc:postgresql: URL of the server");
        }
        String name = "newsflow_bench_" + Long.toString(System.nanoTime() & 0xffffffffL, 36).toLowerCase(Locale.ROOT);
        try (Connection c = DriverManager.getConnection(db, user, ""); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        }
        String url = db.substring(0, db.lastIndexOf('/') + 1) + name;
        return new BenchDatabase(db, user, name, url);
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    String user() {
        return user;
    }

    boolean postgres() {
        return server != null;
    }

    @Override
    public void close() throws SQLException {
        if (server != null) {
            try (Connection c = DriverManager.getConnection(server, user, ""); Statement st = c.createStatement()) {
                st.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }
}
