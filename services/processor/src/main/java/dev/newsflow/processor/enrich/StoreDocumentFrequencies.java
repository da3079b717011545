package dev.newsflow.processor.enrich;

import java.util.Collection;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Document frequencies in a Kafka Streams key-value store (changelogged, so they survive restarts and move with
 * their task). Keys: {@code <language>\u0001} for the document count, {@code <language>\u0001<term>} per term.
 * Each stream task learns from the pages of its own partitions.
 */
public final class StoreDocumentFrequencies implements DocumentFrequencies {
    private final KeyValueStore<String, Long> store;

    public StoreDocumentFrequencies(KeyValueStore<String, Long> store) {
        this.store = store;
    }

    static String docsKey(String language) {
        return (language == null ? "und" : language) + '\u0001';
    }

    static String termKey(String language, String term) {
        return docsKey(language) + term;
    }

    @Override
    public long documents(String language) {
        Long v = store.get(docsKey(language));
        return v == null ? 0 : v;
    }

    @Override
    public long frequency(String language, String term) {
        Long v = store.get(termKey(language, term));
        return v == null ? 0 : v;
    }

    @Override
    public void add(String language, Collection<String> distinctTerms) {
        store.put(docsKey(language), documents(language) + 1);
        for (String t : distinctTerms) {
            String key = termKey(language, t);
            Long v = store.get(key);
            store.put(key, v == null ? 1 : v + 1);
        }
    }
}
