package dev.newsflow.sink;

import dev.newsflow.avro.DeadLetter;
import dev.newsflow.common.kafka.Topic;
import dev.newsflow.sink.store.ArticleRow;
import dev.newsflow.sink.store.SightingRow;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;

/**
 * Builds and sends the sink's dead letters: the original key and value bytes, the reason class and where the
 * record came from, as an Avro {@link DeadLetter} and as {@code nf.dlq.*} headers. Sending waits for the
 * broker's acknowledgement, because the consumer offsets are committed right after.
 */
final class DeadLetters {
    static final String STAGE = "sink";

    private final Producer<byte[], byte[]> producer;
    private final Topic<byte[], DeadLetter> topic;
    private final List<Future<RecordMetadata>> pending = new ArrayList<>();

    DeadLetters(Producer<byte[], byte[]> producer, Topic<byte[], DeadLetter> topic) {
        this.producer = producer;
        this.topic = topic;
    }

    static DeadLetter build(ConsumerRecord<byte[], byte[]> rec, String reason, String message, Throwable error, String sourceId,
                            String url) {
        return DeadLetter.newBuilder()
                .setStage(STAGE)
                .setReason(reason)
                .setMessage(message == null ? "" : abbreviate(message))
                .setExceptionClass(error == null ? null : error.getClass().getName())
                .setSourceTopic(rec.topic())
                .setSourcePartition(rec.partition())
                .setSourceOffset(rec.offset())
                .setSourceId(clip(sourceId))
                .setUrl(clip(url))
                .setOriginalKey(rec.key() == null ? null : ByteBuffer.wrap(rec.key()))
                .setOriginalValue(rec.value() == null ? null : ByteBuffer.wrap(rec.value()))
                .setFailedAt(Instant.now())
                .build();
    }

    /** A letter for a record the database rejected: its source and URL come from the decoded {@code row}. */
    static DeadLetter build(ConsumerRecord<byte[], byte[]> rec, String reason, String message, Throwable error, Object row) {
        if (row instanceof ArticleRow a) {
            return build(rec, reason, message, error, a.sourceId(), a.canonicalUrl());
        }
        if (row instanceof SightingRow s) {
            return build(rec, reason, message, error, s.sourceId(), s.url());
        }
        return build(rec, reason, message, error, null, null);
    }

    void send(ConsumerRecord<byte[], byte[]> rec, DeadLetter letter) {
        byte[] value = topic.valueSerde().serializer().serialize(topic.name(), letter);
        ProducerRecord<byte[], byte[]> out = new ProducerRecord<>(topic.name(), null, rec.key(), value);
        Headers h = out.headers();
        h.add("nf.dlq.stage", bytes(STAGE));
        h.add("nf.dlq.reason", bytes(letter.getReason()));
        h.add("nf.dlq.topic", bytes(rec.topic()));
        h.add("nf.dlq.partition", bytes(String.valueOf(rec.partition())));
        h.add("nf.dlq.offset", bytes(String.valueOf(rec.offset())));
        if (letter.getExceptionClass() != null) {
            h.add("nf.dlq.exception", bytes(letter.getExceptionClass()));
        }
        pending.add(producer.send(out));
    }

    /** Waits until every letter sent since the last call is acknowledged; throws when one was not. */
    void awaitAcknowledged() throws ExecutionException, TimeoutException, InterruptedException {
        try {
            producer.flush();
            for (Future<RecordMetadata> f : pending) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pending.clear();
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Source ids and URLs as long as a column allows (the rejected value may be one of them). */
    private static String clip(String s) {
        return s == null || s.length() <= 2048 ? s : s.substring(0, 2048) + "…";
    }

    private static String abbreviate(String s) {
        return s.length() > 1000 ? s.substring(0, 1000) + "…" : s;
    }
}
