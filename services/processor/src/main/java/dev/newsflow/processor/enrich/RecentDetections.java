package dev.newsflow.processor.enrich;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the answers of a detector for the last {@code capacity} distinct texts. Enrichment runs before dedup, so
 * mirror copies, re-fetches and syndicated copies of an article — which share their title and first paragraph — are
 * each detected; the detector is deterministic, so an identical text gets the identical answer from memory (a hash
 * of at most {@code max-chars} characters instead of scoring them against 103 languages). Like the detector it
 * wraps, not for concurrent use.
 */
public final class RecentDetections implements LanguageDetector {
    private final LanguageDetector detector;
    private final Map<String, Detection> recent;
    private long hits;
    private long misses;

    public RecentDetections(LanguageDetector detector, int capacity) {
        this.detector = detector;
        this.recent = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Detection> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public Detection detect(String text) {
        Detection d = recent.get(text);
        if (d != null) {
            hits++;
            return d;
        }
        misses++;
        d = detector.detect(text);
        recent.put(text, d);
        return d;
    }

    /** Texts answered from memory. */
    public long hits() {
        return hits;
    }

    /** Texts given to the detector. */
    public long misses() {
        return misses;
    }

    @Override
    public String name() {
        return detector.name();
    }
}
