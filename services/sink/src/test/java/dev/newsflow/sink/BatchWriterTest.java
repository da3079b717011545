package dev.newsflow.sink;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.avro.Article;
import dev.newsflow.avro.SightingKind;
import dev.newsflow.sink.BatchWriter.Item;
import dev.newsflow.sink.BatchWriter.Result;
import dev.newsflow.sink.store.JdbcStore;
import dev.newsflow.sink.store.SightingRow;
import dev.newsflow.sink.store.Tally.Outcome;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write path against a real SQLite file (no Kafka). */
class BatchWriterTest {
    @TempDir
    Path dir;
    private JdbcStore store;
    private BatchWriter writer;
    private final RowMapper mapper = new RowMapper(100_000);

    @BeforeEach
    void open() throws SQLException {
        store = JdbcStore.forUrl("jdbc:sqlite:" + dir.resolve("sub/dir/news.db"), "", "");
        assertThat(store.migrate()).containsExactly(1, 2, 3, 4, 5, 6, 7);
        writer = new BatchWriter(store);
    }

    @AfterEach
    void close() {
        store.close();
    }

    private Item<String> item(Article a) {
        return new Item<>(a.getArticleId() + "/" + a.getRevision(), mapper.article(a, 0, 0L));
    }

    private Item<String> item(SightingRow s) {
        return new Item<>(s.articleId() + " " + s.url(), s);
    }

