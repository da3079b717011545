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
import java.util.ArrayList;
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
            "processed_at", "extractor_version", "language_confidence", "places", "primary_country", "category", "keywords", "summary",
            "reading_time_seconds", "publisher_name", "publisher_country", "publisher_language", "source_tags",
            "published_at_confidence", "modified_at_evidence", "body_truncated", "row_hash", "kafka_partition", "kafka_offset", "stored_at",
            "updated_at");
    private static final List<String> JSON_COLUMNS = List.of("urls", "authors", "tags", "places", "keywords", "source_tags");

    private final String jdbcUrl;
    private Connection conn;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    private final String insertArticle;
    private final String updateArticle;
    /** Newest stored revision per article id in the open transaction (0: none stored yet). */
    private final Map<String, Integer> newestRevision = new HashMap<>();
    private final List<SightingRow> pendingSightings = new ArrayList<>();
    private final List<UrlWrite> pendingUrls = new ArrayList<>();

    private record UrlWrite(String articleId, String url, String via, Instant seenAt) {
    }

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

    /** Opens the store matching the URL: {@code jdbc:sqlite:} or {@code jdbc:postgresql:}, with full-text search. */
    public static JdbcStore forUrl(String jdbcUrl, String user, String password) {
        return forUrl(jdbcUrl, user, password, true);
    }

    /**
     * Opens the store matching the URL; {@code fullTextSearch} false (PostgreSQL only, see {@code sink.full-text-search})
     * leaves {@code articles.search} NULL in the rows this store writes.
     */
    public static JdbcStore forUrl(String jdbcUrl, String user, String password, boolean fullTextSearch) {
        String lower = jdbcUrl.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith("jdbc:sqlite:")) {
            if (!fullTextSearch) {
                throw new IllegalArgumentException("full-text-search false is supported with PostgreSQL only");
            }
            return new SqliteStore(jdbcUrl);
        }
        if (lower.startsWith("jdbc:postgresql:")) {
            return new PostgresStore(jdbcUrl, user, password, fullTextSearch);
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
    public String poisonReason(SQLException e) {
        java.util.Set<Throwable> seen = new java.util.HashSet<>();
        Throwable t = e;
        while (t != null && seen.add(t)) {
            if (t instanceof SQLException s) {
                String reason = poisonReasonOf(s);
                if (reason != null) {
                    return reason;
                }
                t = s.getNextException() != null ? s.getNextException() : s.getCause();
            } else {
                t = t.getCause();
            }
        }
        return null;
    }

    /** {@link #poisonReason} for one exception, without looking at its causes. */
    protected abstract String poisonReasonOf(SQLException e);

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
        forgetTransactionState();
        connection().setAutoCommit(false);
    }

    private void forgetTransactionState() {
        newestRevision.clear();
        pendingSightings.clear();
        pendingUrls.clear();
    }

    /**
     * Reads the newest stored revision of these articles with one query per 500 ids, so that writing a batch
     * does not need one look-up per article.
     */
    public void prefetch(java.util.Collection<String> articleIds) throws SQLException {
        List<String> ids = new ArrayList<>(new java.util.LinkedHashSet<>(articleIds));
        ids.removeAll(newestRevision.keySet());
        for (int from = 0; from < ids.size(); from += 500) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            String sql = "SELECT article_id, MAX(revision) FROM articles WHERE article_id IN ("
                    + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ") GROUP BY article_id";
            try (PreparedStatement ps = connection().prepareStatement(sql)) {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setString(i + 1, chunk.get(i));
                }
                chunk.forEach(id -> newestRevision.put(id, 0));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        newestRevision.put(rs.getString(1), rs.getInt(2));
                    }
                }
            }
        }
    }

    /** Commits and returns to auto-commit, so SQLite's write lock is not held between batches. */
    public void commit() throws SQLException {
        if (!pendingSightings.isEmpty() || !pendingUrls.isEmpty()) {
            throw new IllegalStateException("flush() pending writes before commit()");
        }
        forgetTransactionState();
        conn.commit();
        conn.setAutoCommit(true);
    }

    /** Rolls back, ignoring failures (the connection may already be gone). */
    public void rollbackQuietly() {
        forgetTransactionState();
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

    /** Undoes the writes since {@code sp}; cached revisions are dropped because they may describe undone rows. */
    public void rollbackTo(Savepoint sp) throws SQLException {
        forgetTransactionState();
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
        Integer newest = newestRevision.get(a.articleId());
        if (newest == null) {
            PreparedStatement max = statement("SELECT MAX(revision) FROM articles WHERE article_id = ?");
            max.setString(1, a.articleId());
            try (ResultSet rs = max.executeQuery()) {
                newest = rs.next() ? rs.getInt(1) : 0;
            }
        }
        if (newest == 0) {
            newest = null;
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
        newestRevision.put(a.articleId(), newest == null ? a.revision() : Math.max(newest, a.revision()));
        List<String> urls = a.urls().isEmpty() ? List.of(a.canonicalUrl()) : a.urls();
        for (String url : urls) {
            pendingUrls.add(new UrlWrite(a.articleId(), url, "article", a.fetchedAt()));
        }
    }

    /**
     * Writes many article revisions with three JDBC batches (demote, insert, update where the row existed) instead
     * of statements per row; the result equals writing them one by one in list order with {@link #write(ArticleRow,
     * Instant, Tally)}: the highest revision is current, a revision repeated with other content ends as its last copy.
     */
    public void writeAll(List<ArticleRow> rows, Instant now, Tally tally) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        prefetch(rows.stream().map(ArticleRow::articleId).toList());
        Map<String, Integer> stored = new HashMap<>();
        Map<String, Integer> finalMax = new HashMap<>();
        for (ArticleRow a : rows) {
            int known = newestRevision.getOrDefault(a.articleId(), 0);
            stored.putIfAbsent(a.articleId(), known);
            finalMax.merge(a.articleId(), Math.max(known, a.revision()), Math::max);
        }
        PreparedStatement demote = statement("UPDATE articles SET is_current = ?, updated_at = ? WHERE article_id = ? AND is_current = ?");
        boolean demotions = false;
        for (Map.Entry<String, Integer> e : finalMax.entrySet()) {
            int before = stored.get(e.getKey());
            if (before > 0 && e.getValue() > before) {
                demote.setBoolean(1, false);
                bindTime(demote, 2, now);
                demote.setString(3, e.getKey());
                demote.setBoolean(4, true);
                demote.addBatch();
                demotions = true;
            }
        }
        if (demotions) {
            demote.executeBatch();
        }
        PreparedStatement insert = statement(insertArticle);
        for (ArticleRow a : rows) {
            bindArticle(insert, a, a.revision() == finalMax.get(a.articleId()), now, true);
            insert.addBatch();
        }
        int[] inserted = insert.executeBatch();
        List<ArticleRow> existing = new ArrayList<>();
        for (int i = 0; i < inserted.length; i++) {
            if (inserted[i] == 0) {
                existing.add(rows.get(i));
            } else {
                tally.add(ARTICLES, Outcome.INSERTED);
            }
        }
        if (!existing.isEmpty()) {
            PreparedStatement update = statement(updateArticle);
            for (ArticleRow a : existing) {
                int i = bindArticle(update, a, a.revision() == finalMax.get(a.articleId()), now, false);
                update.setString(i++, a.articleId());
                update.setInt(i++, a.revision());
                update.setString(i, a.rowHash());
                update.addBatch();
            }
            for (int c : update.executeBatch()) {
                tally.add(ARTICLES, c == 0 ? Outcome.UNCHANGED : Outcome.UPDATED);
            }
        }
        newestRevision.putAll(finalMax);
        for (ArticleRow a : rows) {
            List<String> urls = a.urls().isEmpty() ? List.of(a.canonicalUrl()) : a.urls();
            for (String url : urls) {
                pendingUrls.add(new UrlWrite(a.articleId(), url, "article", a.fetchedAt()));
            }
        }
    }

    /**
     * Queues one sighting (unique on (article_id, url, kind), widening its first/last seen times) and its URL;
     * {@link #flush} writes the queue. Their upserts do not depend on order, so they can be sent as JDBC batches.
     */
    public void write(SightingRow s, Instant now, Tally tally) {
        pendingSightings.add(s);
        pendingUrls.add(new UrlWrite(s.articleId(), s.url(), s.kind(), s.seenAt()));
    }

    /** Writes the queued sightings and article URLs as JDBC batches: inserts first, then updates where rows existed. */
    public void flush(Instant now, Tally tally) throws SQLException {
        try {
            flushSightings(now, tally);
            flushUrls(tally);
        } finally {
            pendingSightings.clear();
            pendingUrls.clear();
        }
    }

    private void flushSightings(Instant now, Tally tally) throws SQLException {
        if (pendingSightings.isEmpty()) {
            return;
        }
        PreparedStatement insert = statement("INSERT INTO sightings (article_id, url, host, kind, source_id, story_key, distance, "
                + "first_seen_at, last_seen_at, stored_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                + "ON CONFLICT (article_id, url, kind) DO NOTHING");
        for (SightingRow s : pendingSightings) {
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
            insert.addBatch();
        }
        List<SightingRow> existing = new ArrayList<>();
        int[] counts = insert.executeBatch();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                existing.add(pendingSightings.get(i));
            } else {
                tally.add(SIGHTINGS, Outcome.INSERTED);
            }
        }
        if (existing.isEmpty()) {
            return;
        }
        PreparedStatement widen = statement("UPDATE sightings SET first_seen_at = " + least() + "(first_seen_at, ?), last_seen_at = "
                + greatest() + "(last_seen_at, ?) WHERE article_id = ? AND url = ? AND kind = ? AND (first_seen_at > ? OR last_seen_at < ?)");
        for (SightingRow s : existing) {
            bindTime(widen, 1, s.seenAt());
            bindTime(widen, 2, s.seenAt());
            widen.setString(3, s.articleId());
            widen.setString(4, s.url());
            widen.setString(5, s.kind());
            bindTime(widen, 6, s.seenAt());
            bindTime(widen, 7, s.seenAt());
            widen.addBatch();
        }
        for (int c : widen.executeBatch()) {
            tally.add(SIGHTINGS, c == 0 ? Outcome.UNCHANGED : Outcome.UPDATED);
        }
    }

    private void flushUrls(Tally tally) throws SQLException {
        if (pendingUrls.isEmpty()) {
            return;
        }
        PreparedStatement insert = statement("INSERT INTO article_urls (article_id, url, host, via, first_seen_at) VALUES (?, ?, ?, ?, ?) "
                + "ON CONFLICT (article_id, url) DO NOTHING");
        for (UrlWrite u : pendingUrls) {
            insert.setString(1, u.articleId());
            insert.setString(2, u.url());
            insert.setString(3, HostOf.url(u.url()));
            insert.setString(4, u.via());
            bindTime(insert, 5, u.seenAt());
            insert.addBatch();
        }
        List<UrlWrite> existing = new ArrayList<>();
        int[] counts = insert.executeBatch();
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                existing.add(pendingUrls.get(i));
            } else {
                tally.add(ARTICLE_URLS, Outcome.INSERTED);
            }
        }
        if (existing.isEmpty()) {
            return;
        }
        PreparedStatement earlier = statement("UPDATE article_urls SET via = ?, first_seen_at = ? WHERE article_id = ? AND url = ? "
                + "AND first_seen_at > ?");
        for (UrlWrite u : existing) {
            earlier.setString(1, u.via());
            bindTime(earlier, 2, u.seenAt());
            earlier.setString(3, u.articleId());
            earlier.setString(4, u.url());
            bindTime(earlier, 5, u.seenAt());
            earlier.addBatch();
        }
        for (int c : earlier.executeBatch()) {
            tally.add(ARTICLE_URLS, c == 0 ? Outcome.UNCHANGED : Outcome.UPDATED);
        }
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
        if (a.languageConfidence() == null) {
            ps.setNull(i++, Types.DOUBLE);
        } else {
            ps.setDouble(i++, a.languageConfidence());
        }
        ps.setString(i++, a.places() == null ? null : placesJson(a.places()));
        ps.setString(i++, a.primaryCountry());
        ps.setString(i++, a.category());
        ps.setString(i++, json(a.keywords()));
        ps.setString(i++, a.summary());
        ps.setInt(i++, a.readingTimeSeconds());
        ps.setString(i++, a.publisherName());
        ps.setString(i++, a.publisherCountry());
        ps.setString(i++, a.publisherLanguage());
        ps.setString(i++, json(a.sourceTags()));
        if (a.publishedAtConfidence() == null) {
            ps.setNull(i++, Types.DOUBLE);
        } else {
            ps.setDouble(i++, a.publishedAtConfidence());
        }
        ps.setString(i++, a.modifiedAtEvidence());
        ps.setBoolean(i++, a.bodyTruncated());
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

    /** The places as a JSON array of objects with the keys name, country_code, kind and mentions (the view's columns). */
    static String placesJson(List<PlaceRow> places) {
        List<Map<String, Object>> out = new ArrayList<>(places.size());
        for (PlaceRow p : places) {
            Map<String, Object> o = new java.util.LinkedHashMap<>();
            o.put("name", p.name());
            o.put("country_code", p.countryCode());
            o.put("kind", p.kind());
            o.put("mentions", p.mentions());
            out.add(o);
        }
        try {
            return JSON.writeValueAsString(out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write places as JSON", e);
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
