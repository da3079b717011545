package dev.newsflow.fetcher;

import dev.newsflow.avro.DeadLetter;
import dev.newsflow.avro.RawPage;
import dev.newsflow.common.kafka.NewsTopics;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fetcher's one producer (idempotent, acks=all, zstd, 8 MiB requests) for raw pages, dead letters
 * and fetch requests. Callbacks tell the caller when a record is durable, so URLs are marked seen and
 * offsets committed only after the broker has the record. {@link #pending()} counts unacknowledged sends.
 */
final class Publisher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);
    private final KafkaProducer<byte[], byte[]> producer;
    private final NewsTopics topics;
    private final Serializer<RawPage> rawSerializer;
    private final Serializer<DeadLetter> dlqSerializer;
    private final AtomicInteger pending = new AtomicInteger();

    Publisher(Map<String, Object> clientProps, NewsTopics topics, String clientId, int zstdLevel) {
        Map<String, Object> p = new HashMap<>(clientProps);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        // the raw-pages topic is zstd too, so the broker keeps these batches as they are (the level is not in the batch)
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        p.put(ProducerConfig.COMPRESSION_ZSTD_LEVEL_CONFIG, zstdLevel);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, NewsTopics.RAW_MAX_BYTES);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        // pages are 10 KB–5 MB: with the default 16 KiB batches every page would travel in its own request
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 1024 * 1024);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        this.producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
        this.topics = topics;
        this.rawSerializer = topics.rawPages().valueSerde().serializer();
        this.dlqSerializer = topics.deadLetters().valueSerde().serializer();
    }

    void rawPage(RawPage page, Consumer<Exception> done) {
        String topic = topics.rawPages().name();
        byte[] value;
        try {
            value = rawSerializer.serialize(topic, page);
        } catch (RuntimeException e) {
            done.accept(e);
            return;
        }
        send(new ProducerRecord<>(topic, page.getRequestedUrl().getBytes(StandardCharsets.UTF_8), value), done);
    }

    void deadLetter(String url, String sourceId, String reason, String message, String exceptionClass, byte[] body,
                    Consumer<Exception> done) {
        DeadLetter dl = DeadLetter.newBuilder().setStage("fetch").setReason(reason).setMessage(message == null ? "" : message)
                .setExceptionClass(exceptionClass).setSourceId(sourceId).setUrl(url)
                .setOriginalKey(url == null ? null : ByteBuffer.wrap(url.getBytes(StandardCharsets.UTF_8)))
                .setOriginalValue(body == null ? null : ByteBuffer.wrap(body)).setFailedAt(Instant.now()).build();
        String topic = topics.deadLetters().name();
        ProducerRecord<byte[], byte[]> rec = new ProducerRecord<>(topic, url == null ? null : url.getBytes(StandardCharsets.UTF_8),
                dlqSerializer.serialize(topic, dl));
        rec.headers().add("nf.dlq.stage", "fetch".getBytes(StandardCharsets.UTF_8));
        rec.headers().add("nf.dlq.reason", reason.getBytes(StandardCharsets.UTF_8));
        if (sourceId != null) {
            rec.headers().add("nf.dlq.source", sourceId.getBytes(StandardCharsets.UTF_8));
        }
        send(rec, done);
    }

    void fetchRequest(FetchRequest request, Consumer<Exception> done) {
        send(new ProducerRecord<>(topics.fetchRequests().name(), request.host().getBytes(StandardCharsets.UTF_8),
                request.toJson().getBytes(StandardCharsets.UTF_8)), done);
    }

    private void send(ProducerRecord<byte[], byte[]> rec, Consumer<Exception> done) {
        pending.incrementAndGet();
        try {
            producer.send(rec, (meta, e) -> {
                try {
                    if (e != null) {
                        LOG.warn("Send to {} failed: {}", rec.topic(), e.toString());
                    }
                    done.accept(e);
                } catch (RuntimeException ex) {
                    LOG.error("Publish callback failed", ex);
                } finally {
                    pending.decrementAndGet();
                }
            });
        } catch (RuntimeException e) {
            pending.decrementAndGet();
            LOG.warn("Send to {} refused: {}", rec.topic(), e.toString());
            done.accept(e);
        }
    }

    int pending() {
        return pending.get();
    }

    void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(java.time.Duration.ofSeconds(30));
        LOG.debug("Publisher closed ({} ms max)", TimeUnit.SECONDS.toMillis(30));
    }
}
