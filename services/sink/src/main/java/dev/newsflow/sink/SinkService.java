package dev.newsflow.sink;

import dev.newsflow.avro.DeadLetter;
import dev.newsflow.common.kafka.NewsTopics;
import dev.newsflow.common.runtime.ServiceContext;
import dev.newsflow.sink.BatchWriter.Item;
import dev.newsflow.sink.BatchWriter.Rejected;
import dev.newsflow.sink.BatchWriter.Result;
import dev.newsflow.sink.store.JdbcStore;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes articles and sightings (read_committed, manual commits) and writes them to SQLite or PostgreSQL:
 * one database transaction per poll batch, then the dead letters of that batch, then the Kafka offsets — so
 * a crash anywhere replays records into idempotent upserts and never loses one. Records are consumed as bytes
 * and decoded here, so one that cannot be decoded or stored is dead-lettered with its original bytes instead
 * of stalling its partition. Transient failures (database down, registry unreachable) rewind the batch and
 * retry with backoff.
 */
public final class SinkService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SinkService.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final SinkConfig config;
    private final ServiceContext ctx;
    private final NewsTopics topics;
    private final RecordDecoder decoder;
    private final SinkMetrics metrics;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running;
    private volatile Throwable failure;
    private volatile Instant lastCommit;
    private Thread thread;
    private JdbcStore store;
    private KafkaConsumer<byte[], byte[]> consumer;
    private KafkaProducer<byte[], byte[]> producer;
    private final List<KafkaClientMetrics> clientMetrics = new ArrayList<>();

    public SinkService(SinkConfig config, ServiceContext ctx) {
        this.config = config;
        this.ctx = ctx;
        this.topics = ctx.topics();
        this.decoder = new RecordDecoder(ctx.topics(), new RowMapper(config.maxTextLength()));
        this.metrics = new SinkMetrics(ctx.meters());
    }

    /**
     * Migrates the database (synchronously, so a bad URL or schema fails here with a clear message), then
     * starts the consumer thread and returns.
     */
    public synchronized void start() {
        if (thread != null) {
            throw new IllegalStateException("already started");
        }
        LOG.info("Sink starting: {}", config);
        store = JdbcStore.forUrl(config.jdbcUrl(), config.username(), config.password(), config.fullTextSearch());
        try {
            List<Integer> applied = store.migrate();
            LOG.info("Database {} ready ({} migration(s) applied now)", config.safeJdbcUrl(), applied.size());
        } catch (SQLException | RuntimeException e) {
            store.close();
            throw new IllegalStateException("Cannot prepare the sink database " + config.safeJdbcUrl() + ": " + e.getMessage(), e);
        }
        try {
            consumer = new KafkaConsumer<>(consumerProps(), new ByteArrayDeserializer(), new ByteArrayDeserializer());
            producer = new KafkaProducer<>(producerProps(), new ByteArraySerializer(), new ByteArraySerializer());
        } catch (KafkaException e) {
            if (consumer != null) {
                consumer.close();
            }
            store.close();
            throw new IllegalStateException("Cannot create the sink's Kafka clients: " + e.getMessage(), e);
        }
        clientMetrics.add(new KafkaClientMetrics(consumer));
        clientMetrics.add(new KafkaClientMetrics(producer));
        clientMetrics.forEach(m -> m.bindTo(ctx.meters()));
        running = true;
        thread = new Thread(this::run, "newsflow-sink");
        thread.setUncaughtExceptionHandler((t, e) -> LOG.error("Sink thread died", e));
        thread.start();
    }

    private Map<String, Object> consumerProps() {
        Map<String, Object> p = new HashMap<>(ctx.clientProps());
        p.put("group.id", config.groupId());
        p.put("client.id", config.groupId() + "-consumer");
        p.put("isolation.level", "read_committed");
        p.put("enable.auto.commit", "false");
        p.put("auto.offset.reset", "earliest");
        p.put("max.poll.records", config.batchSize());
        p.put("max.partition.fetch.bytes", NewsTopics.RAW_MAX_BYTES + 1024 * 1024);
        return p;
    }

    private Map<String, Object> producerProps() {
        Map<String, Object> p = new HashMap<>(ctx.clientProps());
        p.put("client.id", config.groupId() + "-dlq");
        p.put("acks", "all");
        p.put("enable.idempotence", "true");
        p.put("compression.type", "zstd");
        p.put("max.request.size", NewsTopics.RAW_MAX_BYTES + 2 * 1024 * 1024);
        return p;
    }

    private void run() {
        Duration backoff = config.retryBackoff();
        try {
            consumer.subscribe(List.of(topics.articles().name(), topics.sightings().name()));
            while (running) {
                ConsumerRecords<byte[], byte[]> records;
                try {
                    records = consumer.poll(config.pollTimeout());
                } catch (WakeupException e) {
                    continue;
                }
                if (records.isEmpty()) {
                    continue;
                }
                try {
                    process(records);
                    backoff = config.retryBackoff();
                } catch (RecordDecoder.RetryException e) {
                    metrics.failed(e.kind());
                    LOG.warn("Sink batch of {} records failed ({}), retrying in {}: {}", records.count(), e.kind(), backoff, e.getMessage());
                    rewind(records);
                    if (e.kind().equals("database")) {
                        store.reset();
                    }
                    if (stopping.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                        break;
                    }
                    backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            failure = e;
            metrics.failed("fatal");
            LOG.error("Sink stopped by an unexpected error", e);
        } finally {
            running = false;
            closeClients();
        }
    }

    private void process(ConsumerRecords<byte[], byte[]> records) throws RecordDecoder.RetryException, InterruptedException {
        List<Item<ConsumerRecord<byte[], byte[]>>> items = new ArrayList<>(records.count());
        List<ConsumerRecord<byte[], byte[]>> deadRecords = new ArrayList<>();
        List<DeadLetter> letters = new ArrayList<>();
        int articles = 0;
        int sightings = 0;
        for (ConsumerRecord<byte[], byte[]> rec : records) {
            if (rec.topic().equals(topics.articles().name())) {
                articles++;
            } else {
                sightings++;
            }
            try {
                items.add(new Item<>(rec, decoder.decode(rec)));
            } catch (RecordDecoder.Poison p) {
                LOG.warn("Dead-lettering {}-{}@{}: {} ({})", rec.topic(), rec.partition(), rec.offset(), p.reason(), p.getMessage());
                deadRecords.add(rec);
                letters.add(DeadLetters.build(rec, p.reason(), p.getMessage(), p.getCause(), p.sourceId(), p.url()));
            }
        }
        long start = System.nanoTime();
        Result<ConsumerRecord<byte[], byte[]>> result;
        try {
            result = new BatchWriter(store).write(items, Instant.now());
        } catch (SQLException e) {
            throw new RecordDecoder.RetryException("database", e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        Map<ConsumerRecord<byte[], byte[]>, Object> rows = new IdentityHashMap<>();
        items.forEach(item -> rows.put(item.handle(), item.row()));
        for (Rejected<ConsumerRecord<byte[], byte[]>> r : result.rejected()) {
            ConsumerRecord<byte[], byte[]> rec = r.handle();
            LOG.warn("Database rejected {}-{}@{}, dead-lettering it: {} ({})", rec.topic(), rec.partition(), rec.offset(), r.reason(),
                    r.error().getMessage());
            deadRecords.add(rec);
            letters.add(DeadLetters.build(rec, r.reason(), r.error().getMessage(), r.error(), rows.get(rec)));
        }
        // after the database commit, before the offsets: a crash in between replays into unchanged rows
        DeadLetters dead = new DeadLetters(producer, topics.deadLetters());
        try {
            for (int i = 0; i < letters.size(); i++) {
                dead.send(deadRecords.get(i), letters.get(i));
            }
            dead.awaitAcknowledged();
        } catch (ExecutionException | TimeoutException | KafkaException e) {
            throw new RecordDecoder.RetryException("kafka", e);
        }
        metrics.committed(result.tally(), took);
        metrics.consumed("articles", articles);
        metrics.consumed("sightings", sightings);
        letters.forEach(l -> metrics.deadLettered(l.getReason()));
        Instant committedAt = Instant.now();
        java.util.Set<Object> rejected = new java.util.HashSet<>();
        result.rejected().forEach(r -> rejected.add(r.handle()));
        for (Item<ConsumerRecord<byte[], byte[]>> item : items) {
            if (item.row() instanceof dev.newsflow.sink.store.ArticleRow a && a.revision() == 1 && !rejected.contains(item.handle())) {
                metrics.ingested(a.sourceId(), a.articleId(), a.publishedAt(), committedAt);
            }
        }
        commitOffsets(records);
        lastCommit = Instant.now();
        LOG.debug("Stored batch of {} records in {} ms: {}", records.count(), took.toMillis(), result.tally());
    }

    private void commitOffsets(ConsumerRecords<byte[], byte[]> records) throws RecordDecoder.RetryException {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition tp : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> list = records.records(tp);
            offsets.put(tp, new OffsetAndMetadata(list.get(list.size() - 1).offset() + 1));
        }
        try {
            consumer.commitSync(offsets);
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // the partitions moved to another member, which replays them into the same idempotent rows
            metrics.failed("kafka");
            LOG.warn("Offsets not committed, partitions were reassigned (their records will be replayed idempotently): {}", e.getMessage());
        } catch (WakeupException e) {
            throw e;
        } catch (KafkaException e) {
            throw new RecordDecoder.RetryException("kafka", e);
        }
    }

    /** Seeks every partition of the batch back to its first record, so the next poll returns the batch again. */
    private void rewind(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition tp : records.partitions()) {
            if (consumer.assignment().contains(tp)) {
                consumer.seek(tp, records.records(tp).get(0).offset());
            }
        }
    }

    /** Whether the consumer thread is alive (false after close or a fatal error). */
    public boolean isRunning() {
        return running;
    }

    /** The error that stopped the sink, if one did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** When the last batch was committed, or null before the first. */
    public Instant lastCommit() {
        return lastCommit;
    }

    public SinkConfig config() {
        return config;
    }

    private void closeClients() {
        clientMetrics.forEach(KafkaClientMetrics::close);
        clientMetrics.clear();
        try {
            consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(10)));
        } catch (RuntimeException e) {
            LOG.warn("Closing the sink consumer failed: {}", e.toString());
        }
        try {
            producer.close(Duration.ofSeconds(10));
        } catch (RuntimeException e) {
            LOG.warn("Closing the dead-letter producer failed: {}", e.toString());
        }
        store.close();
    }

    /** Stops polling, finishes (or abandons) the current batch and closes Kafka clients and the database. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t == null) {
            return;
        }
        running = false;
        stopping.countDown();
        if (t.isAlive()) {
            consumer.wakeup();
        }
        try {
            t.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            LOG.warn("Sink thread did not stop within 30 s");
        } else {
            LOG.info("Sink stopped");
        }
    }
}
