package dev.newsflow.processor.enrich;

import dev.newsflow.common.sources.SourceDefinition;
import dev.newsflow.common.sources.SourcesConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the metadata of every configured source to the compacted source-metadata topic, and again whenever
 * the sources config changes (checked every {@code refresh}); removed sources get a tombstone. The processor reads
 * the topic as a GlobalKTable, so publisher names, countries and tags follow the sources file without a restart.
 */
public final class SourceMetadataFeed implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SourceMetadataFeed.class);
    private final String topic;
    private final Supplier<SourcesConfig> sources;
    private final Duration refresh;
    private final Producer<String, String> producer;
    private final Map<String, String> published = new HashMap<>();
    private ScheduledExecutorService scheduler;

    public SourceMetadataFeed(Map<String, Object> clientProps, String topic, Supplier<SourcesConfig> sources, Duration refresh) {
        this(producer(clientProps), topic, sources, refresh);
    }

    SourceMetadataFeed(Producer<String, String> producer, String topic, Supplier<SourcesConfig> sources, Duration refresh) {
        this.producer = producer;
        this.topic = topic;
        this.sources = sources;
        this.refresh = refresh;
    }

    private static Producer<String, String> producer(Map<String, Object> clientProps) {
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "newsflow-source-metadata");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Publishes the current sources (waiting until written), then keeps checking for changes in the background. */
    public void start() {
        publishChanges();
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "source-metadata-feed");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                publishChanges();
            } catch (RuntimeException e) {
                LOG.warn("Could not publish source metadata to {}: {}", topic, e.toString());
            }
        }, refresh.toMillis(), refresh.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Sends what changed since the last call; returns how many records were sent. */
    public synchronized int publishChanges() {
        Map<String, String> now = new HashMap<>();
        for (SourceDefinition s : sources.get().all()) {
            now.put(s.id(), SourceMetadata.of(s).toJson());
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (Map.Entry<String, String> e : now.entrySet()) {
            if (!e.getValue().equals(published.get(e.getKey()))) {
                sent.add(producer.send(new ProducerRecord<>(topic, e.getKey(), e.getValue())));
            }
        }
        for (String gone : published.keySet()) {
            if (!now.containsKey(gone)) {
                sent.add(producer.send(new ProducerRecord<>(topic, gone, null)));
            }
        }
        producer.flush();
        for (Future<RecordMetadata> f : sent) {
            try {
                f.get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("source metadata not written to " + topic + ": " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while publishing source metadata", e);
            }
        }
        published.clear();
        published.putAll(now);
        if (!sent.isEmpty()) {
            LOG.info("Published metadata of {} changed source(s) to {}", sent.size(), topic);
        }
        return sent.size();
    }

    @Override
    public void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        producer.close(Duration.ofSeconds(5));
    }
}
