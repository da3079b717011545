package dev.newsflow.common.kafka;

import dev.newsflow.avro.Article;
import dev.newsflow.avro.DeadLetter;
import dev.newsflow.avro.RawPage;
import dev.newsflow.avro.Sighting;
import dev.newsflow.common.kafka.Topic.TopicSpec;
import dev.newsflow.common.serde.AvroSerde;
import dev.newsflow.common.serde.SchemaRegistryClient;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** Every topic newsflow owns, declared once from {@link TopicSettings}. */
public final class NewsTopics {
    /** Raw pages may be 1–5 MB of HTML: producer and topic both allow 8 MiB. */
    public static final int RAW_MAX_BYTES = 8 * 1024 * 1024;

    private final Topic<String, RawPage> rawPages;
    private final Topic<String, Article> articles;
    private final Topic<String, Sighting> sightings;
    private final Topic<byte[], DeadLetter> deadLetters;
    private final Topic<String, String> fetchRequests;
    private final Topic<String, String> mirrorCandidates;
    private final Topic<String, String> schemas;
    private final Topic<String, String> sourceMetadata;

    public NewsTopics(TopicSettings s, SchemaRegistryClient registry) {
        short rf = s.replicationFactor();
        Serde<String> keys = Serdes.String();
        rawPages = new Topic<>(s.prefix() + "news.raw.pages", keys, AvroSerde.forValues(RawPage.class, registry),
                new TopicSpec(s.partitions(), rf, Map.of("compression.type", "zstd", "max.message.bytes", String.valueOf(RAW_MAX_BYTES),
                        "retention.ms", String.valueOf(s.rawRetention().toMillis()))));
        articles = new Topic<>(s.prefix() + "news.articles", keys, AvroSerde.forValues(Article.class, registry),
                new TopicSpec(s.partitions(), rf, Map.of("compression.type", "zstd", "max.message.bytes", String.valueOf(RAW_MAX_BYTES),
                        "retention.ms", String.valueOf(s.articleRetention().toMillis()))));
        sightings = new Topic<>(s.prefix() + "news.article.sightings", keys, AvroSerde.forValues(Sighting.class, registry),
                new TopicSpec(s.partitions(), rf, Map.of("compression.type", "zstd",
                        "retention.ms", String.valueOf(s.articleRetention().toMillis()))));
        deadLetters = new Topic<>(s.prefix() + "news.dlq", Serdes.ByteArray(), AvroSerde.forValues(DeadLetter.class, registry),
                new TopicSpec(1, rf, Map.of("compression.type", "zstd", "max.message.bytes", String.valueOf(RAW_MAX_BYTES + 1024 * 1024),
                        "retention.ms", String.valueOf(s.articleRetention().toMillis()))));
        fetchRequests = new Topic<>(s.prefix() + "news.fetch.requests", keys, Serdes.String(),
                new TopicSpec(s.partitions(), rf, Map.of("compression.type", "zstd", "retention.ms", String.valueOf(s.rawRetention().toMillis()))));
        mirrorCandidates = new Topic<>(s.prefix() + "news.mirror.candidates", keys, Serdes.String(),
                new TopicSpec(1, rf, Map.of("cleanup.policy", "compact")));
        schemas = new Topic<>(s.schemasTopic(), keys, Serdes.String(),
                new TopicSpec(1, rf, Map.of("cleanup.policy", "compact")));
        sourceMetadata = new Topic<>(s.prefix() + "news.sources", keys, Serdes.String(),
                new TopicSpec(1, rf, Map.of("cleanup.policy", "compact")));
    }

    public Topic<String, RawPage> rawPages() {
        return rawPages;
    }

    public Topic<String, Article> articles() {
        return articles;
    }

    public Topic<String, Sighting> sightings() {
        return sightings;
    }

    public Topic<byte[], DeadLetter> deadLetters() {
        return deadLetters;
    }

    /** URLs to fetch, keyed by host, so fetcher instances split hosts between them. Value: JSON request. */
    public Topic<String, String> fetchRequests() {
        return fetchRequests;
    }

    /** Mirror-host candidates found by the processor (key: host pair, value: JSON evidence). */
    public Topic<String, String> mirrorCandidates() {
        return mirrorCandidates;
    }

    /** Storage of the embedded schema registry (compacted). */
    public Topic<String, String> schemas() {
        return schemas;
    }

    /** Publisher metadata of every configured source (key: source id, value: JSON), read by the processor as a GlobalKTable. */
    public Topic<String, String> sourceMetadata() {
        return sourceMetadata;
    }

    public List<Topic<?, ?>> all() {
        return List.of(rawPages, articles, sightings, deadLetters, fetchRequests, mirrorCandidates, schemas, sourceMetadata);
    }
}
