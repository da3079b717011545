package dev.newsflow.processor.enrich;

import dev.newsflow.avro.ParsedPage;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Enriches the draft article of each parsed page, with document frequencies from the task's store (when keywords are
 * on), held in memory and written to the store every {@link #DF_FLUSH_INTERVAL} (see {@link WriteBehindDocumentFrequencies}).
 */
final class EnrichProcessor implements FixedKeyProcessor<String, EnrichStage.WithSource, ParsedPage> {
    static final java.time.Duration DF_FLUSH_INTERVAL = java.time.Duration.ofSeconds(5);
    static final int DF_MAX_CACHED_TERMS = 200_000;
    private final EnrichmentSettings settings;
    private final MeterRegistry meters;
    private final String dfStore;
    private FixedKeyProcessorContext<String, ParsedPage> context;
    private Enrichment enrichment;
    private DocumentFrequencies frequencies;

    EnrichProcessor(EnrichmentSettings settings, MeterRegistry meters, String dfStore) {
        this.settings = settings;
        this.meters = meters;
        this.dfStore = dfStore;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, ParsedPage> context) {
        this.context = context;
        this.enrichment = Enrichment.from(settings, meters);
        KeyValueStore<String, Long> store = dfStore == null ? null : context.getStateStore(dfStore);
        if (store == null) {
            this.frequencies = new InMemoryDocumentFrequencies();
        } else {
            WriteBehindDocumentFrequencies df = new WriteBehindDocumentFrequencies(store, DF_MAX_CACHED_TERMS);
            context.schedule(DF_FLUSH_INTERVAL, org.apache.kafka.streams.processor.PunctuationType.WALL_CLOCK_TIME, now -> df.flush());
            this.frequencies = df;
        }
    }

    @Override
    public void process(FixedKeyRecord<String, EnrichStage.WithSource> record) {
        ParsedPage page = record.value().page();
        EnrichmentContext ctx = new EnrichmentContext(record.value().source(), frequencies);
        ParsedPage enriched = ParsedPage.newBuilder(page).setArticle(enrichment.enrich(page.getArticle(), ctx)).build();
        meters.counter("news.enrich.pages").increment();
        context.forward(record.withValue(enriched));
    }
}
