package dev.newsflow.processor.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.avro.Article;
import dev.newsflow.avro.RawPage;
import dev.newsflow.avro.Sighting;
import dev.newsflow.avro.SightingKind;
import dev.newsflow.common.kafka.NewsTopics;
import dev.newsflow.common.kafka.TopicProvisioner;
import dev.newsflow.common.runtime.NewsflowConfig;
import dev.newsflow.common.runtime.ServiceContext;
import dev.newsflow.common.serde.InMemorySchemaRegistry;
import dev.newsflow.common.sources.SourcesConfig;
import dev.newsflow.processor.ProcessorConfig;
import dev.newsflow.processor.ProcessorService;
import dev.newsflow.processor.dedup.DedupLayout;
import dev.newsflow.testkit.KafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The story-dedup benchmark stream on a real broker through a real KafkaStreams instance (exactly_once_v2, two
 * partitions), in each dedup layout: the clusters must be the ones the TopologyTestDriver replay finds, with no false merge.
 */
@Tag("integration")
@Timeout(600)
class DedupBenchIT {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DedupBenchIT.class);
    private static final int FETCHES = 240;

    @RegisterExtension
    static KafkaBroker kafka = new KafkaBroker();

    @TempDir
    Path tmp;

    /** Both dedup layouts, each on its own topics and application id on the class's broker. */
    @ParameterizedTest
    @EnumSource(DedupLayout.class)
    void shouldClusterTheBenchmarkStreamOnARealBrokerAsInTheTestDriver(DedupLayout layout) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(ClusterScoreTest.DEV), "story-dedup dev set not present");
        DedupDataset full = DedupDataset.load(ClusterScoreTest.DEV);
        // the first FETCHES fetches (every kind occurs in them) keep the run within minutes on a loaded 2-core machine
        List<DedupDataset.Fetch> fetches = full.fetches().subList(0, Math.min(FETCHES, full.fetches().size()));
        Map<String, DedupDataset.Gold> gold = new HashMap<>();
        fetches.forEach(f -> gold.put(f.page(), full.gold().get(f.page())));
        DedupDataset ds = new DedupDataset(full.dir(), fetches, full.mirrors(), gold);
        SourcesConfig sources = BenchSources.fromMirrors(ds.mirrors());
        ProcessorConfig driverConfig = DedupBench.processorConfig(null, tmp.resolve("driver"));
        DedupBench.Replay expected = DedupBench.replay(ds, sources, driverConfig, tmp.resolve("driver-state"));

        String prefix = KafkaBroker.uniquePrefix();
        Path sourcesFile = tmp.resolve("sources.yml");
        Files.writeString(sourcesFile, BenchSources.yaml(ds.mirrors()));
        NewsflowConfig config = NewsflowConfig.parse("kafka:\n  bootstrap-servers: " + kafka.bootstrapServers()
                + "\n  topics:\n    prefix: '" + prefix + "'\n    partitions: 2\n"
                // the stream's pages were fetched in 2019 and keep that record time: with the default 7-day retention the broker's
                // retention check (30 s after it starts, then every 5 minutes) deletes them from the topics — the second test of
                // the class met it and waited for pages that were gone
                + "    raw-retention: 36500d\n    article-retention: 36500d\n"
                // one in-flight batch per connection: transactional (v2) retries of a rejected first batch cannot leave later
                // batches out of sequence under heavy load
                + "processor:\n  dedup:\n    layout: " + layout.configName() + "\n"
                + "  streams:\n    producer.max.in.flight.requests.per.connection: '1'\n", Map.of());
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        NewsTopics topics = new NewsTopics(config.topics(), registry);
        TopicProvisioner.ensure(kafka.clientProps(), topics.all());
        ServiceContext ctx = new ServiceContext(config.kafka(), registry, topics, new SimpleMeterRegistry(), sourcesFile, tmp, config);
        ProcessorConfig processorConfig = ProcessorConfig.from(config.section("processor"), tmp).withApplicationId(prefix + "dedup");
        produce(ds, sources, topics);
        long expectedSightings = ds.fetches().size() - expected.deadLettered();
        try (ProcessorService service = new ProcessorService(processorConfig, ctx)) {
            service.start();
            await().atMost(Duration.ofSeconds(480)).pollInterval(Duration.ofSeconds(5)).until(() -> {
                long seen = read(topics.sightings().name(), topics.sightings().valueSerde().deserializer()).stream()
                        .filter(s -> ((Sighting) s).getKind() != SightingKind.DUPLICATE).count();
                LOG.info("DedupBenchIT progress: {} of {} fetches sighted", seen, expectedSightings);
                return seen >= expectedSightings;
            });
            // near-duplicate links are published a few hops after the sightings: wait until the output settles
            java.util.concurrent.atomic.AtomicReference<Map<String, String>> last = new java.util.concurrent.atomic.AtomicReference<>();
            try {
                await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(5)).until(() -> {
                    List<Sighting> sightings = read(topics.sightings().name(), topics.sightings().valueSerde().deserializer()).stream()
                            .map(Sighting.class::cast).toList();
                    List<Article> articles = read(topics.articles().name(), topics.articles().valueSerde().deserializer()).stream()
                            .map(Article.class::cast).toList();
                    last.set(BenchClusters.predictions(ds.fetches(), sightings, articles));
                    return BenchClusters.partition(last.get()).equals(BenchClusters.partition(expected.predictions()));
                });
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                LOG.warn("clusters did not converge: {}", e.getMessage());
            }
            Map<String, String> predictions = last.get();
            assertThat(BenchClusters.partition(predictions)).isEqualTo(BenchClusters.partition(expected.predictions()));
            assertThat(ClusterScore.of(ds.gold(), predictions).falseMerges()).isZero();
        }
    }

    private void produce(DedupDataset ds, SourcesConfig sources, NewsTopics topics) throws Exception {
        Map<String, Object> props = new HashMap<>(kafka.clientProps());
        props.put("enable.idempotence", true);
        // right after topic creation the first batches may meet NOT_LEADER; one in-flight request keeps retries in sequence
        props.put("max.in.flight.requests.per.connection", 1);
        props.put("max.request.size", NewsTopics.RAW_MAX_BYTES);
        props.put("compression.type", "zstd");
        try (KafkaProducer<String, RawPage> producer = new KafkaProducer<>(props, new StringSerializer(),
                topics.rawPages().valueSerde().serializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (DedupDataset.Fetch f : ds.fetches()) {
                sent.add(producer.send(new ProducerRecord<>(topics.rawPages().name(), null, f.fetchedAt().toEpochMilli(), f.url(),
                        DedupBench.rawPage(f, ds, sources))));
            }
            producer.flush();
            for (java.util.concurrent.Future<?> f : sent) {
                f.get(120, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private List<Object> read(String topic, Deserializer<?> values) {
        Map<String, Object> props = new HashMap<>(kafka.clientProps());
        props.put("isolation.level", "read_committed");
        props.put("max.partition.fetch.bytes", 9 * 1024 * 1024);
        List<Object> out = new ArrayList<>();
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(props, new StringDeserializer(), (Deserializer<Object>) values)) {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, Object> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(r.value());
                }
            }
        }
        return out;
    }
}
