package dev.newsflow.processor.enrich;

import dev.newsflow.avro.ParsedPage;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/** Enriches the draft article of each parsed page, with document frequencies from the task's store (when keywords are on). */
final class EnrichProcessor implements FixedKeyProcessor<String, EnrichStage.WithSource, ParsedPage> {
    /** How often counts held in memory are written to the document-frequency store. */
    static final Duration DF_FLUSH_INTERVAL = Duration.ofSeconds(5);
    private final EnrichmentSettings settings;
    private final MeterRegistry meters;
    private final String dfStore;
    private final EnrichAhead prepared;
    private final boolean articleOnlyDone;
    private FixedKeyProcessorContext<String, ParsedPage> context;
    private Enrichment enrichment;
    private DocumentFrequencies frequencies;
    private long prunedSeen;

    EnrichProcessor(EnrichmentSettings settings, MeterRegistry meters, String dfStore, EnrichAhead prepared, boolean articleOnlyDone) {
        this.settings = settings;
        this.prepared = prepared;
        this.articleOnlyDone = articleOnlyDone;
        this.meters = meters;
        this.dfStore = dfStore;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, ParsedPage> context) {
        this.context = context;
        this.enrichment = Enrichment.from(settings, meters, prepared, articleOnlyDone);
        KeyValueStore<String, Long> store = dfStore == null ? null : context.getStateStore(dfStore);
        int maxTerms = settings.keywords().maxTerms();
        if (store == null) {
            this.frequencies = new InMemoryDocumentFrequencies(maxTerms);
        } else {
            StoreDocumentFrequencies df = new StoreDocumentFrequencies(store, maxTerms);
            context.schedule(DF_FLUSH_INTERVAL, PunctuationType.WALL_CLOCK_TIME, now -> df.flush());
            this.frequencies = df;
        }
    }

    @Override
    public void process(FixedKeyRecord<String, EnrichStage.WithSource> record) {
        ParsedPage page = record.value().page();
        EnrichmentContext ctx = new EnrichmentContext(record.value().source(), frequencies);
        ParsedPage enriched = ParsedPage.newBuilder(page).setArticle(enrichment.enrich(page.getArticle(), ctx)).build();
        meters.counter("news.enrich.pages").increment();
        if (frequencies instanceof BoundedDocumentFrequencies bounded && bounded.pruned() > prunedSeen) {
            meters.counter("news.enrich.keywords.pruned").increment(bounded.pruned() - prunedSeen);
            prunedSeen = bounded.pruned();
        }
        context.forward(record.withValue(enriched));
    }
}
