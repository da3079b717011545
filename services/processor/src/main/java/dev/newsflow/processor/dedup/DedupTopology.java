package dev.newsflow.processor.dedup;

import dev.newsflow.avro.ParsedPage;
import dev.newsflow.avro.Sighting;
import dev.newsflow.common.kafka.NewsTopics;
import dev.newsflow.common.serde.SchemaRegistryClient;
import dev.newsflow.processor.metrics.SourceLabels;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueBytesStoreSupplier;
import org.apache.kafka.streams.state.Stores;

/**
 * Wires deduplication (docs/dedup.md) in one of two layouts ({@link DedupLayout}).
 *
 * <p>Single task (the default): one repartition topic with one partition, every stage in one task
 * ({@link SingleTaskDedup}), their messages handed over as local calls:
 * <pre>
 * parsed ─by story key─▶ dedup-all (1 partition) ─▶ dedup: story ▶ index ▶ bodies ▶ articles (▶ mirrors) ─▶ articles, sightings, mirror candidates
 * </pre>
 * Partitioned: each stage keyed by what it looks up, behind its own repartition topic:
 * <pre>
 * parsed ─by story key─▶ dedup-story ──probe──▶ ─by block─▶ dedup-block-index ──confirm──┐
 *                            │  └──register───────────────────────────────────────────▶ ─by article─▶ dedup-bodies ─verdict─┐
 *                            │                                          └──table-done──┐        └─mirror evidence─▶ ─by host pair─▶ dedup-mirrors ─▶ mirror candidates
 *                            └──new story / copy──────────────────────────────────────▶ ─by article─▶ dedup-articles ─▶ articles, sightings
 *                            └──sightings ─▶ sightings
 * </pre>
 * Every operator, store and repartition topic is named.
 */
public final class DedupTopology {
    public static final String STORY_STORE = StoryStage.STORE;
    /** Name of the single-task layout's repartition topic (the topic is {@code <application id>-dedup-all-repartition}). */
    public static final String SINGLE_TASK_TOPIC = "dedup-all";

    private DedupTopology() {
    }