    private long count(String sql) throws SQLException {
        try (PreparedStatement ps = store.connection().prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void shouldInsertOnceAndReportReplaysAsUnchanged() throws SQLException {
        List<Item<String>> batch = List.of(item(TestRecords.article(1, 1)), item(TestRecords.article(2, 1)),
                item(mapper.sighting(TestRecords.sighting(2, SightingKind.MIRROR, "mirror.example-news.test"))));
        Result<String> first = writer.write(batch, Instant.now());
        assertThat(first.tally().get("articles", Outcome.INSERTED)).isEqualTo(2);
        assertThat(first.tally().get("sightings", Outcome.INSERTED)).isEqualTo(1);
        Result<String> replay = writer.write(batch, Instant.now());
        assertThat(replay.tally().get("articles", Outcome.UNCHANGED)).isEqualTo(2);
        assertThat(replay.tally().get("sightings", Outcome.UNCHANGED)).isEqualTo(1);
        assertThat(replay.tally().get("article_urls", Outcome.INSERTED)).isZero();
        assertThat(count("SELECT COUNT(*) FROM articles")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM sightings")).isEqualTo(1);
        // article 2 lists two URLs; the mirror sighting repeats one of them
        assertThat(count("SELECT COUNT(*) FROM article_urls")).isEqualTo(3);
    }

    @Test
    void shouldKeepTheHighestRevisionCurrentInAnyArrivalOrder() throws SQLException {
        writer.write(List.of(item(TestRecords.article(5, 2))), Instant.now());
        writer.write(List.of(item(TestRecords.article(5, 1))), Instant.now());
        writer.write(List.of(item(TestRecords.article(5, 3))), Instant.now());
        assertThat(count("SELECT COUNT(*) FROM articles")).isEqualTo(3);
        assertThat(count("SELECT revision FROM articles_current WHERE article_id = '" + TestRecords.id(5) + "'")).isEqualTo(3);
        // the full-text index holds the current revision only
        assertThat(count("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'updated'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH '\"revision 3\"'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH '\"revision 2\"'")).isZero();
    }

    @Test
    void shouldResolveRevisionsAndRepeatsInsideOneBatchLikeOneByOne() throws SQLException {
        writer.write(List.of(item(TestRecords.article(4, 1))), Instant.now());
        Article changed = TestRecords.article(6, 1);
        changed.setTitle("Corrected headline about cranes");
        Result<String> r = writer.write(List.of(item(TestRecords.article(5, 1)), item(TestRecords.article(5, 2)),
                item(TestRecords.article(5, 1)), item(TestRecords.article(6, 1)), item(changed), item(TestRecords.article(4, 2)),
                item(TestRecords.article(4, 1))), Instant.now());
        assertThat(r.isolated()).isFalse();
        assertThat(r.tally().get("articles", Outcome.INSERTED)).isEqualTo(4);
        assertThat(r.tally().get("articles", Outcome.UPDATED)).isEqualTo(1);
        assertThat(r.tally().get("articles", Outcome.UNCHANGED)).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM articles")).isEqualTo(5);
        assertThat(count("SELECT COUNT(*) FROM articles_current")).isEqualTo(3);
        assertThat(count("SELECT revision FROM articles_current WHERE article_id = '" + TestRecords.id(5) + "'")).isEqualTo(2);
        assertThat(count("SELECT revision FROM articles_current WHERE article_id = '" + TestRecords.id(4) + "'")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM articles_current WHERE title LIKE 'Corrected%'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'corrected'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'cranes'")).isEqualTo(3);
    }

    @Test
    void shouldUpdateARevisionWhoseContentChanged() throws SQLException {
        writer.write(List.of(item(TestRecords.article(6, 1))), Instant.now());
        Article changed = TestRecords.article(6, 1);
        changed.setTitle("Corrected headline about cranes");
        Result<String> r = writer.write(List.of(item(changed)), Instant.now());
        assertThat(r.tally().get("articles", Outcome.UPDATED)).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM articles_fts WHERE articles_fts MATCH 'corrected'")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM articles")).isEqualTo(1);
    }

    @Test
    void shouldWidenSightingTimesWithoutDuplicating() throws SQLException {
        SightingRow s = mapper.sighting(TestRecords.sighting(3, SightingKind.REFETCH, "www.example-news.test"));
        SightingRow later = new SightingRow(s.articleId(), s.url(), s.host(), s.kind(), s.sourceId(), s.storyKey(), null,
                s.seenAt().plusSeconds(3600));
        writer.write(List.of(item(s)), Instant.now());
        Result<String> r = writer.write(List.of(item(later), item(s)), Instant.now());
        assertThat(r.tally().get("sightings", Outcome.UPDATED)).isEqualTo(1);
        assertThat(r.tally().get("sightings", Outcome.UNCHANGED)).isEqualTo(1);
        try (PreparedStatement ps = store.connection().prepareStatement("SELECT first_seen_at, last_seen_at FROM sightings");
             ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(1)).isEqualTo("2026-11-20T10:00:03.000Z");
            assertThat(rs.getString(2)).isEqualTo("2026-11-20T11:00:03.000Z");
            assertThat(rs.next()).isFalse();
        }
    }

    @Test
    void shouldIsolatePoisonRowsAndStillCommitTheRestOnce() throws SQLException {
        Article poison = TestRecords.article(99, 1);
        poison.setArticleId("x".repeat(200));
        List<Item<String>> batch = new ArrayList<>();
        batch.add(item(TestRecords.article(1, 1)));
        batch.add(new Item<>("poison", mapper.article(poison, 0, 0L)));
        batch.add(item(TestRecords.article(2, 1)));
        Result<String> r = writer.write(batch, Instant.now());
        assertThat(r.isolated()).isTrue();
        assertThat(r.rejected()).singleElement().satisfies(rej -> {
            assertThat(rej.handle()).isEqualTo("poison");
            assertThat(rej.reason()).isEqualTo("db-constraint");
        });
        assertThat(r.tally().get("articles", Outcome.INSERTED)).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM articles")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM article_urls WHERE length(article_id) > 128")).isZero();
    }

    @Test
    void shouldIsolateAPoisonSightingWrittenInAJdbcBatch() throws SQLException {
        SightingRow ok = mapper.sighting(TestRecords.sighting(1, SightingKind.MIRROR, "mirror.example-news.test"));
        SightingRow tooLong = new SightingRow(ok.articleId(), "https://mirror.example-news.test/" + "x".repeat(9_000), ok.host(), "mirror",
                ok.sourceId(), ok.storyKey(), null, ok.seenAt());
        Result<String> r = writer.write(List.of(item(ok), new Item<>("poison", tooLong), item(TestRecords.article(1, 1))), Instant.now());
        assertThat(r.rejected()).singleElement().satisfies(rej -> {
            assertThat(rej.handle()).isEqualTo("poison");
            assertThat(rej.reason()).isEqualTo("db-constraint");
        });
        assertThat(count("SELECT COUNT(*) FROM sightings")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM articles")).isEqualTo(1);
        assertThat(r.tally().get("sightings", Outcome.INSERTED)).isEqualTo(1);
    }

    @Test
    void shouldStoreArraysAsJsonAndTimesAsUtcText() throws SQLException {
        writer.write(List.of(item(TestRecords.article(2, 1))), Instant.now());
        try (PreparedStatement ps = store.connection().prepareStatement(
                "SELECT authors, published_at, json_array_length(urls), url_count FROM articles");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            assertThat(rs.getString(1)).isEqualTo("[\"Jane Doe\",\"Omar Said\"]");
            assertThat(rs.getString(2)).isEqualTo("2026-11-20T08:02:00.000Z");
            assertThat(rs.getInt(3)).isEqualTo(2).isEqualTo(rs.getInt(4));
        }
        SinkStats stats = SinkStats.read(store.connection());
        assertThat(stats.distinctArticles()).isEqualTo(1);
        assertThat(stats.articlesWithMultipleUrls()).isEqualTo(1);
        assertThat(stats.sightingsByKind()).isEqualTo(Map.of());
    }

    private String text(String sql) throws SQLException {
        try (PreparedStatement ps = store.connection().prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void shouldStoreEnrichmentFieldsAndUnnestPlaces() throws SQLException {
        writer.write(List.of(item(TestRecords.article(7, 1)), item(TestRecords.article(4, 1)), item(TestRecords.article(1, 1)),
                item(TestRecords.article(3, 1))), Instant.now());
        String a7 = "FROM articles_current WHERE article_id = '" + TestRecords.id(7) + "'";
        try (PreparedStatement ps = store.connection().prepareStatement("SELECT language_confidence, primary_country, category, "
                + "keywords, summary, reading_time_seconds, publisher_name, publisher_country, publisher_language, source_tags, places " + a7);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            assertThat(rs.getDouble(1)).isEqualTo(0.97);
            assertThat(rs.getString(2)).isEqualTo("IQ");
            assertThat(rs.getString(3)).isEqualTo("conflict");
            assertThat(rs.getString(4)).isEqualTo("[\"harbour\",\"cranes\",\"dockworkers\"]");
            assertThat(rs.getString(5)).startsWith("Dockworkers in the harbour of town 7");
            assertThat(rs.getInt(6)).isEqualTo(4);
            assertThat(rs.getString(7)).isEqualTo("Example News Ltd");
            assertThat(rs.getString(8)).isEqualTo("GB");
            assertThat(rs.getString(9)).isEqualTo("en");
            assertThat(rs.getString(10)).isEqualTo("[\"wire\",\"uk\"]");
            assertThat(rs.getString(11)).startsWith("[{\"name\":\"Iraq\",\"country_code\":\"IQ\",\"kind\":\"country\",\"mentions\":3}");
        }
        // null when place enrichment was off, an empty array when no place was found
        assertThat(count("SELECT COUNT(*) FROM articles WHERE places IS NULL")).isEqualTo(1);
        assertThat(text("SELECT places FROM articles WHERE article_id = '" + TestRecords.id(4) + "'")).isNull();
        assertThat(text("SELECT language_confidence FROM articles WHERE article_id = '" + TestRecords.id(4) + "'")).isNull();
        assertThat(text("SELECT published_at_confidence FROM articles WHERE article_id = '" + TestRecords.id(4) + "'")).isNull();
        assertThat(text("SELECT published_at_confidence || ' ' || modified_at_evidence " + a7)).isEqualTo("0.95 json-ld:dateModified");
        assertThat(text("SELECT modified_at_evidence FROM articles WHERE article_id = '" + TestRecords.id(1) + "'")).isNull();
        assertThat(text("SELECT places FROM articles WHERE article_id = '" + TestRecords.id(1) + "'")).isEqualTo("[]");
        assertThat(count("SELECT COUNT(*) FROM article_places")).isEqualTo(4);
        assertThat(count("SELECT COUNT(*) FROM article_places WHERE name = 'Baghdad'")).isEqualTo(2);
        assertThat(count("SELECT mentions FROM article_places WHERE name = 'Ain al-Asad' AND kind = 'base' AND country_code = 'IQ'"))
                .isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM articles_current WHERE primary_country = 'IQ' AND category = 'conflict'")).isEqualTo(1);
    }

    @Test
    void shouldUpdateARevisionWhoseEnrichmentChangedAndKeepPlacesOfCurrentRevisionsOnly() throws SQLException {
        writer.write(List.of(item(TestRecords.article(7, 1))), Instant.now());
        Article recategorised = TestRecords.article(7, 1);
        recategorised.setCategory("world");
        recategorised.setPlaces(List.of());
        recategorised.setPrimaryCountry(null);
        Result<String> r = writer.write(List.of(item(recategorised)), Instant.now());
        assertThat(r.tally().get("articles", Outcome.UPDATED)).isEqualTo(1);
        assertThat(text("SELECT category FROM articles")).isEqualTo("world");
        assertThat(text("SELECT primary_country FROM articles")).isNull();
        assertThat(count("SELECT COUNT(*) FROM article_places")).isZero();

        writer.write(List.of(item(TestRecords.article(7, 2))), Instant.now());
        assertThat(count("SELECT COUNT(*) FROM articles")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM article_places")).isEqualTo(3);
        assertThat(count("SELECT MIN(revision) FROM article_places")).isEqualTo(2);
    }

    @Test
    void shouldStoreWhetherTheProcessorCutTheBody() throws SQLException {
        Article cut = TestRecords.article(8, 1);
        cut.setBodyTruncated(true);
        writer.write(List.of(item(cut), item(TestRecords.article(9, 1))), Instant.now());
        assertThat(count("SELECT body_truncated FROM articles_current WHERE article_id = '" + TestRecords.id(8) + "'")).isEqualTo(1);
        assertThat(count("SELECT body_truncated FROM articles_current WHERE article_id = '" + TestRecords.id(9) + "'")).isZero();
    }

    @Test
    void shouldAddEnrichmentColumnsToADatabaseWrittenBeforeV3() throws SQLException {
        String url = "jdbc:sqlite:" + dir.resolve("old.db");
        try (java.sql.Connection c = dev.newsflow.sink.store.SqliteStore.open(url)) {
            List<dev.newsflow.sink.store.Migration> all = dev.newsflow.sink.store.Migrations.load("sqlite");
            new dev.newsflow.sink.store.Migrator(all.subList(0, 2)).migrate(c, x -> { });
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO articles (article_id, revision, is_current, story_key, "
                    + "canonical_url, urls, url_count, source_id, host, body_text, authors, tags, word_count, content_hash, simhash, "
                    + "fetched_at, processed_at, extractor_version, row_hash, stored_at, updated_at) VALUES ('old', 1, 1, 'k', "
                    + "'https://x.test/a', '[]', 0, 's', 'x.test', 'old body', '[]', '[]', 2, 'h', 0, '2026-11-01T00:00:00.000Z', "
                    + "'2026-11-01T00:00:00.000Z', 'v', 'r', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z')")) {
                ps.executeUpdate();
            }
        }
        try (JdbcStore old = JdbcStore.forUrl(url, "", "")) {
            assertThat(old.migrate()).containsExactly(3, 4, 5, 6, 7);
            new BatchWriter(old).write(List.of(item(TestRecords.article(7, 1))), Instant.now());
            try (PreparedStatement ps = old.connection().prepareStatement(
                    "SELECT article_id, category, places, body_truncated FROM articles_current ORDER BY id"); ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("old");
                assertThat(rs.getInt(4)).as("rows stored before V5 were not cut").isZero();
                assertThat(rs.getString(2)).isNull();
                assertThat(rs.getString(3)).isNull();
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(2)).isEqualTo("conflict");
            }
        }
    }
}
