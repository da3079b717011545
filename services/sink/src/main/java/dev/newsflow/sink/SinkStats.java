package dev.newsflow.sink;

import dev.newsflow.sink.store.PostgresStore;
import dev.newsflow.sink.store.SqliteStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the sink database holds, for summaries (the demo) and tests.
 *
 * @param articleRows              rows in {@code articles}: every stored revision
 * @param distinctArticles         distinct article ids (= rows of {@code articles_current})
 * @param nearDuplicates           current articles marked as near-duplicates of another ({@code duplicate_of})
 * @param sightings                rows in {@code sightings}
 * @param sightingsByKind          sightings per kind (lower case)
 * @param articleUrls              rows in {@code article_urls}
 * @param articlesWithMultipleUrls articles known under more than one URL (mirrors, tracking variants, syndication)
 */
public record SinkStats(long articleRows, long distinctArticles, long nearDuplicates, long sightings, Map<String, Long> sightingsByKind,
                        long articleUrls, long articlesWithMultipleUrls) {

    public SinkStats {
        sightingsByKind = Map.copyOf(sightingsByKind);
    }

    /** Reads the counts from the database at {@code jdbcUrl} (user and password are ignored for SQLite). */
    public static SinkStats read(String jdbcUrl, String user, String password) throws SQLException {
        try (Connection c = SinkConfig.isSqlite(jdbcUrl) ? SqliteStore.open(jdbcUrl) : PostgresStore.open(jdbcUrl, user, password)) {
            return read(c);
        }
    }

    public static SinkStats read(Connection c) throws SQLException {
        Map<String, Long> byKind = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT kind, COUNT(*) FROM sightings GROUP BY kind");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                byKind.put(rs.getString(1), rs.getLong(2));
            }
        }
        return new SinkStats(
                count(c, "SELECT COUNT(*) FROM articles"),
                count(c, "SELECT COUNT(*) FROM articles_current"),
                count(c, "SELECT COUNT(*) FROM articles_current WHERE duplicate_of IS NOT NULL"),
                byKind.values().stream().mapToLong(Long::longValue).sum(),
                byKind,
                count(c, "SELECT COUNT(*) FROM article_urls"),
                count(c, "SELECT COUNT(*) FROM (SELECT article_id FROM article_urls GROUP BY article_id HAVING COUNT(*) > 1) AS multi"));
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** One line for logs and the demo summary. */
    public String summary() {
        return articleRows + " article revision(s), " + distinctArticles + " distinct article(s), " + articlesWithMultipleUrls
                + " known under several URLs, " + nearDuplicates + " near-duplicate(s), " + sightings + " sighting(s) " + sightingsByKind;
    }
}
