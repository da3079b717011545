package dev.newsflow.fetcher.state;

import java.util.function.IntPredicate;

/**
 * An open-addressing hash table (linear probing) from a 64-bit URL hash to a time in epoch seconds: 12 bytes per
 * slot, at most {@value #MAX_LOAD} full, instead of ~200 bytes per entry for a {@code HashMap<String, Long>} of the
 * URLs themselves. Key 0 marks an empty slot (callers never pass it). Not thread-safe.
 */
final class UrlHashTable {
    static final double MAX_LOAD = 0.7;
    private static final int MIN_CAPACITY = 1024;

    private long[] keys;
    private int[] seconds;
    private int size;

    UrlHashTable() {
        this(MIN_CAPACITY);
    }

    private UrlHashTable(int capacity) {
        keys = new long[capacity];
        seconds = new int[capacity];
    }

    int size() {
        return size;
    }

    /** The time stored for the key, or {@link Integer#MIN_VALUE} when absent. */
    int get(long key) {
        int i = slot(key);
        return keys[i] == key ? seconds[i] : Integer.MIN_VALUE;
    }

    void put(long key, int time) {
        int i = slot(key);
        if (keys[i] != key) {
            if (size + 1 > keys.length * MAX_LOAD) {
                resize(keys.length * 2);
                i = slot(key);
            }
            keys[i] = key;
            size++;
        }
        seconds[i] = time;
    }

    void remove(long key) {
        int i = slot(key);
        if (keys[i] != key) {
            return;
        }
        // backward-shift deletion: move later entries of the probe run into the hole, so no tombstones are needed
        int mask = keys.length - 1;
        int hole = i;
        for (int j = (hole + 1) & mask; keys[j] != 0; j = (j + 1) & mask) {
            int home = home(keys[j]);
            // the entry at j may fill the hole when its home slot is not in the cyclic range (hole, j]
            boolean movable = hole <= j ? home <= hole || home > j : home <= hole && home > j;
            if (movable) {
                keys[hole] = keys[j];
                seconds[hole] = seconds[j];
                hole = j;
            }
        }
        keys[hole] = 0;
        seconds[hole] = 0;
        size--;
    }

    /** Drops every entry whose time {@code expired} accepts, and shrinks the table when it became mostly empty. */
    void removeIf(IntPredicate expired) {
        int live = 0;
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0 && !expired.test(seconds[i])) {
                live++;
            }
        }
        UrlHashTable kept = new UrlHashTable(capacityFor(live));
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != 0 && !expired.test(seconds[i])) {
                kept.put(keys[i], seconds[i]);
            }
        }
        keys = kept.keys;
        seconds = kept.seconds;
        size = kept.size;
    }

    private void resize(int capacity) {
        long[] oldKeys = keys;
        int[] oldSeconds = seconds;
        keys = new long[capacity];
        seconds = new int[capacity];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                put(oldKeys[i], oldSeconds[i]);
            }
        }
    }

    private static int capacityFor(int entries) {
        int capacity = MIN_CAPACITY;
        while (entries > capacity * MAX_LOAD) {
            capacity *= 2;
        }
        return capacity;
    }

    /** The slot holding the key, or the empty slot where it would go. */
    private int slot(long key) {
        int mask = keys.length - 1;
        int i = home(key);
        while (keys[i] != 0 && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private int home(long key) {
        // the keys are already uniformly distributed (a cryptographic hash): the low bits will do
        return (int) key & (keys.length - 1);
    }
}
