package dev.newsflow.processor.enrich;

import dev.newsflow.avro.ParsedPage;
import dev.newsflow.common.kafka.NewsTopics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Wires enrichment between parse and dedup: joins each page with its source's metadata (a GlobalKTable over
 * {@code news.sources}, so edits of the sources file reach running processors without a restart), then runs
 * the {@link Enrichment} chain with per-language document frequencies in {@value #DF_STORE}.
 */
public final class EnrichStage {
    public static final String DF_STORE = "enrich-df-store";
    public static final String SOURCE_STORE = "enrich-source-metadata-store";

    private EnrichStage() {
    }

    /** A page and its source's metadata (null when the source is unknown to the table). Never serialized. */
    public record WithSource(ParsedPage page, SourceMetadata source) {
    }

    public static KStream<String, ParsedPage> build(StreamsBuilder builder, KStream<String, ParsedPage> parsed, EnrichmentSettings settings,
                                                    NewsTopics topics, MeterRegistry meters) {
        return build(builder, parsed, settings, topics, meters, null, false);
    }

    /**
     * @param prepared        language answers and term counts computed ahead by the parse workers, or null
     * @param articleOnlyDone the parse step already ran the {@linkplain Enrichment#ARTICLE_ONLY article-only enrichers}
     *                        ({@link Enrichment#articleOnly}): this stage runs the rest of the chain
     */
    public static KStream<String, ParsedPage> build(StreamsBuilder builder, KStream<String, ParsedPage> parsed, EnrichmentSettings settings,
                                                    NewsTopics topics, MeterRegistry meters, EnrichAhead prepared,
                                                    boolean articleOnlyDone) {
        if (!settings.enabled()) {
            return parsed;
        }
        KStream<String, WithSource> withSource;
        if (settings.source().enabled()) {
            GlobalKTable<String, String> sources = builder.globalTable(topics.sourceMetadata().name(),
                    Consumed.with(Serdes.String(), Serdes.String()).withName("source-metadata-in"),
                    Materialized.<String, String, KeyValueStore<Bytes, byte[]>>as(SOURCE_STORE)
                            .withKeySerde(Serdes.String()).withValueSerde(Serdes.String()));
            withSource = parsed.leftJoin(sources, (key, page) -> page.getSourceId(),
                    (page, json) -> new WithSource(page, SourceMetadata.fromJson(json)), Named.as("enrich-join-source"));
        } else {
            withSource = parsed.mapValues(page -> new WithSource(page, null), Named.as("enrich-no-source"));
        }
        String store = null;
        if (settings.keywords().enabled()) {
            store = DF_STORE;
            // not cached by Streams: EnrichProcessor keeps the counts in memory and writes them every few seconds
            builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DF_STORE), Serdes.String(), Serdes.Long()));
        }
        String dfStore = store;
        return store == null
                ? withSource.processValues(() -> new EnrichProcessor(settings, meters, null, prepared, articleOnlyDone), Named.as("enrich-page"))
                : withSource.processValues(() -> new EnrichProcessor(settings, meters, dfStore, prepared, articleOnlyDone), Named.as("enrich-page"), dfStore);
    }
}
