package dev.newsflow.processor.enrich;

import dev.newsflow.avro.Article;
import dev.newsflow.common.serde.AvroTrust;
import dev.newsflow.processor.metrics.StageTimers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enabled enrichers in order (source, language, category, places, reading, keywords — keywords need the language).
 * An enricher that fails leaves the article as the previous step made it and counts {@code news.enrich.failures}:
 * bad input never stops the stream. One instance per stream task (the language detector is not thread-safe); the
 * {@linkplain #articleOnly article-only} part is thread-safe.
 */
public final class Enrichment {
    private static final Logger LOG = LoggerFactory.getLogger(Enrichment.class);

    static {
        AvroTrust.install(); // Article builders copy Place records: Avro must trust the generated package
    }

    /**
     * Enrichers that read nothing but the draft article — no source metadata, no language, no learned state — and are
     * therefore pure functions of it: run in the parse step ({@link #articleOnly}), on a parse-ahead worker when
     * there is one, instead of on the stream thread.
     */
    public static final Set<String> ARTICLE_ONLY = Set.of("category", "places", "reading");

    private final Map<String, ArticleEnricher> enrichers;
    private final MeterRegistry meters;
    private final Timer duration;

    public Enrichment(Map<String, ArticleEnricher> enrichers, MeterRegistry meters) {
        this(enrichers, meters, "enrich");
    }

    private Enrichment(Map<String, ArticleEnricher> enrichers, MeterRegistry meters, String stage) {
        this.enrichers = enrichers;
        this.meters = meters;
        this.duration = StageTimers.of(meters, stage);
    }

    public static Enrichment from(EnrichmentSettings s, MeterRegistry meters) {
        return from(s, meters, null);
    }

    /** The whole chain. @param prepared language answers and term counts computed ahead by the parse workers, or null */
    public static Enrichment from(EnrichmentSettings s, MeterRegistry meters, EnrichAhead prepared) {
        return from(s, meters, prepared, false);
    }

    /**
     * @param prepared        language answers and term counts computed ahead by the parse workers, or null
     * @param articleOnlyDone the {@linkplain #ARTICLE_ONLY article-only enrichers} already ran in the parse step
     *                        ({@link #articleOnly}): the chain leaves them out
     */
    public static Enrichment from(EnrichmentSettings s, MeterRegistry meters, EnrichAhead prepared, boolean articleOnlyDone) {
        Map<String, ArticleEnricher> chain = new LinkedHashMap<>();
        if (s.source().enabled()) {
            chain.put("source", new SourceEnricher());
        }
        if (s.language().enabled()) {
            LanguageDetector detector = new OpenNlpLanguageDetector(s.language().maxChars());
            if (s.language().remember() > 0) {
                detector = new RecentDetections(detector, s.language().remember());
            }
            if (prepared != null && prepared.languages() != null) {
                detector = prepared.languages().lookingUpFirst(detector);
            }
            chain.put("language", new LanguageEnricher(detector,
                    s.language().minChars(), s.language().minConfidence(), s.language().maxChars(), s.language().quickChars()));
        }
        if (!articleOnlyDone) {
            chain.putAll(articleOnlyChain(s));
        }
        if (s.keywords().enabled()) {
            chain.put("keywords", new KeywordEnricher(s.keywords().count(), s.keywords().maxDocumentRatio(),
                    s.keywords().minDocuments(), s.keywords().maxChars(), prepared == null ? null : prepared.terms()));
        }
        return new Enrichment(chain, meters, "enrich");
    }

    /**
     * The enabled {@linkplain #ARTICLE_ONLY article-only enrichers} in chain order, timed as stage {@code enrich-article}.
     * They hold no state, so one instance serves every thread at once (stream threads and parse workers). They set
     * fields that no other enricher reads, and read none that another sets, so running them before source and
     * language (in the parse step) gives the article the whole chain would.
     */
    public static Enrichment articleOnly(EnrichmentSettings s, MeterRegistry meters) {
        return new Enrichment(articleOnlyChain(s), meters, "enrich-article");
    }

    private static Map<String, ArticleEnricher> articleOnlyChain(EnrichmentSettings s) {
        Map<String, ArticleEnricher> chain = new LinkedHashMap<>();
        if (s.category().enabled()) {
            chain.put("category", new CategoryEnricher(Taxonomy.standard()));
        }
        if (s.places().enabled()) {
            chain.put("places", new PlaceEnricher(Gazetteer.standard(), s.places().maxPlaces(), s.places().maxChars()));
        }
        if (s.reading().enabled()) {
            chain.put("reading", new ReadingEnricher(s.reading().wordsPerMinute(), s.reading().charsPerMinute(), s.reading().summaryMaxChars()));
        }
        return chain;
    }

    public List<String> names() {
        return new ArrayList<>(enrichers.keySet());
    }

    /** Runs the chain with no source metadata and no document frequencies (enough for the article-only enrichers). */
    public Article enrich(Article draft) {
        return enrich(draft, new EnrichmentContext(null, null));
    }

    public Article enrich(Article draft, EnrichmentContext ctx) {
        long start = System.nanoTime();
        Article a = draft;
        for (Map.Entry<String, ArticleEnricher> e : enrichers.entrySet()) {
            try {
                a = e.getValue().enrich(a, ctx);
            } catch (RuntimeException ex) {
                meters.counter("news.enrich.failures", "enricher", e.getKey()).increment();
                LOG.warn("Enricher {} failed on {}: {}", e.getKey(), draft.getCanonicalUrl(), ex.toString());
            }
        }
        duration.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        return a;
    }
}
