package dev.newsflow.processor.enrich;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
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
 * flush once it holds more than {@code maxCached} entries (counts held in memory, including remembered misses).
 */
public final class StoreDocumentFrequencies extends BoundedDocumentFrequencies {
    private static final StringSerializer PREFIX = new StringSerializer();
    private final KeyValueStore<String, Long> store;
    private final int maxCached;

    public StoreDocumentFrequencies(KeyValueStore<String, Long> store, int maxTerms) {
        this(store, maxTerms, 100_000);
    }

    public StoreDocumentFrequencies(KeyValueStore<String, Long> store, int maxTerms, int maxCached) {
        super(maxTerms, true);
        this.store = store;
        this.maxCached = maxCached;
    }

    /**
     * Writes every changed count to the store, in one {@code putAll} (RocksDB applies it as one write batch instead of
     * a write per term: the per-term puts were the stream thread's largest cost after processing itself); drops the
     * read cache if it has grown past its bound.
     */
    public void flush() {
        List<KeyValue<String, Long>> changed = new ArrayList<>();
        for (Table t : tables()) {
            for (String term : t.dirty) {
                Count c = t.counts.get(term);
                if (c != null && c.dirty) { // a term listed twice (removed, then counted again) is written once
                    changed.add(KeyValue.pair(t.docs + term, c.value));
                    c.dirty = false;
                }
            }
            t.dirty.clear();
        }
        if (!changed.isEmpty()) {
            store.putAll(changed);
        }
        if (held() > maxCached) {
            dropHeld();
        }
    }

    /** Counts changed since the last flush. */
    public int pending() {
        Set<Count> dirty = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Table t : tables()) {
            for (String term : t.dirty) {
                Count c = t.counts.get(term);
                if (c != null && c.dirty) {
                    dirty.add(c);
                }
            }
        }
        return dirty.size();
    }

    @Override
    protected Long load(String key) {
        return store.get(key);
    }

    @Override
    protected void changed(Table table, String term, Count count) {
        if (!count.dirty) {
            count.dirty = true;
            table.dirty.add(term);
        }
    }

    @Override
    protected void remove(String key) {
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
