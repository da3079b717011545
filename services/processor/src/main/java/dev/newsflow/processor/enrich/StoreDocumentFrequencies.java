package dev.newsflow.processor.enrich;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Document frequencies in a Kafka Streams key-value store (changelogged, so they survive restarts and move with
 * their task), bounded per language (see {@link BoundedDocumentFrequencies}). Each stream task learns from the pages
 * of its own partitions.
 * <p>
 * Counts are written behind: held in memory and written to the store by {@link #flush()} (a wall-clock punctuator
 * in {@link EnrichProcessor}) and before every scan. Each page touches a few hundred terms; writing each through the
 * store cost a changelog record per term and made keyword learning the processor's largest cost. This instance is
 * its task's only writer, so its cached values stay equal to the store's plus its own unflushed changes. The trade:
 * increments not yet flushed (at most one flush interval's worth) are lost if the process dies — document
 * frequencies only rank keywords, they never decide an article's identity or dedup. The read cache is dropped after a
 * flush once it holds more than {@code maxCached} entries.
 */
public final class StoreDocumentFrequencies extends BoundedDocumentFrequencies {
    private static final StringSerializer PREFIX = new StringSerializer();
    private final KeyValueStore<String, Long> store;
    private final int maxCached;
    private final Map<String, Long> values = new HashMap<>();
    private final Set<String> dirty = new HashSet<>();

    public StoreDocumentFrequencies(KeyValueStore<String, Long> store, int maxTerms) {
        this(store, maxTerms, 100_000);
    }

    public StoreDocumentFrequencies(KeyValueStore<String, Long> store, int maxTerms, int maxCached) {
        super(maxTerms);
        this.store = store;
        this.maxCached = maxCached;
    }

    /** Writes every changed count to the store; drops the read cache if it has grown past its bound. */
    public void flush() {
        for (String key : dirty) {
            store.put(key, values.get(key));
        }
        dirty.clear();
        if (values.size() > maxCached) {
            values.clear();
        }
    }

    /** Counts changed since the last flush. */
    public int pending() {
        return dirty.size();
    }

    @Override
    protected Long get(String key) {
        Long cached = values.get(key);
        if (cached != null || values.containsKey(key)) {
            return cached;
        }
        Long v = store.get(key);
        values.put(key, v);
        return v;
    }

    @Override
    protected void put(String key, long value) {
        values.put(key, value);
        dirty.add(key);
    }

    @Override
    protected void delete(String key) {
        values.remove(key);
        dirty.remove(key);
        store.delete(key);
    }

    @Override
    protected void scan(String prefix, BiConsumer<String, Long> action) {
        flush();
        try (KeyValueIterator<String, Long> it = store.prefixScan(prefix, PREFIX)) {
            while (it.hasNext()) {
                KeyValue<String, Long> kv = it.next();
                action.accept(kv.key, kv.value);
            }
        }
    }
}
