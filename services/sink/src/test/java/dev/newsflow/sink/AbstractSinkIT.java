package dev.newsflow.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.avro.Article;
import dev.newsflow.avro.DeadLetter;
import dev.newsflow.avro.Sighting;
import dev.newsflow.avro.SightingKind;
import dev.newsflow.common.kafka.NewsTopics;
import dev.newsflow.common.kafka.TopicProvisioner;
import dev.newsflow.common.kafka.TopicSettings;
import dev.newsflow.common.runtime.KafkaSettings;
import dev.newsflow.common.runtime.NewsflowConfig;
import dev.newsflow.common.runtime.ServiceContext;
import dev.newsflow.common.serde.InMemorySchemaRegistry;
import dev.newsflow.sink.store.JdbcStore;
import dev.newsflow.sink.store.Tally;
import dev.newsflow.testkit.KafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sink end to end on a real broker and a real database: the same scenarios for SQLite and PostgreSQL.
 * Each test gets its own topics, consumer group and database.
 */
@Tag("integration")
@Timeout(180)
abstract class AbstractSinkIT {
    static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    Path tmp;
    String jdbcUrl;
    InMemorySchemaRegistry registry;
    NewsTopics topics;
    SimpleMeterRegistry meters;
    private final List<SinkService> sinks = new ArrayList<>();

    abstract KafkaBroker kafka();

    /** A new, empty database for one test. */
    abstract String createDatabase(Path dir) throws SQLException;

    abstract void dropDatabase(String jdbcUrl) throws SQLException;

    abstract String user();

    abstract Connection connect() throws SQLException;

    /** Full-text search for a phrase, returning article ids of current revisions. */
    abstract String phraseSearchSql();

    /** Label of this store's SQL blocks in docs/sink.md. */
    abstract String docsLabel();

    @BeforeEach
    void setUp() throws SQLException {
        registry = new InMemorySchemaRegistry();
        topics = new NewsTopics(TopicSettings.defaults().withPrefix(KafkaBroker.uniquePrefix()), registry);
        TopicProvisioner.ensure(kafka().clientProps(), List.of(topics.articles(), topics.sightings(), topics.deadLetters()));
        meters = new SimpleMeterRegistry();
        jdbcUrl = createDatabase(tmp);
    }

    @AfterEach
    void tearDown() throws SQLException {
        sinks.forEach(SinkService::close);
        dropDatabase(jdbcUrl);
    }

    SinkService startSink(String group, int batchSize, int maxTextLength) {
        return startSink(group, batchSize, maxTextLength, true);
    }

    SinkService startSink(String group, int batchSize, int maxTextLength, boolean fullTextSearch) {
        SinkConfig config = new SinkConfig(jdbcUrl, user(), "", group, batchSize, Duration.ofMillis(200), maxTextLength,
                Duration.ofMillis(200), fullTextSearch);
        ServiceContext ctx = new ServiceContext(new KafkaSettings(kafka().bootstrapServers(), tmp.resolve("kafka"), 0, Map.of()),
                registry, topics, meters, tmp.resolve("sources.yml"), tmp, NewsflowConfig.defaults(Map.of()));
        SinkService sink = new SinkService(config, ctx);
        sinks.add(sink);
        sink.start();
        return sink;
    }

    KafkaProducer<String, byte[]> producer() {
        Map<String, Object> props = new HashMap<>(kafka().clientProps());
        props.put("acks", "all");
        props.put("linger.ms", "5");
        // Not idempotent: an idempotent producer writing right after topic creation on the single-node broker was
        // seen failing batches with OUT_OF_ORDER_SEQUENCE_NUMBER. Duplicates from retries are harmless here.
        props.put("enable.idempotence", "false");
        props.put("max.in.flight.requests.per.connection", "1");
        return new KafkaProducer<>(props, topics.articles().keySerde().serializer(), new ByteArraySerializer());
    }

    private final List<Future<RecordMetadata>> sent = new ArrayList<>();

