package dev.newsflow.processor.enrich;

import dev.newsflow.avro.Article;
import dev.newsflow.common.serde.AvroTrust;
import dev.newsflow.processor.metrics.StageTimers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The enabled enrichers in order (source, language, category, places, reading, keywords — keywords need the language).
 * An enricher that fails leaves the article as the previous step made it and counts {@code news.enrich.failures}:
 * bad input never stops the stream. One instance per stream task (the language detector is not thread-safe).
 */
public final class Enrichment {
    private static final Logger LOG = LoggerFactory.getLogger(Enrichment.class);

    static {
        AvroTrust.install(); // Article builders copy Place records: Avro must trust the generated package
    }

    private final Map<String, ArticleEnricher> enrichers;
    private final MeterRegistry meters;
    private final Timer duration;

    public Enrichment(Map<String, ArticleEnricher> enrichers, MeterRegistry meters) {
        this.enrichers = enrichers;
        this.meters = meters;
        this.duration = StageTimers.of(meters, "enrich");
    }

    public static Enrichment from(EnrichmentSettings s, MeterRegistry meters) {
        return from(s, meters, null);
    }

    /** @param prepared language answers computed ahead by the parse workers, or null */
    public static Enrichment from(EnrichmentSettings s, MeterRegistry meters, PreparedDetections prepared) {
        Map<String, ArticleEnricher> chain = new java.util.LinkedHashMap<>();
        if (s.source().enabled()) {
            chain.put("source", new SourceEnricher());
        }
        if (s.language().enabled()) {
            LanguageDetector detector = new OpenNlpLanguageDetector(s.language().maxChars());
            if (s.language().remember() > 0) {
                detector = new RecentDetections(detector, s.language().remember());
            }
            if (prepared != null) {
                detector = prepared.lookingUpFirst(detector);
            }
            chain.put("language", new LanguageEnricher(detector,
                    s.language().minChars(), s.language().minConfidence(), s.language().maxChars(), s.language().quickChars()));
        }
        if (s.category().enabled()) {
            chain.put("category", new CategoryEnricher(Taxonomy.standard()));
        }
        if (s.places().enabled()) {
            chain.put("places", new PlaceEnricher(Gazetteer.standard(), s.places().maxPlaces(), s.places().maxChars()));
        }
        if (s.reading().enabled()) {
            chain.put("reading", new ReadingEnricher(s.reading().wordsPerMinute(), s.reading().charsPerMinute(), s.reading().summaryMaxChars()));
        }
        if (s.keywords().enabled()) {
            chain.put("keywords", new KeywordEnricher(s.keywords().count(), s.keywords().maxDocumentRatio(),
                    s.keywords().minDocuments(), s.keywords().maxChars()));
        }
        return new Enrichment(chain, meters);
    }

    public List<String> names() {
        return new ArrayList<>(enrichers.keySet());
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
