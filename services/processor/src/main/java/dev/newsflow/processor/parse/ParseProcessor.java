package dev.newsflow.processor.parse;

import dev.newsflow.avro.DeadLetter;
import dev.newsflow.avro.RawPage;
import dev.newsflow.common.dlq.DeadLetters;
import dev.newsflow.processor.metrics.SourceLabels;
import dev.newsflow.common.serde.ConfluentWireFormat;
import dev.newsflow.common.serde.SchemaRegistryException;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams wrapper of {@link PageParser}: reads raw bytes (so undecodable Avro is caught here, with its
 * bytes), parses, and forwards a {@link ParseOutcome}. Failures carry the original bytes and position.
 */
final class ParseProcessor implements Processor<String, byte[], String, ParseOutcome> {
    private static final Logger LOG = LoggerFactory.getLogger(ParseProcessor.class);

    private final Deserializer<RawPage> deserializer;
    private final PageParser parser;
    private final ReadAhead<ParseOutcome> readAhead;
    private final ProcessorMetrics metrics;
    private ProcessorContext<String, ParseOutcome> context;

    /** @param readAhead results computed ahead on worker threads, or null (everything is parsed here) */
    ParseProcessor(Deserializer<RawPage> deserializer, PageParser parser, ReadAhead<ParseOutcome> readAhead, MeterRegistry meters,
                   SourceLabels sources) {
        this.deserializer = deserializer;
        this.parser = parser;
        this.readAhead = readAhead;
        this.metrics = new ProcessorMetrics(meters, sources);
    }

    @Override
    public void init(ProcessorContext<String, ParseOutcome> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        long started = System.nanoTime();
        Optional<RecordMetadata> meta = context.recordMetadata();
        String topic = meta.map(RecordMetadata::topic).orElse("");
        ParseOutcome outcome = readAhead == null || meta.isEmpty() || !topic.equals(readAhead.topic()) ? null
                : readAhead.take(meta.get().partition(), meta.get().offset(), record.value());
        if (outcome == null) {
            outcome = outcome(deserializer, parser, topic, record.value(), Instant.now());
        }
        if (outcome instanceof ParseOutcome.Failed failed) {
            DeadLetter dl = failed.deadLetter();
            dl.setOriginalKey(record.key() == null ? null : ByteBuffer.wrap(record.key().getBytes(StandardCharsets.UTF_8)));
            dl.setOriginalValue(record.value() == null ? null : ByteBuffer.wrap(record.value()));
            context.recordMetadata().ifPresent(m -> {
                dl.setSourceTopic(m.topic());
                dl.setSourcePartition(m.partition());
                dl.setSourceOffset(m.offset());
            });
            if (dl.getUrl() == null) {
                dl.setUrl(record.key());
            }
            DeadLetters.addHeaders(record.headers(), dl);
            metrics.deadLetter(dl.getSourceId(), dl.getStage(), dl.getReason());
            LOG.info("Dead-lettered {} at {}: {} ({})", record.key(), dl.getStage(), dl.getReason(), dl.getMessage());
        } else {
            metrics.parsed(((ParseOutcome.Parsed) outcome).page());
        }
        metrics.parseTime().record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
        context.forward(record.withValue(outcome));
    }

    /**
     * Decodes and parses one raw value: the pure part of {@link #process}, also run ahead on worker threads
     * ({@link ReadAhead}). Bad input becomes a {@link ParseOutcome.Failed}; only an unavailable schema registry
     * throws (the task must fail rather than dead-letter a good page).
     */
    static ParseOutcome outcome(Deserializer<RawPage> deserializer, PageParser parser, String topic, byte[] value, Instant now) {
        try {
            RawPage page = deserializer.deserialize(topic, value);
            if (page == null) {
                return new ParseOutcome.Failed(DeadLetters.of("deserialize", "null-value", "tombstone on the raw topic", now).build());
            }
            return parser.parse(page, now);
        } catch (SchemaRegistryException e) {
            if (e.httpStatus() < 400 || e.httpStatus() >= 500) {
                // the registry is down or failing, not the record: fail the task (nothing is committed) rather than lose the page
                throw new IllegalStateException("Schema registry unavailable while decoding " + topic + ": " + e.getMessage(), e);
            }
            String message = "schema id " + ConfluentWireFormat.schemaId(value) + " is not registered in the schema registry ("
                    + e.getMessage() + ")";
            return new ParseOutcome.Failed(DeadLetters.of("deserialize", "unknown-schema", message, now)
                    .setExceptionClass(e.getClass().getName()).build());
        } catch (SerializationException e) {
            return new ParseOutcome.Failed(DeadLetters.fromException("deserialize", "bad-avro", e, now).build());
        } catch (RuntimeException e) {
            return new ParseOutcome.Failed(DeadLetters.fromException("parse", "parse-error", e, now).build());
        }
    }
}
