package dev.newsflow.processor.parse;

import dev.newsflow.avro.DeadLetter;
import dev.newsflow.avro.RawPage;
import dev.newsflow.common.dlq.DeadLetters;
import dev.newsflow.processor.metrics.SourceLabels;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
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
    private final ProcessorMetrics metrics;
    private ProcessorContext<String, ParseOutcome> context;

    ParseProcessor(Deserializer<RawPage> deserializer, PageParser parser, MeterRegistry meters, SourceLabels sources) {
        this.deserializer = deserializer;
        this.parser = parser;
        this.metrics = new ProcessorMetrics(meters, sources);
    }

    @Override
    public void init(ProcessorContext<String, ParseOutcome> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, byte[]> record) {
        long started = System.nanoTime();
        Instant now = Instant.now();
        ParseOutcome outcome;
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("");
        try {
            RawPage page = deserializer.deserialize(topic, record.value());
            if (page == null) {
                outcome = new ParseOutcome.Failed(DeadLetters.of("deserialize", "null-value", "tombstone on the raw topic", now).build());
            } else {
                outcome = parser.parse(page, now);
            }
        } catch (RuntimeException e) {
            String reason = e instanceof org.apache.kafka.common.errors.SerializationException ? "bad-avro" : "parse-error";
            String stage = reason.equals("bad-avro") ? "deserialize" : "parse";
            outcome = new ParseOutcome.Failed(DeadLetters.fromException(stage, reason, e, now).build());
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
}
