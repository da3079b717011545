package dev.newsflow.processor.dedup;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Bounds a dedup store: every {@code interval} of stream time, entries whose timestamp (as read from the value)
 * is older than stream time minus {@code retention} are deleted. Stream time, not wall-clock time, so replays
 * and tests behave like live traffic.
 */
final class Retention {
    private Retention() {
    }

    /** Deletes entries older than {@code cutoff}; returns how many were deleted. */
    static <K> int purge(KeyValueStore<K, byte[]> store, long cutoff, ToLongFunction<byte[]> timestampOf) {
        List<K> expired = new ArrayList<>();
        try (KeyValueIterator<K, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<K, byte[]> kv = it.next();
                if (timestampOf.applyAsLong(kv.value) < cutoff) {
                    expired.add(kv.key);
                }
            }
        }
        for (K key : expired) {
            store.delete(key);
        }
        return expired.size();
    }
}
