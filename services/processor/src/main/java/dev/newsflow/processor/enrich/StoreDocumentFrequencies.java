package dev.newsflow.processor.enrich;

import java.util.function.BiConsumer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Document frequencies in a Kafka Streams key-value store (changelogged, so they survive restarts and move with
 * their task), bounded per language (see {@link BoundedDocumentFrequencies}). Each stream task learns from the pages
 * of its own partitions.
 */
public final class StoreDocumentFrequencies extends BoundedDocumentFrequencies {
    private static final StringSerializer PREFIX = new StringSerializer();
    private final KeyValueStore<String, Long> store;

    public StoreDocumentFrequencies(KeyValueStore<String, Long> store, int maxTerms) {
        super(maxTerms);
        this.store = store;
    }

    @Override
    protected Long get(String key) {
        return store.get(key);
    }

    @Override
    protected void put(String key, long value) {
        store.put(key, value);
    }

    @Override
    protected void delete(String key) {
        store.delete(key);
    }

    @Override
    protected void scan(String prefix, BiConsumer<String, Long> action) {
        try (KeyValueIterator<String, Long> it = store.prefixScan(prefix, PREFIX)) {
            while (it.hasNext()) {
                KeyValue<String, Long> kv = it.next();
                action.accept(kv.key, kv.value);
            }
        }
    }
}
