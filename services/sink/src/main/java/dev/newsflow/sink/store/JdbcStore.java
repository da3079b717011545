package dev.newsflow.sink.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.sink.store.Tally.Outcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Idempotent writes of articles and sightings through prepared statements, shared by both databases; the
 * subclasses supply the connection, time and JSON binding, and which errors are the record's fault (poison)
 * rather than the database's (transient). Every write is {@code INSERT … ON CONFLICT DO NOTHING} followed,
 * when the row exists, by an {@code UPDATE} guarded by a change test, so the outcome (inserted, updated,
 * unchanged) is exact and a replay changes nothing. Not thread-safe: one store per sink thread.
 */
public abstract class JdbcStore implements AutoCloseable {
    public static final String ARTICLES = "articles";
    public static final String ARTICLE_URLS = "article_urls";
    public static final String SIGHTINGS = "sightings";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> ARTICLE_COLUMNS = List.of("article_id", "revision", "is_current", "previous_content_hash",
            "story_key", "canonical_url", "urls", "url_count", "source_id", "host", "site_name", "title", "description", "body_text",
            "body_html", "authors", "published_at", "published_at_evidence", "modified_at", "language", "section", "tags",
            "lead_image", "word_count", "content_hash", "simhash", "duplicate_of", "duplicate_distance", "fetched_at",
            "processed_at", "extractor_version", "row_hash", "kafka_partition", "kafka_offset", "stored_at", "updated_at");
    private static final List<String> JSON_COLUMNS = List.of("urls", "authors", "tags");

    private final String jdbcUrl;
    private Connection conn;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final String insertArticle;
    private final String updateArticle;

    protected JdbcStore(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
        StringJoiner cols = new StringJoiner(", ");
        StringJoiner values = new StringJoiner(", ");
        StringJoiner sets = new StringJoiner(", ");
        for (String c : ARTICLE_COLUMNS) {
            String p = JSON_COLUMNS.contains(c) ? jsonPlaceholder() : "?";
            cols.add(c);
            values.add(p);
            if (!c.equals("stored_at")) {
                sets.add(c + " = " + p);
            }
        }
        insertArticle = "INSERT INTO articles (" + cols + ") VALUES (" + values + ") ON CONFLICT (article_id, revision) DO NOTHING";
        updateArticle = "UPDATE articles SET " + sets + " WHERE article_id = ? AND revision = ? AND row_hash <> ?";
    }