    public static void build(StreamsBuilder builder, KStream<String, ParsedPage> parsed, DedupSettings settings, NewsTopics topics,
                             Serde<ParsedPage> parsedSerde, SchemaRegistryClient registry, SourceLabels sources, MeterRegistry meters) {
        DedupMetrics metrics = new DedupMetrics(meters, sources);
        builder.addStateStore(Stores.keyValueStoreBuilder(store(StoryStage.STORE), Serdes.String(), Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(store(BlockIndexStage.STORE), Serdes.Bytes(), Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(store(ShingleStage.STORE), Serdes.String(), Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(store(ArticleStage.STORE), Serdes.String(), Serdes.ByteArray()));
        // decisions in flight: small (counters, the best candidate so far, the article's identity fields), rewritten on every
        // index answer, empty at rest; kept in memory (changelogged like the others, restored from the changelog) instead of a
        // RocksDB read and write per answer; cached, so that the ~16 rewrites of a decision within one commit interval reach
        // the changelog as its last value only (measured: 16.1 changelog records per article without the cache)
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(ArticleStage.DECISIONS), Serdes.String(),
                Serdes.ByteArray()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(store(ArticleStage.CONTENT), Serdes.String(), Serdes.ByteArray()));
        builder.addStateStore(Stores.keyValueStoreBuilder(store(MirrorStage.STORE), Serdes.String(), Serdes.ByteArray()));

        KStream<String, StoryInput> byStory = parsed
                .selectKey((k, v) -> v.getStoryKey(), Named.as("dedup-key-by-story"))
                .mapValues(StoryInput::of, Named.as("dedup-story-input"));
        StoryInput.StorySerde storySerde = new StoryInput.StorySerde(parsedSerde, registry);
        // articles are published as encoded by ArticleBytes: the same bytes AvroSerde<Article> would write, without re-encoding
        Serde<PublishedArticle> published = Serdes.serdeFrom(PublishedArticle.serializer(registry), (topic, bytes) -> {
            throw new UnsupportedOperationException("read news.articles with AvroSerde<Article>");
        });
        if (settings.layout() == DedupLayout.SINGLE_TASK) {
            singleTask(byStory, storySerde, settings, metrics, topics, published);
        } else {
            partitioned(byStory, storySerde, settings, metrics, topics, published);
        }
    }

    /** Every stage in one task behind one single-partition repartition topic ({@link SingleTaskDedup}). */
    private static void singleTask(KStream<String, StoryInput> byStory, StoryInput.StorySerde storySerde, DedupSettings settings,
                                   DedupMetrics metrics, NewsTopics topics, Serde<PublishedArticle> published) {
        Map<String, KStream<String, Object>> out = byStory
                .repartition(Repartitioned.<String, StoryInput>as(SINGLE_TASK_TOPIC).withKeySerde(Serdes.String()).withValueSerde(storySerde)
                        .withNumberOfPartitions(1))
                .process(() -> new SingleTaskDedup(settings, metrics), Named.as("dedup"), StoryStage.STORE, BlockIndexStage.STORE,
                        ShingleStage.STORE, MirrorStage.STORE, ArticleStage.STORE, ArticleStage.DECISIONS, ArticleStage.CONTENT)
                .split(Named.as("dedup-out-"))
                .branch((k, v) -> v instanceof PublishedArticle, Branched.as("article"))
                .branch((k, v) -> v instanceof Sighting, Branched.as("sighting"))
                .defaultBranch(Branched.as("mirror"));
        publish(out, topics, published);
        out.get("dedup-out-mirror").mapValues(v -> (String) v, Named.as("dedup-as-mirror-candidate"))
                .to(topics.mirrorCandidates().name(), mirrorCandidates());
    }

    /** Each stage keyed by what it looks up, a repartition topic in front of each. */
    private static void partitioned(KStream<String, StoryInput> byStory, StoryInput.StorySerde storySerde, DedupSettings settings,
                                    DedupMetrics metrics, NewsTopics topics, Serde<PublishedArticle> published) {
        Serde<DedupMessage> messages = new DedupMessageSerde();
        Map<String, KStream<String, Object>> story = byStory
                .repartition(Repartitioned.<String, StoryInput>as("dedup-by-story").withKeySerde(Serdes.String())
                        .withValueSerde(storySerde))
                .process(() -> new TimedProcessor<>(new StoryStage(settings, metrics), metrics.stage("story")), Named.as("dedup-story"), StoryStage.STORE)
                .split(Named.as("dedup-story-"))
                .branch((k, v) -> v instanceof Sighting, Branched.as("sighting"))
                .branch((k, v) -> v instanceof DedupMessage.Probe, Branched.as("probe"))
                .branch((k, v) -> v instanceof DedupMessage.Register, Branched.as("register"))
                .defaultBranch(Branched.as("article"));
        story.get("dedup-story-sighting").mapValues(v -> (Sighting) v, Named.as("dedup-story-as-sighting"))
                .to(topics.sightings().name(), Produced.with(Serdes.String(), topics.sightings().valueSerde()).withName("dedup-story-sightings-out"));

        Map<String, KStream<String, DedupMessage>> index = messages(story.get("dedup-story-probe"), "dedup-probe-as-message")
                .repartition(Repartitioned.<String, DedupMessage>as("dedup-by-block").withKeySerde(Serdes.String()).withValueSerde(messages))
                .process(() -> new TimedProcessor<>(new BlockIndexStage(settings, metrics), metrics.stage("index")), Named.as("dedup-block-index"), BlockIndexStage.STORE)
                .split(Named.as("dedup-index-"))
                .branch((k, v) -> v instanceof DedupMessage.Confirm, Branched.as("confirm"))
                .defaultBranch(Branched.as("table-done"));

        Map<String, KStream<String, DedupMessage>> bodies = messages(story.get("dedup-story-register"), "dedup-register-as-message")
                .merge(index.get("dedup-index-confirm"), Named.as("dedup-merge-body-input"))
                .repartition(Repartitioned.<String, DedupMessage>as("dedup-by-body").withKeySerde(Serdes.String()).withValueSerde(messages))
                .process(() -> new TimedProcessor<>(new ShingleStage(settings, metrics), metrics.stage("bodies")), Named.as("dedup-bodies"), ShingleStage.STORE)
                .split(Named.as("dedup-bodies-"))
                .branch((k, v) -> v instanceof DedupMessage.MirrorEvidence, Branched.as("mirror"))
                .defaultBranch(Branched.as("verdict"));

        bodies.get("dedup-bodies-mirror")
                .repartition(Repartitioned.<String, DedupMessage>as("dedup-by-host-pair").withKeySerde(Serdes.String()).withValueSerde(messages))
                .process(() -> new TimedProcessor<>(new MirrorStage(settings, metrics), metrics.stage("mirrors")), Named.as("dedup-mirrors"), MirrorStage.STORE)
                .to(topics.mirrorCandidates().name(), mirrorCandidates());

        Map<String, KStream<String, Object>> out = messages(story.get("dedup-story-article"), "dedup-story-as-message")
                .merge(index.get("dedup-index-table-done"), Named.as("dedup-merge-table-done"))
                .merge(bodies.get("dedup-bodies-verdict"), Named.as("dedup-merge-verdicts"))
                .repartition(Repartitioned.<String, DedupMessage>as("dedup-by-article").withKeySerde(Serdes.String()).withValueSerde(messages))
                .process(() -> new TimedProcessor<>(new ArticleStage(settings, metrics), metrics.stage("articles")), Named.as("dedup-articles"), ArticleStage.STORE, ArticleStage.DECISIONS,
                        ArticleStage.CONTENT)
                .split(Named.as("dedup-out-"))
                .branch((k, v) -> v instanceof PublishedArticle, Branched.as("article"))
                .defaultBranch(Branched.as("sighting"));
        publish(out, topics, published);
    }

    /** The {@code dedup-out-article} and {@code dedup-out-sighting} branches of the last stage to their topics. */
    private static void publish(Map<String, KStream<String, Object>> out, NewsTopics topics, Serde<PublishedArticle> published) {
        out.get("dedup-out-article").mapValues(v -> (PublishedArticle) v, Named.as("dedup-as-article"))
                .to(topics.articles().name(), Produced.with(Serdes.String(), published).withName("dedup-articles-out"));
        out.get("dedup-out-sighting").mapValues(v -> (Sighting) v, Named.as("dedup-as-sighting"))
                .to(topics.sightings().name(), Produced.with(Serdes.String(), topics.sightings().valueSerde()).withName("dedup-sightings-out"));
    }

    private static Produced<String, String> mirrorCandidates() {
        return Produced.with(Serdes.String(), Serdes.String()).withName("dedup-mirror-candidates-out");
    }

    private static KStream<String, DedupMessage> messages(KStream<String, Object> in, String name) {
        return in.mapValues(v -> (DedupMessage) v, Named.as(name));
    }

    private static KeyValueBytesStoreSupplier store(String name) {
        return Stores.persistentKeyValueStore(name);
    }
}