    void send(KafkaProducer<String, byte[]> p, ProducerRecord<String, byte[]> rec) {
        sent.add(p.send(rec));
    }

    void send(KafkaProducer<String, byte[]> p, Article a) {
        send(p, new ProducerRecord<>(topics.articles().name(), a.getArticleId(),
                topics.articles().valueSerde().serializer().serialize(topics.articles().name(), a)));
    }

    void send(KafkaProducer<String, byte[]> p, Sighting s) {
        send(p, new ProducerRecord<>(topics.sightings().name(), s.getArticleId(),
                topics.sightings().valueSerde().serializer().serialize(topics.sightings().name(), s)));
    }

    /** Flushes and fails the test when any record was not acknowledged. */
    void flush(KafkaProducer<String, byte[]> p) throws Exception {
        p.flush();
        for (Future<RecordMetadata> f : sent) {
            f.get(30, TimeUnit.SECONDS);
        }
        sent.clear();
    }

    /** Articles 1..n (revision 1), revision 2 of every fifth, a mirror sighting of every even one, a tracking one of 3. */
    int produceStory(KafkaProducer<String, byte[]> p, int from, int to) throws Exception {
        int records = 0;
        for (int n = from; n <= to; n++) {
            send(p, TestRecords.article(n, 1));
            records++;
            if (n % 5 == 0) {
                send(p, TestRecords.article(n, 2));
                records++;
            }
            if (n % 2 == 0) {
                send(p, TestRecords.sighting(n, SightingKind.MIRROR, "mirror.example-news.test"));
                records++;
            }
            if (n == 3) {
                send(p, TestRecords.sighting(n, SightingKind.TRACKING, "m.example-news.test"));
                records++;
            }
        }
        flush(p);
        return records;
    }

