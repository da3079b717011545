package dev.newsflow.processor.enrich;

import java.util.TreeMap;
import java.util.function.BiConsumer;

/** Document frequencies held in memory, bounded like the store: for tests, benchmarks and one-off runs. */
public final class InMemoryDocumentFrequencies extends BoundedDocumentFrequencies {
    private final TreeMap<String, Long> counts = new TreeMap<>();

    public InMemoryDocumentFrequencies() {
        this(EnrichmentSettings.defaults().keywords().maxTerms());
    }

    public InMemoryDocumentFrequencies(int maxTerms) {
        super(maxTerms);
    }

    @Override
    protected Long get(String key) {
        return counts.get(key);
    }

    @Override
    protected void put(String key, long value) {
        counts.put(key, value);
    }

    @Override
    protected void delete(String key) {
        counts.remove(key);
    }

    /** Every kept term of {@code language} with its document count. */
    public void forEachTerm(String language, BiConsumer<String, Long> action) {
        String docs = docsKey(language);
        scan(docs, (k, v) -> {
            if (k.length() > docs.length()) {
                action.accept(k, v);
            }
        });
    }

    @Override
    protected void scan(String prefix, BiConsumer<String, Long> action) {
        // '\u0001' ends every prefix; the next code point bounds the range
        String end = prefix.substring(0, prefix.length() - 1) + '\u0002';
        counts.subMap(prefix, true, end, false).forEach(action);
    }
}
