package dev.newsflow.processor.enrich;

import dev.newsflow.avro.Article;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Language answers computed ahead of the stream thread (by the parse workers, {@code processor.parse-ahead-threads})
 * for the exact text the {@link LanguageEnricher} will give its detector. The detector is deterministic, so an answer
 * prepared for an identical text is the answer the enricher would compute; a text without a prepared answer is
 * detected as before. Safe for concurrent use: workers {@link #prepare}, stream threads read through
 * {@link #lookingUpFirst}. At most {@code capacity} answers wait; when answers pile up unused (enrichment or
 * language detection turned off), they are dropped.
 */
public final class PreparedDetections {
    private final Map<String, LanguageDetector.Detection> ready = new ConcurrentHashMap<>();
    private final EnrichmentSettings.Language settings;
    private final int capacity;
    private final ThreadLocal<LanguageDetector> detectors;

    public PreparedDetections(EnrichmentSettings.Language settings, int capacity) {
        this.settings = settings;
        this.capacity = capacity;
        this.detectors = ThreadLocal.withInitial(() -> new OpenNlpLanguageDetector(settings.maxChars()));
    }

    /**
     * Detects, on the calling worker thread, the text the enricher will detect for this draft — when it will run the
     * detector on the full sample at all (the quick step, when configured, is left to the enricher).
     */
    public void prepare(Article draft) {
        if (!settings.enabled() || settings.quickChars() > 0 || LanguageEnricher.length(draft) < settings.minChars()) {
            return;
        }
        if (ready.size() >= capacity) {
            ready.clear();
        }
        String sample = LanguageEnricher.sample(draft, settings.maxChars());
        ready.put(sample, detectors.get().detect(sample));
    }

    /** A detector that answers from the prepared answers (each used once), else asks {@code detector}. */
    public LanguageDetector lookingUpFirst(LanguageDetector detector) {
        return new LanguageDetector() {
            @Override
            public Detection detect(String text) {
                Detection d = ready.remove(text);
                return d != null ? d : detector.detect(text);
            }

            @Override
            public String name() {
                return detector.name();
            }
        };
    }

    int waiting() {
        return ready.size();
    }
}