    long count(String sql) throws SQLException {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    double consumed() {
        return meters.find(SinkMetrics.RECORDS).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    double rows(String table, String outcome) {
        return meters.get(SinkMetrics.ROWS).tag("table", table).tag("outcome", outcome).counter().count();
    }

    void assertStoryStored(int n) throws SQLException {
        int revisions2 = n / 5;
        int mirrors = n / 2;
        assertThat(count("SELECT COUNT(*) FROM articles")).isEqualTo(n + revisions2);
        assertThat(count("SELECT COUNT(*) FROM articles_current")).isEqualTo(n);
        assertThat(count("SELECT COUNT(*) FROM articles_current WHERE revision = 2")).isEqualTo(revisions2);
        assertThat(count("SELECT COUNT(*) FROM sightings")).isEqualTo(mirrors + (n >= 3 ? 1 : 0));
        assertThat(count("SELECT COUNT(*) FROM (SELECT article_id, revision FROM articles GROUP BY article_id, revision "
                + "HAVING COUNT(*) > 1) d")).isZero();
        SinkStats stats = SinkStats.read(jdbcUrl, user(), "");
        assertThat(stats.distinctArticles()).isEqualTo(n);
        assertThat(stats.sightingsByKind()).containsEntry("mirror", (long) mirrors);
        // even articles list a mirror URL themselves; article 3 gained a tracking URL through its sighting
        assertThat(stats.articlesWithMultipleUrls()).isEqualTo(mirrors + (n >= 3 ? 1 : 0));
    }

    @Test
    void shouldStoreEveryArticleAndSightingOnceEvenWhenReplayed() throws Exception {
        int records;
        try (KafkaProducer<String, byte[]> p = producer()) {
            records = produceStory(p, 1, 40);
        }
        startSink("g-" + UUID.randomUUID(), 25, 100_000);
        await().atMost(WAIT).until(() -> consumed() >= records);
        assertStoryStored(40);
        assertThat(rows("articles", "inserted")).isEqualTo(48);

        // the same records again, in the same topics: nothing changes
        try (KafkaProducer<String, byte[]> p = producer()) {
            produceStory(p, 1, 40);
        }
        await().atMost(WAIT).until(() -> consumed() >= 2.0 * records);
        assertStoryStored(40);
        assertThat(rows("articles", "unchanged")).isGreaterThanOrEqualTo(48);

        // a second group reads everything from the start (an offset reset): still nothing duplicated
        startSink("g-" + UUID.randomUUID(), 500, 100_000);
        await().atMost(WAIT).until(() -> consumed() >= 4.0 * records);
        assertStoryStored(40);
        assertThat(rows("articles", "inserted")).isEqualTo(48);
    }

    @Test
    void shouldLoseAndDuplicateNothingWhenRestartedMidStream() throws Exception {
        String group = "g-" + UUID.randomUUID();
        int first;
        try (KafkaProducer<String, byte[]> p = producer()) {
            first = produceStory(p, 1, 300);
        }
        SinkService sink = startSink(group, 10, 100_000);
        await().atMost(WAIT).until(() -> consumed() >= 60);
        sink.close();
        double before = consumed();
        assertThat(before).as("stopped mid-stream").isLessThan(first);
        try (KafkaProducer<String, byte[]> p = producer()) {
            produceStory(p, 301, 400);
        }
        startSink(group, 50, 100_000);
        await().atMost(WAIT).untilAsserted(() -> assertThat(count("SELECT COUNT(*) FROM articles_current")).isEqualTo(400));
        await().atMost(WAIT).untilAsserted(() -> assertStoryStored(400));
    }

    @Test
    void shouldDeadLetterPoisonRecordsAndKeepGoing() throws Exception {
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        Article tooLongId = TestRecords.article(2, 1);
        tooLongId.setArticleId("x".repeat(200));
        Article hugeBody = TestRecords.article(3, 1);
        hugeBody.setBodyText("word ".repeat(2_000));
        String key = "same-partition";
        try (KafkaProducer<String, byte[]> p = producer()) {
            String t = topics.articles().name();
            send(p, new ProducerRecord<>(t, key, bytes(TestRecords.article(1, 1))));
            send(p, new ProducerRecord<>(t, key, garbage));
            send(p, new ProducerRecord<>(t, key, bytes(tooLongId)));
            send(p, new ProducerRecord<>(t, key, bytes(hugeBody)));
            send(p, new ProducerRecord<>(t, key, null));
            send(p, new ProducerRecord<>(t, key, bytes(TestRecords.article(4, 1))));
            flush(p);
        }
        startSink("g-" + UUID.randomUUID(), 100, 5_000);
        await().atMost(WAIT).until(() -> consumed() >= 6);
        assertThat(count("SELECT COUNT(*) FROM articles")).isEqualTo(2);
        assertThat(count("SELECT COUNT(*) FROM articles WHERE article_id IN ('" + TestRecords.id(1) + "', '" + TestRecords.id(4) + "')"))
                .isEqualTo(2);

        List<DeadLetter> letters = readDeadLetters(4);
        assertThat(letters).extracting(DeadLetter::getReason)
                .containsExactlyInAnyOrder("bad-avro", "db-" + (docsLabel().equals("sqlite") ? "constraint" : "data"), "too-long", "tombstone");
        assertThat(letters).allSatisfy(l -> {
            assertThat(l.getStage()).isEqualTo("sink");
            assertThat(l.getSourceTopic()).isEqualTo(topics.articles().name());
            assertThat(l.getOriginalKey()).isNotNull();
        });
        DeadLetter bad = letters.stream().filter(l -> l.getReason().equals("bad-avro")).findFirst().orElseThrow();
        assertThat(toBytes(bad.getOriginalValue())).isEqualTo(garbage);
        assertThat(meters.get(SinkMetrics.DEAD_LETTERS).tag("reason", "bad-avro").counter().count()).isEqualTo(1);
        assertThat(meters.get(SinkMetrics.DEAD_LETTERS).tag("reason", "too-long").counter().count()).isEqualTo(1);
    }

    @Test
    void shouldFindArticlesByFullTextAndRunTheDocumentedQueries() throws Exception {
        try (KafkaProducer<String, byte[]> p = producer()) {
            produceStory(p, 1, 12);
        }
        startSink("g-" + UUID.randomUUID(), 100, 100_000);
        await().atMost(WAIT).untilAsserted(() -> assertStoryStored(12));
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(phraseSearchSql())) {
            ps.setString(1, "Ain al-Asad");
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(TestRecords.id(7));
                assertThat(rs.next()).isFalse();
            }
        }
        List<String> queries = documentedQueries();
        assertThat(queries).hasSizeGreaterThanOrEqualTo(5);
        try (Connection c = connect()) {
            for (String sql : queries) {
                try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).as("documented query returns rows: %s", sql).isTrue();
                }
            }
        }
    }

    @Test
    void shouldResolveRevisionsAndRepeatsInsideOneBatch() throws Exception {
        RowMapper mapper = new RowMapper(100_000);
        try (JdbcStore store = JdbcStore.forUrl(jdbcUrl, user(), "")) {
            store.migrate();
            BatchWriter writer = new BatchWriter(store);
            writer.write(List.of(new BatchWriter.Item<>("a4", mapper.article(TestRecords.article(4, 1), 0, 0L))), java.time.Instant.now());
            Article changed = TestRecords.article(6, 1);
            changed.setTitle("Corrected headline about cranes");
            List<BatchWriter.Item<String>> batch = new ArrayList<>();
            for (Article a : List.of(TestRecords.article(5, 1), TestRecords.article(5, 2), TestRecords.article(5, 1),
                    TestRecords.article(6, 1), changed, TestRecords.article(4, 2), TestRecords.article(4, 1))) {
                batch.add(new BatchWriter.Item<>(a.getArticleId(), mapper.article(a, 0, 0L)));
            }
            BatchWriter.Result<String> r = writer.write(batch, java.time.Instant.now());
            assertThat(r.isolated()).isFalse();
            assertThat(r.tally().get("articles", Tally.Outcome.INSERTED)).isEqualTo(4);
            assertThat(r.tally().get("articles", Tally.Outcome.UPDATED)).isEqualTo(1);
            assertThat(r.tally().get("articles", Tally.Outcome.UNCHANGED)).isEqualTo(2);
        }
        assertThat(count("SELECT COUNT(*) FROM articles")).isEqualTo(5);
        assertThat(count("SELECT COUNT(*) FROM articles_current")).isEqualTo(3);
        assertThat(count("SELECT SUM(revision) FROM articles_current")).isEqualTo(5);
        assertThat(count("SELECT COUNT(*) FROM articles_current WHERE title LIKE 'Corrected%'")).isEqualTo(1);
    }

    @Test
    void shouldStoreEnrichmentFieldsQueryablyByPlaceCategoryAndCountry() throws Exception {
        try (KafkaProducer<String, byte[]> p = producer()) {
            produceStory(p, 1, 12);
        }
        startSink("g-" + UUID.randomUUID(), 100, 100_000);
        await().atMost(WAIT).untilAsserted(() -> assertStoryStored(12));
        long baghdad = 0;
        long iraqi = 0;
        long placeRows = 0;
        long withoutPlaces = 0;
        for (int n = 1; n <= 12; n++) {
            List<dev.newsflow.avro.Place> places = TestRecords.places(n);
            if (places == null) {
                withoutPlaces += n % 5 == 0 ? 2 : 1;
                continue;
            }
            placeRows += places.size();
            baghdad += places.stream().filter(pl -> pl.getName().equals("Baghdad")).count();
            iraqi += places.isEmpty() ? 0 : 1;
        }
        assertThat(count("SELECT COUNT(*) FROM article_places")).isEqualTo(placeRows);
        assertThat(count("SELECT COUNT(*) FROM article_places WHERE name = 'Baghdad'")).isEqualTo(baghdad).isEqualTo(4);
        assertThat(count("SELECT COUNT(*) FROM articles_current a WHERE EXISTS (SELECT 1 FROM article_places p WHERE p.id = a.id "
                + "AND p.name = 'Ain al-Asad' AND p.kind = 'base' AND p.country_code = 'IQ' AND p.mentions = 2)")).isEqualTo(1);
        assertThat(count("SELECT COUNT(*) FROM articles WHERE places IS NULL")).isEqualTo(withoutPlaces);
        assertThat(count("SELECT COUNT(*) FROM articles_current WHERE primary_country = 'IQ'")).isEqualTo(iraqi);
        assertThat(count("SELECT COUNT(*) FROM articles_current WHERE category = 'business'")).isEqualTo(6);
        assertThat(count("SELECT COUNT(*) FROM articles_current WHERE keywords IS NOT NULL AND source_tags IS NOT NULL "
                + "AND publisher_country = 'GB' AND publisher_language = 'en' AND reading_time_seconds = 4")).isEqualTo(12);
        assertThat(count("SELECT COUNT(*) FROM articles_current WHERE published_at_confidence = 0.95 "
                + "AND modified_at_evidence = 'json-ld:dateModified'")).isPositive();
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement("SELECT language_confidence, category, summary, "
                + "publisher_name, primary_country FROM articles_current WHERE article_id = ?")) {
            ps.setString(1, TestRecords.id(7));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getDouble(1)).isEqualTo(0.97);
                assertThat(rs.getString(2)).isEqualTo("conflict");
                assertThat(rs.getString(3)).isEqualTo("Dockworkers in the harbour of town 7 report that the cranes stopped.");
                assertThat(rs.getString(4)).isEqualTo("Example News Ltd");
                assertThat(rs.getString(5)).isEqualTo("IQ");
            }
            ps.setString(1, TestRecords.id(4));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                rs.getDouble(1);
                assertThat(rs.wasNull()).isTrue();
            }
        }
        // a replay of the same records leaves the enrichment untouched
        double unchangedBefore = rows("articles", "unchanged");
        try (KafkaProducer<String, byte[]> p = producer()) {
            produceStory(p, 1, 12);
        }
        await().atMost(WAIT).until(() -> rows("articles", "unchanged") >= unchangedBefore + 14);
        assertThat(count("SELECT COUNT(*) FROM article_places")).isEqualTo(placeRows);
        assertThat(rows("articles", "updated")).isZero();
    }

    /** The SQL blocks labelled for this store in docs/sink.md, so the documentation cannot drift from the schema. */
    List<String> documentedQueries() throws Exception {
        Path doc = Path.of("../../docs/sink.md");
        assertThat(doc).exists();
        String text = Files.readString(doc, StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("```sql (sqlite|postgres|both)\\R(.*?)```", Pattern.DOTALL).matcher(text);
        List<String> out = new ArrayList<>();
        while (m.find()) {
            if (m.group(1).equals(docsLabel()) || m.group(1).equals("both")) {
                out.add(m.group(2).strip().replaceAll(";$", ""));
            }
        }
        return out;
    }

    byte[] bytes(Article a) {
        return topics.articles().valueSerde().serializer().serialize(topics.articles().name(), a);
    }

    static byte[] toBytes(java.nio.ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    List<DeadLetter> readDeadLetters(int expected) {
        Map<String, Object> props = new HashMap<>(kafka().clientProps());
        props.put("group.id", "dlq-reader-" + UUID.randomUUID());
        props.put("auto.offset.reset", "earliest");
        props.put("isolation.level", "read_committed");
        List<DeadLetter> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            c.subscribe(List.of(topics.deadLetters().name()));
            await().atMost(WAIT).until(() -> {
                for (ConsumerRecord<byte[], byte[]> r : c.poll(Duration.ofMillis(200))) {
                    out.add(topics.deadLetters().valueSerde().deserializer().deserialize(r.topic(), r.value()));
                }
                return out.size() >= expected;
            });
        }
        return out;
    }
}
