package dev.newsflow.processor.enrich;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Document frequencies kept in memory in front of a task's store, written to it by {@link #flush()} (a wall-clock
 * punctuator) instead of on every page. Each page touches a few hundred terms; writing each of them through the
 * store cost a changelog record per term per commit and made keyword learning the processor's largest cost.
 * <p>
 * This instance is its task's only writer, so the values it holds stay equal to the store's plus its own unflushed
 * increments. The trade: increments not yet flushed (at most one flush interval's worth) are lost if the process
 * dies; document frequencies are statistics for keyword ranking, never part of an article's identity or dedup, so a
 * few lost counts only shift keyword scores imperceptibly. Memory is bounded: after a flush, the cache is dropped
 * when it holds more than {@code maxCachedTerms} entries.
 */
public final class WriteBehindDocumentFrequencies implements DocumentFrequencies {
    private final KeyValueStore<String, Long> store;
    private final int maxCachedTerms;
    private final Map<String, Long> values = new HashMap<>();
    private final Set<String> dirty = new HashSet<>();

    public WriteBehindDocumentFrequencies(KeyValueStore<String, Long> store, int maxCachedTerms) {
        this.store = store;
        this.maxCachedTerms = maxCachedTerms;
    }

    @Override
    public long documents(String language) {
        return value(StoreDocumentFrequencies.docsKey(language));
    }

    @Override
    public long frequency(String language, String term) {
        return value(StoreDocumentFrequencies.termKey(language, term));
    }

    @Override
    public void add(String language, Collection<String> distinctTerms) {
        increment(StoreDocumentFrequencies.docsKey(language));
        for (String t : distinctTerms) {
            increment(StoreDocumentFrequencies.termKey(language, t));
        }
    }

    /** Writes every changed count to the store; drops the cache if it has grown past its bound. */
    public void flush() {
        for (String key : dirty) {
            store.put(key, values.get(key));
        }
        dirty.clear();
        if (values.size() > maxCachedTerms) {
            values.clear();
        }
    }

    /** Counts changed since the last flush (for tests and metrics). */
    public int pending() {
        return dirty.size();
    }

    private long value(String key) {
        Long v = values.get(key);
        if (v == null) {
            Long stored = store.get(key);
            v = stored == null ? 0L : stored;
            values.put(key, v);
        }
        return v;
    }

    private void increment(String key) {
        values.put(key, value(key) + 1);
        dirty.add(key);
    }
}
