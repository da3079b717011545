package dev.newsflow.processor.enrich;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** Document frequencies held in memory: for tests, benchmarks and one-off runs. */
public final class InMemoryDocumentFrequencies implements DocumentFrequencies {
    private final Map<String, Long> counts = new HashMap<>();

    @Override
    public long documents(String language) {
        return counts.getOrDefault(StoreDocumentFrequencies.docsKey(language), 0L);
    }

    @Override
    public long frequency(String language, String term) {
        return counts.getOrDefault(StoreDocumentFrequencies.termKey(language, term), 0L);
    }

    @Override
    public void add(String language, Collection<String> distinctTerms) {
        counts.merge(StoreDocumentFrequencies.docsKey(language), 1L, Long::sum);
        for (String t : distinctTerms) {
            counts.merge(StoreDocumentFrequencies.termKey(language, t), 1L, Long::sum);
        }
    }
}
