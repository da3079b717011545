package dev.newsflow.processor.enrich;

import java.util.function.BiConsumer;

/** Document frequencies held in memory, bounded like the store: for tests, benchmarks and one-off runs. */
public final class InMemoryDocumentFrequencies extends BoundedDocumentFrequencies {

    public InMemoryDocumentFrequencies() {
        this(EnrichmentSettings.defaults().keywords().maxTerms());
    }

    public InMemoryDocumentFrequencies(int maxTerms) {
        super(maxTerms, false);
    }

    @Override
    protected Long load(String key) {
        return null; // memory holds every count
    }

    @Override
    protected void remove(String key) {
        // memory holds every count: nothing behind it
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

    /** {@code prefix} is always a language's document-count key here: the scans of the base class and {@link #forEachTerm}. */
    @Override
    protected void scan(String prefix, BiConsumer<String, Long> action) {
        for (Table t : tables()) {
            if (t.docs.equals(prefix)) {
                t.counts.forEach((term, c) -> action.accept(t.docs + term, c.value));
            }
        }
    }
}
