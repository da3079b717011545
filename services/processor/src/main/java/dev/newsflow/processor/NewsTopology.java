package dev.newsflow.processor;

import dev.newsflow.avro.ParsedPage;
import dev.newsflow.common.kafka.NewsTopics;
import dev.newsflow.common.serde.AvroSerde;
import dev.newsflow.common.serde.SchemaRegistryClient;
import dev.newsflow.common.sources.SourcesConfig;
import dev.newsflow.processor.dedup.DedupTopology;
import dev.newsflow.processor.enrich.EnrichStage;
import dev.newsflow.processor.enrich.Enrichment;
import dev.newsflow.processor.metrics.SourceLabels;
import dev.newsflow.processor.metrics.StageTimers;
import dev.newsflow.processor.parse.PageParser;
import dev.newsflow.processor.parse.ParseAhead;
import dev.newsflow.processor.parse.ParseStage;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;

/** The processor topology as a function of its configuration: parse → canonicalize → enrich → dedup → publish. */
public final class NewsTopology {
    private NewsTopology() {
    }

    public static Topology build(StreamsBuilder builder, ProcessorConfig config, NewsTopics topics, SchemaRegistryClient registry,
                                 Supplier<SourcesConfig> sources, MeterRegistry meters) {
        return build(builder, config, topics, registry, sources, meters, null);
    }

    /** @param ahead raw pages parsed ahead on worker threads ({@link ParseAhead}), or null: all work on the stream threads */
    public static Topology build(StreamsBuilder builder, ProcessorConfig config, NewsTopics topics, SchemaRegistryClient registry,
                                 Supplier<SourcesConfig> sources, MeterRegistry meters, ParseAhead ahead) {
        SourceLabels labels = new SourceLabels(sources);
        KStream<String, ParsedPage> parsed = ParseStage.build(builder, topics, pageParser(config, sources, meters), ahead, labels, meters);
        // pageParser runs the article-only enrichers in the parse step (on a parse-ahead worker when there is one)
        KStream<String, ParsedPage> enriched = EnrichStage.build(builder, parsed, config.enrich(), topics, meters,
                ahead == null ? null : ahead.enrich(), true);
        DedupTopology.build(builder, enriched, config.dedup(), topics, AvroSerde.forValues(ParsedPage.class, registry), registry, labels, meters);
        return builder.build();
    }

    /**
     * The raw-page parser of this configuration (thread-safe: the stream threads and the parse workers share it),
     * including the enrichers that read nothing but the draft article ({@link Enrichment#articleOnly}).
     */
    public static PageParser pageParser(ProcessorConfig config, Supplier<SourcesConfig> sources, MeterRegistry meters) {
        Enrichment articleOnly = config.enrich().enabled() ? Enrichment.articleOnly(config.enrich(), meters) : null;
        return new PageParser(sources, config.maxBodyBytes(), config.maxBodyChars(), StageTimers.of(meters, "key"),
                articleOnly == null ? null : articleOnly::enrich);
    }
}
