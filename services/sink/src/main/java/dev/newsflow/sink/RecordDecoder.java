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
        boolean article = rec.topic().equals(topics.articles().name());
        if (!article && !rec.topic().equals(topics.sightings().name())) {
            throw new Poison("unknown-topic", "not a topic the sink reads", null);
        }
        Object value = deserialize(rec, article);
        // decoded: a rejection from here on can name the record's source and URL
        String sourceId = value instanceof Article a ? a.getSourceId() : ((Sighting) value).getSourceId();
        String url = value instanceof Article a ? a.getCanonicalUrl() : ((Sighting) value).getUrl();
        try {
            return value instanceof Article a ? mapper.article(a, rec.partition(), rec.offset()) : mapper.sighting((Sighting) value);
        } catch (RowRejectedException e) {
            throw new Poison(e.reason(), e.getMessage(), e, sourceId, url);
        } catch (RuntimeException e) {
            throw new Poison("bad-record", e.getClass().getSimpleName() + ": " + e.getMessage(), e, sourceId, url);
        }
    }

    private Object deserialize(ConsumerRecord<byte[], byte[]> rec, boolean article) throws Poison, RetryException {
        try {
            return article ? topics.articles().valueSerde().deserializer().deserialize(rec.topic(), rec.value())
                    : topics.sightings().valueSerde().deserializer().deserialize(rec.topic(), rec.value());
        } catch (SchemaRegistryException e) {
            if (e.httpStatus() >= 400 && e.httpStatus() < 500) {
                throw new Poison("unknown-schema", e.getMessage(), e);
            }
            throw new RetryException("registry", e);
        } catch (SerializationException e) {
            if (causedBy(e, SecurityException.class)) {
                // a setup fault (Avro refusing our own classes), not a bad record: stop rather than dead-letter everything
                throw new IllegalStateException("Avro refused to decode: " + e.getMessage(), e);
            }
            throw new Poison("bad-avro", e.getMessage(), e);
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

    /** A record that can never be stored: dead-letter it (with its source and URL when it could be decoded). */
    static final class Poison extends Exception {
        private static final long serialVersionUID = 1L;
        private final String reason;
        private final String sourceId;
        private final String url;

        Poison(String reason, String message, Throwable cause) {
            this(reason, message, cause, null, null);
        }

        Poison(String reason, String message, Throwable cause, String sourceId, String url) {
            super(message, cause);
            this.reason = reason;
            this.sourceId = sourceId;
            this.url = url;
        }

        String reason() {
            return reason;
        }

        /** Source id of the decoded record, null when it could not be decoded. */
        String sourceId() {
            return sourceId;
        }

        /** URL of the decoded record (an article's canonical URL, a sighting's URL), null when it could not be decoded. */
        String url() {
            return url;
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
