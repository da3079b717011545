package dev.newsflow.sink;

import dev.newsflow.avro.Article;
import dev.newsflow.avro.Sighting;
import dev.newsflow.common.kafka.NewsTopics;
import dev.newsflow.common.serde.SchemaRegistryException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * Turns a consumed record (raw bytes) into a row, deciding what is the record's fault ({@link Poison}: it will
 * never be stored, dead-letter it), what is the environment's ({@link RetryException}: retry the batch) and
 * what is a setup fault (IllegalStateException: stop).
 */
final class RecordDecoder {
    private final NewsTopics topics;
    private final RowMapper mapper;

    RecordDecoder(NewsTopics topics, RowMapper mapper) {
        this.topics = topics;
        this.mapper = mapper;
    }

    Object decode(ConsumerRecord<byte[], byte[]> rec) throws Poison, RetryException {
        if (rec.value() == null) {
            throw new Poison("tombstone", "record has no value", null);
        }
        try {
            if (rec.topic().equals(topics.articles().name())) {
                Article a = topics.articles().valueSerde().deserializer().deserialize(rec.topic(), rec.value());
                return mapper.article(a, rec.partition(), rec.offset());
            }
            if (rec.topic().equals(topics.sightings().name())) {
                Sighting s = topics.sightings().valueSerde().deserializer().deserialize(rec.topic(), rec.value());
                return mapper.sighting(s);
            }
            throw new Poison("unknown-topic", "not a topic the sink reads", null);
        } catch (SchemaRegistryException e) {
            if (e.httpStatus() == 404 || e.httpStatus() >= 400 && e.httpStatus() < 500) {
                throw new Poison("unknown-schema", e.getMessage(), e);
            }
            throw new RetryException("registry", e);
        } catch (SerializationException e) {
            if (causedBy(e, SecurityException.class)) {
                // a setup fault (Avro refusing our own classes), not a bad record: stop rather than dead-letter everything
                throw new IllegalStateException("Avro refused to decode: " + e.getMessage(), e);
            }
            throw new Poison("bad-avro", e.getMessage(), e);
        } catch (RowRejectedException e) {
            throw new Poison(e.reason(), e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new Poison("bad-record", e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** A record that can never be stored: dead-letter it. */
    static final class Poison extends Exception {
        private static final long serialVersionUID = 1L;
        private final String reason;

        Poison(String reason, String message, Throwable cause) {
            super(message, cause);
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }

    /** A failure that is not the records' fault: rewind and retry the batch. */
    static final class RetryException extends Exception {
        private static final long serialVersionUID = 1L;
        private final String kind;

        RetryException(String kind, Throwable cause) {
            super(cause.getMessage(), cause);
            this.kind = kind;
        }

        /** Error kind for {@code news.sink.errors}. */
        String kind() {
            return kind;
        }
    }
}
