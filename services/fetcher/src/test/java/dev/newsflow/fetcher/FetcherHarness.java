package dev.newsflow.fetcher;

import dev.newsflow.avro.DeadLetter;
import dev.newsflow.avro.RawPage;
import dev.newsflow.common.config.ConfigReport;
import dev.newsflow.common.kafka.NewsTopics;
import dev.newsflow.common.kafka.Topic;
import dev.newsflow.common.kafka.TopicProvisioner;
import dev.newsflow.common.kafka.TopicSettings;
import dev.newsflow.common.runtime.KafkaSettings;
import dev.newsflow.common.runtime.NewsflowConfig;
import dev.newsflow.common.runtime.ServiceContext;
import dev.newsflow.common.serde.InMemorySchemaRegistry;
import dev.newsflow.testkit.KafkaBroker;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Wires a fetcher to a test broker with isolated topics, a temp sources file and a SimpleMeterRegistry. */
final class FetcherHarness implements AutoCloseable {
    final KafkaBroker kafka;
    final String prefix = KafkaBroker.uniquePrefix();
    final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    final NewsTopics topics;
    final Path dir;
    final Path sourcesFile;
    final List<FetcherService> started = new ArrayList<>();

    FetcherHarness(KafkaBroker kafka) throws IOException {
        this.kafka = kafka;
        this.topics = new NewsTopics(TopicSettings.defaults().withPrefix(prefix), registry);
        this.dir = Files.createTempDirectory("fetcher-it-");
        this.sourcesFile = dir.resolve("sources.yml");
        TopicProvisioner.ensure(kafka.clientProps(), List.of(topics.rawPages(), topics.deadLetters(), topics.fetchRequests()));
    }

    void sources(String yaml) throws IOException {
        Path tmp = dir.resolve("sources.yml.tmp");
        Files.writeString(tmp, yaml, StandardCharsets.UTF_8);
        Files.move(tmp, sourcesFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    static FetcherConfig config(String yaml) {
        var node = ConfigReport.parse("fetcher-test.yml", yaml, Map.of());
        FetcherConfig c = FetcherConfig.from(node);
        node.report().throwIfAny();
        return c;
    }

    /** Base test config: short timeouts, quick backoff, group and state isolated per harness. */
    String baseConfig(String instance, String extra) {
        return "worker-threads: 4\nconnect-timeout: 2s\nread-timeout: 2s\ntotal-timeout: 5s\nreload-interval: 200ms\n"
                + "group-id: " + prefix + "fetcher\nstate-dir: " + dir.resolve("state-" + instance) + "\n"
                + "politeness: {backoff-initial: 100ms, backoff-max: 1s, max-retries: 2}\n" + extra;
    }

    ServiceContext context(SimpleMeterRegistry meters) {
        KafkaSettings ks = new KafkaSettings(kafka.bootstrapServers(), dir.resolve("unused"), 0, Map.of());
        return new ServiceContext(ks, registry, topics, meters, sourcesFile, dir, NewsflowConfig.defaults(Map.of()));
    }

    FetcherService start(FetcherConfig config, SimpleMeterRegistry meters) {
        return start(config, meters, null);
    }

    FetcherService start(FetcherConfig config, SimpleMeterRegistry meters, javax.net.ssl.SSLContext tls) {
        FetcherService f = new FetcherService(config, context(meters), tls);
        started.add(f);
        f.start();
        return f;
    }

    List<ConsumerRecord<byte[], byte[]>> readAll(Topic<?, ?> topic) {
        Map<String, Object> p = new HashMap<>(kafka.clientProps());
        p.put("group.id", "reader-" + UUID.randomUUID());
        try (KafkaConsumer<byte[], byte[]> c = new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic.name()).stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts);
            List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 20_000;
            while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp)) && System.currentTimeMillis() < deadline) {
                c.poll(Duration.ofMillis(200)).forEach(out::add);
            }
            return out;
        }
    }

    List<RawPage> rawPages() {
        return readAll(topics.rawPages()).stream().map(r -> topics.rawPages().valueSerde().deserializer().deserialize(r.topic(), r.value())).toList();
    }

    List<DeadLetter> deadLetters() {
        return readAll(topics.deadLetters()).stream().map(r -> topics.deadLetters().valueSerde().deserializer().deserialize(r.topic(), r.value())).toList();
    }

    static double count(SimpleMeterRegistry meters, String name, String... tags) {
        return meters.find(name).tags(tags).counters().stream().mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    static double gauge(SimpleMeterRegistry meters, String name, String... tags) {
        var g = meters.find(name).tags(tags).gauge();
        return g == null ? Double.NaN : g.value();
    }

    static List<Meter> meters(SimpleMeterRegistry meters, String name) {
        return new ArrayList<>(meters.find(name).meters());
    }

    @Override
    public void close() throws IOException {
        for (FetcherService f : started) {
            f.close();
        }
        KafkaBroker.deleteTree(dir);
    }
}