    /** Opens the store matching the URL: {@code jdbc:sqlite:} or {@code jdbc:postgresql:}. */
    public static JdbcStore forUrl(String jdbcUrl, String user, String password) {
        String lower = jdbcUrl.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("jdbc:sqlite:")) {
            return new SqliteStore(jdbcUrl);
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return new PostgresStore(jdbcUrl, user, password);
        }
        throw new IllegalArgumentException("Unsupported JDBC URL (need jdbc:sqlite: or jdbc:postgresql:)");
    }

    /** Migration folder name under {@code db/}. */
    public abstract String dialect();

    protected abstract Connection connect() throws SQLException;

    /** Serialises concurrent migrations; runs first inside the migration transaction. */
    protected abstract void lockForMigration(Connection c) throws SQLException;

    protected abstract void bindTime(PreparedStatement ps, int index, Instant t) throws SQLException;

    protected abstract String jsonPlaceholder();

    protected abstract String least();

    protected abstract String greatest();

    /**
     * The reason class when {@code e} is the record's fault (constraint, too long, bad data), so retrying cannot
     * help and the record is dead-lettered; {@code null} when the failure is the database's (connection,
     * lock, disk) and the batch should be retried.
     */
    public abstract String poisonReason(SQLException e);

    protected String jdbcUrl() {
        return jdbcUrl;
    }

    /** Applies pending schema migrations; returns the versions applied. */
    public List<Integer> migrate() throws SQLException {
        return new Migrator(Migrations.load(dialect())).migrate(connection(), this::lockForMigration);
    }

    public Connection connection() throws SQLException {
        if (conn == null || conn.isClosed()) {
            conn = connect();
            statements.clear();
        }
        return conn;
    }

    public void begin() throws SQLException {
        connection().setAutoCommit(false);
    }

    /** Commits and returns to auto-commit, so SQLite's write lock is not held between batches. */
    public void commit() throws SQLException {
        conn.commit();
        conn.setAutoCommit(true);
    }

    /** Rolls back, ignoring failures (the connection may already be gone). */
    public void rollbackQuietly() {
        try {
            if (conn != null && !conn.isClosed() && !conn.getAutoCommit()) {
                conn.rollback();
                conn.setAutoCommit(true);
            }
        } catch (SQLException ignored) {
            reset();
        }
    }

    public Savepoint savepoint() throws SQLException {
        return conn.setSavepoint();
    }

    public void rollbackTo(Savepoint sp) throws SQLException {
        conn.rollback(sp);
    }

    public void release(Savepoint sp) throws SQLException {
        conn.releaseSavepoint(sp);
    }

    /** Drops the connection after a failure; the next call opens a new one. */
    public void reset() {
        closeStatements();
        if (conn != null) {
            try {
                conn.close();
            } catch (SQLException ignored) {
                // already broken
            }
            conn = null;
        }
    }

    /**
     * Writes one article revision; the highest revision of an article is its current one ({@code is_current}),
     * whatever order revisions arrive in.
     */
    public void write(ArticleRow a, Instant now, Tally tally) throws SQLException {
        Integer newest = null;
        PreparedStatement max = statement("SELECT MAX(revision) FROM articles WHERE article_id = ?");
        max.setString(1, a.articleId());
        try (ResultSet rs = max.executeQuery()) {
            if (rs.next()) {
                int v = rs.getInt(1);
                newest = rs.wasNull() ? null : v;
            }
        }
        boolean current = newest == null || a.revision() >= newest;
        if (newest != null && a.revision() > newest) {
            PreparedStatement demote = statement("UPDATE articles SET is_current = ?, updated_at = ? WHERE article_id = ? AND is_current = ?");
            demote.setBoolean(1, false);
            bindTime(demote, 2, now);
            demote.setString(3, a.articleId());
            demote.setBoolean(4, true);
            demote.executeUpdate();
        }
        PreparedStatement insert = statement(insertArticle);
        bindArticle(insert, a, current, now, true);
        if (insert.executeUpdate() == 1) {
            tally.add(ARTICLES, Outcome.INSERTED);
        } else {
            PreparedStatement update = statement(updateArticle);
            int i = bindArticle(update, a, current, now, false);
            update.setString(i++, a.articleId());
            update.setInt(i++, a.revision());
            update.setString(i, a.rowHash());
            tally.add(ARTICLES, update.executeUpdate() == 1 ? Outcome.UPDATED : Outcome.UNCHANGED);
        }
        List<String> urls = a.urls().isEmpty() ? List.of(a.canonicalUrl()) : a.urls();
        for (String url : urls) {
            writeUrl(a.articleId(), url, "article", a.fetchedAt(), tally);
        }
    }

    /** Writes one sighting: unique on (article_id, url, kind), widening its first/last seen times. */
    public void write(SightingRow s, Instant now, Tally tally) throws SQLException {
        PreparedStatement insert = statement("INSERT INTO sightings (article_id, url, host, kind, source_id, story_key, distance, "
                + "first_seen_at, last_seen_at, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (article_id, url, kind) DO NOTHING");
        insert.setString(1, s.articleId());
        insert.setString(2, s.url());
        insert.setString(3, s.host());
        insert.setString(4, s.kind());
        insert.setString(5, s.sourceId());
        insert.setString(6, s.storyKey());
        setInt(insert, 7, s.distance());
        bindTime(insert, 8, s.seenAt());
        bindTime(insert, 9, s.seenAt());
        bindTime(insert, 10, now);
        if (insert.executeUpdate() == 1) {
            tally.add(SIGHTINGS, Outcome.INSERTED);
        } else {
            PreparedStatement widen = statement("UPDATE sightings SET first_seen_at = " + least() + "(first_seen_at, ?), last_seen_at = "
                    + greatest() + "(last_seen_at, ?) WHERE article_id = ? AND url = ? AND kind = ? AND (first_seen_at > ? OR last_seen_at < ?)");
            bindTime(widen, 1, s.seenAt());
            bindTime(widen, 2, s.seenAt());
            widen.setString(3, s.articleId());
            widen.setString(4, s.url());
            widen.setString(5, s.kind());
            bindTime(widen, 6, s.seenAt());
            bindTime(widen, 7, s.seenAt());
            tally.add(SIGHTINGS, widen.executeUpdate() == 1 ? Outcome.UPDATED : Outcome.UNCHANGED);
        }
        writeUrl(s.articleId(), s.url(), s.kind(), s.seenAt(), tally);
    }

    private void writeUrl(String articleId, String url, String via, Instant seenAt, Tally tally) throws SQLException {
        PreparedStatement insert = statement("INSERT INTO article_urls (article_id, url, host, via, first_seen_at) VALUES (?, ?, ?, ?, ?) "
                + "ON CONFLICT (article_id, url) DO NOTHING");
        insert.setString(1, articleId);
        insert.setString(2, url);
        insert.setString(3, HostOf.url(url));
        insert.setString(4, via);
        bindTime(insert, 5, seenAt);
        if (insert.executeUpdate() == 1) {
            tally.add(ARTICLE_URLS, Outcome.INSERTED);
            return;
        }
        PreparedStatement earlier = statement("UPDATE article_urls SET via = ?, first_seen_at = ? WHERE article_id = ? AND url = ? "
                + "AND first_seen_at > ?");
        earlier.setString(1, via);
        bindTime(earlier, 2, seenAt);
        earlier.setString(3, articleId);
        earlier.setString(4, url);
        bindTime(earlier, 5, seenAt);
        tally.add(ARTICLE_URLS, earlier.executeUpdate() == 1 ? Outcome.UPDATED : Outcome.UNCHANGED);
    }

    /** Binds the article columns in {@link #ARTICLE_COLUMNS} order (without stored_at for updates); returns the next index. */
    private int bindArticle(PreparedStatement ps, ArticleRow a, boolean current, Instant now, boolean withStoredAt)
            throws SQLException {
        int i = 1;
        ps.setString(i++, a.articleId());
        ps.setInt(i++, a.revision());
        ps.setBoolean(i++, current);
        ps.setString(i++, a.previousContentHash());
        ps.setString(i++, a.storyKey());
        ps.setString(i++, a.canonicalUrl());
        ps.setString(i++, json(a.urls()));
        ps.setInt(i++, a.urls().size());
        ps.setString(i++, a.sourceId());
        ps.setString(i++, a.host());
        ps.setString(i++, a.siteName());
        ps.setString(i++, a.title());
        ps.setString(i++, a.description());
        ps.setString(i++, a.bodyText());
        ps.setString(i++, a.bodyHtml());
        ps.setString(i++, json(a.authors()));
        bindTime(ps, i++, a.publishedAt());
        ps.setString(i++, a.publishedAtEvidence());
        bindTime(ps, i++, a.modifiedAt());
        ps.setString(i++, a.language());
        ps.setString(i++, a.section());
        ps.setString(i++, json(a.tags()));
        ps.setString(i++, a.leadImage());
        ps.setInt(i++, a.wordCount());
        ps.setString(i++, a.contentHash());
        ps.setLong(i++, a.simhash());
        ps.setString(i++, a.duplicateOf());
        setInt(ps, i++, a.duplicateDistance());
        bindTime(ps, i++, a.fetchedAt());
        bindTime(ps, i++, a.processedAt());
        ps.setString(i++, a.extractorVersion());
        ps.setString(i++, a.rowHash());
        setInt(ps, i++, a.kafkaPartition());
        if (a.kafkaOffset() == null) {
            ps.setNull(i++, Types.BIGINT);
        } else {
            ps.setLong(i++, a.kafkaOffset());
        }
        if (withStoredAt) {
            bindTime(ps, i++, now);
        }
        bindTime(ps, i++, now);
        return i;
    }

    private static void setInt(PreparedStatement ps, int index, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(index, Types.INTEGER);
        } else {
            ps.setInt(index, v);
        }
    }

    static String json(List<String> values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a list of strings as JSON", e);
        }
    }

    private PreparedStatement statement(String sql) throws SQLException {
        PreparedStatement ps = statements.get(sql);
        if (ps == null) {
            ps = connection().prepareStatement(sql);
            statements.put(sql, ps);
        }
        return ps;
    }

    private void closeStatements() {
        for (PreparedStatement ps : statements.values()) {
            try {
                ps.close();
            } catch (SQLException ignored) {
                // closing anyway
            }
        }
        statements.clear();
    }

    @Override
    public void close() {
        rollbackQuietly();
        reset();
    }
}
