package dev.newsflow.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.avro.DeadLetter;
import dev.newsflow.avro.SightingKind;
import dev.newsflow.common.kafka.NewsTopics;
import dev.newsflow.common.kafka.TopicSettings;
import dev.newsflow.common.serde.InMemorySchemaRegistry;
import dev.newsflow.sink.store.ArticleRow;
import dev.newsflow.sink.store.SightingRow;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

class RecordDecoderTest {
    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final NewsTopics topics = new NewsTopics(TopicSettings.defaults(), registry);
    private final RecordDecoder decoder = new RecordDecoder(topics, new RowMapper(5_000));

    private ConsumerRecord<byte[], byte[]> record(String topic, byte[] value) {
        return new ConsumerRecord<>(topic, 1, 7L, "k".getBytes(StandardCharsets.UTF_8), value);
    }

    private static String reason(ThrowingRunnable r) {
        try {
            r.run();
        } catch (RecordDecoder.Poison p) {
            return p.reason();
        } catch (Exception e) {
            return "unexpected " + e;
        }
        return "no poison";
    }

    @Test
    void shouldDecodeArticlesAndSightingsIntoRows() throws Exception {
        String at = topics.articles().name();
        String st = topics.sightings().name();
        Object a = decoder.decode(record(at, topics.articles().valueSerde().serializer().serialize(at, TestRecords.article(1, 1))));
        Object s = decoder.decode(record(st, topics.sightings().valueSerde().serializer().serialize(st,
                TestRecords.sighting(1, SightingKind.MIRROR, "mirror.example-news.test"))));
        assertThat(a).isInstanceOf(ArticleRow.class);
        assertThat(((ArticleRow) a).kafkaOffset()).isEqualTo(7L);
        assertThat(s).isInstanceOfSatisfying(SightingRow.class, r -> assertThat(r.kind()).isEqualTo("mirror"));
    }

    @Test
    void shouldClassifyPoisonRecords() {
        String at = topics.articles().name();
        assertThat(reason(() -> decoder.decode(record(at, "plain text".getBytes(StandardCharsets.UTF_8))))).isEqualTo("bad-avro");
        assertThat(reason(() -> decoder.decode(record(at, null)))).isEqualTo("tombstone");
        assertThat(reason(() -> decoder.decode(record(at, new byte[] {0, 0, 0, 0, 42, 1, 2})))).isEqualTo("unknown-schema");
        assertThat(reason(() -> decoder.decode(record("elsewhere", new byte[] {1})))).isEqualTo("unknown-topic");
        byte[] valid = topics.articles().valueSerde().serializer().serialize(at, TestRecords.article(1, 1));
        byte[] truncated = java.util.Arrays.copyOf(valid, valid.length / 2);
        assertThat(reason(() -> decoder.decode(record(at, truncated)))).isEqualTo("bad-avro");
        var big = TestRecords.article(2, 1);
        big.setBodyText("w ".repeat(3_000));
        assertThat(reason(() -> decoder.decode(record(at, topics.articles().valueSerde().serializer().serialize(at, big))))).isEqualTo("too-long");
    }

    @Test
    void shouldNameSourceAndUrlOfADecodedRecordItRejects() {
        String at = topics.articles().name();
        var big = TestRecords.article(3, 1);
        big.setBodyText("w ".repeat(3_000));
        byte[] value = topics.articles().valueSerde().serializer().serialize(at, big);
        assertThatThrownBy(() -> decoder.decode(record(at, value))).isInstanceOfSatisfying(RecordDecoder.Poison.class, p -> {
            assertThat(p.reason()).isEqualTo("too-long");
            assertThat(p.sourceId()).isEqualTo(big.getSourceId());
            assertThat(p.url()).isEqualTo(big.getCanonicalUrl());
            DeadLetter letter = DeadLetters.build(record(at, value), p.reason(), p.getMessage(), p.getCause(), p.sourceId(), p.url());
            assertThat(letter.getUrl()).isEqualTo(big.getCanonicalUrl());
            assertThat(letter.getSourceId()).isEqualTo(big.getSourceId());
        });
        assertThatThrownBy(() -> decoder.decode(record(at, "plain text".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOfSatisfying(RecordDecoder.Poison.class, p -> assertThat(p.url()).isNull());
    }

    @Test
    void shouldCarrySourceAndUrlOfARowTheDatabaseRejected() throws Exception {
        String at = topics.articles().name();
        var article = TestRecords.article(4, 1);
        byte[] value = topics.articles().valueSerde().serializer().serialize(at, article);
        Object row = decoder.decode(record(at, value));
        DeadLetter letter = DeadLetters.build(record(at, value), "db-constraint", "value too long", null, row);
        assertThat(letter.getUrl()).isEqualTo(article.getCanonicalUrl());
        assertThat(letter.getSourceId()).isEqualTo(article.getSourceId());
        assertThat(letter.getSourceOffset()).isEqualTo(7L);

        String st = topics.sightings().name();
        var sighting = TestRecords.sighting(4, SightingKind.MIRROR, "mirror.example-news.test");
        Object srow = decoder.decode(record(st, topics.sightings().valueSerde().serializer().serialize(st, sighting)));
        DeadLetter sl = DeadLetters.build(record(st, new byte[] {1}), "db-constraint", "x", null, srow);
        assertThat(sl.getUrl()).isEqualTo(sighting.getUrl());

        var longUrl = TestRecords.article(5, 1);
        longUrl.setCanonicalUrl("https://example-news.test/" + "a".repeat(4_000));
        DeadLetter clipped = DeadLetters.build(record(at, value), "too-long", "x", null, null, longUrl.getCanonicalUrl());
        assertThat(clipped.getUrl()).hasSizeLessThan(2_100).startsWith("https://example-news.test/aaa");
    }

    @Test
    void shouldRetryWhenTheRegistryIsUnreachable() {
        NewsTopics unreachable = new NewsTopics(TopicSettings.defaults(), new InMemorySchemaRegistry() {
            @Override
            public synchronized org.apache.avro.Schema getById(int id) {
                throw new dev.newsflow.common.serde.SchemaRegistryException("unreachable", -1, null);
            }
        });
        RecordDecoder d = new RecordDecoder(unreachable, new RowMapper(5_000));
        String at = topics.articles().name();
        byte[] valid = topics.articles().valueSerde().serializer().serialize(at, TestRecords.article(1, 1));
        assertThatThrownBy(() -> d.decode(record(at, valid))).isInstanceOfSatisfying(RecordDecoder.RetryException.class,
                e -> assertThat(e.kind()).isEqualTo("registry"));
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }
}
