package dev.newsflow.processor.parse;

import dev.newsflow.avro.DeadLetter;
import dev.newsflow.avro.ParsedPage;
import dev.newsflow.common.kafka.NewsTopics;
import dev.newsflow.processor.metrics.SourceLabels;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/** Wires the parse stage: raw pages in, parsed pages out, failures to the dead-letter topic. */
public final class ParseStage {
    private ParseStage() {
    }

    public static KStream<String, ParsedPage> build(StreamsBuilder builder, NewsTopics topics, PageParser parser, SourceLabels sources,
                                                  MeterRegistry meters) {
        return build(builder, topics, parser, null, sources, meters);
    }

    /** @param ahead raw pages parsed ahead on worker threads, or null */
    public static KStream<String, ParsedPage> build(StreamsBuilder builder, NewsTopics topics, PageParser parser, ParseAhead ahead,
                                                  SourceLabels sources, MeterRegistry meters) {
        KStream<String, byte[]> raw = builder.stream(topics.rawPages().name(),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("raw-pages-in"));
        Map<String, KStream<String, ParseOutcome>> branches = raw
                .process(() -> new ParseProcessor(topics.rawPages().valueSerde().deserializer(), parser,
                        ahead == null ? null : ahead.pages(), meters, sources), Named.as("parse-page"))
                .split(Named.as("parse-"))
                .branch((k, v) -> v instanceof ParseOutcome.Parsed, Branched.as("ok"))
                .defaultBranch(Branched.as("failed"));
        branches.get("parse-failed")
                .map((k, v) -> new org.apache.kafka.streams.KeyValue<>(k == null ? null : k.getBytes(StandardCharsets.UTF_8),
                        ((ParseOutcome.Failed) v).deadLetter()), Named.as("parse-dead-letter"))
                .to(topics.deadLetters().name(), Produced.<byte[], DeadLetter>with(Serdes.ByteArray(), topics.deadLetters().valueSerde())
                        .withName("parse-dead-letters-out"));
        return branches.get("parse-ok").mapValues(v -> ((ParseOutcome.Parsed) v).page(), Named.as("parsed-page"));
    }
}
