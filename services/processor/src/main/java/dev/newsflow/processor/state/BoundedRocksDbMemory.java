package dev.newsflow.processor.state;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Caps the native memory of all RocksDB stores of the JVM ({@code processor.rocksdb-memory}): one LRU block cache of
 * that size is shared by every store instance, and their memtables are charged to it through a write-buffer manager
 * (at most half of it), with index and filter blocks in the cache too. Without it each store instance — a store per
 * stateful stage and input partition, ~30 on 3 partitions — has its own 50 MB block cache and up to 3 × 16 MB of
 * memtables (Kafka Streams' defaults), i.e. native memory that grows with the number of partitions and stores, not
 * with a setting.
 *
 * <p>Kafka Streams creates one instance per store; the cache and the manager are shared per configured size for the
 * life of the JVM (never closed: stores of later runs of the same JVM use them too).
 */
public final class BoundedRocksDbMemory implements RocksDBConfigSetter {
    /** Streams property holding the total bytes (set by the processor from {@code processor.rocksdb-memory}). */
    public static final String MEMORY_CONFIG = "newsflow.rocksdb.memory.bytes";
    /** Share of the cache that memtables may take before RocksDB flushes them. */
    static final double MEMTABLE_SHARE = 0.5;
    /** Share of the cache kept for index and filter blocks (high-priority pool). */
    static final double HIGH_PRIORITY_SHARE = 0.1;
    private static final Map<Long, Shared> SHARED = new ConcurrentHashMap<>();

    private record Shared(Cache cache, WriteBufferManager writeBuffers) {
    }

    @Override
    public void setConfig(String storeName, Options options, Map<String, Object> configs) {
        long bytes = bytes(configs.get(MEMORY_CONFIG));
        Shared shared = SHARED.computeIfAbsent(bytes, b -> {
            Cache cache = new LRUCache(b, -1, false, HIGH_PRIORITY_SHARE);
            return new Shared(cache, new WriteBufferManager((long) (b * MEMTABLE_SHARE), cache));
        });
        BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
        table.setBlockCache(shared.cache());
        table.setCacheIndexAndFilterBlocks(true);
        table.setCacheIndexAndFilterBlocksWithHighPriority(true);
        table.setPinTopLevelIndexAndFilter(true);
        options.setWriteBufferManager(shared.writeBuffers());
        options.setTableFormatConfig(table);
    }

    static long bytes(Object value) {
        if (value == null) {
            throw new IllegalStateException(MEMORY_CONFIG + " is not set; the processor sets it from processor.rocksdb-memory");
        }
        long bytes = value instanceof Number n ? n.longValue() : Long.parseLong(value.toString().trim());
        if (bytes < 1024 * 1024) {
            throw new IllegalStateException(MEMORY_CONFIG + " must be at least 1 MiB, was " + bytes);
        }
        return bytes;
    }

    /** Caches created so far in this JVM (one per configured size). */
    static int sharedCaches() {
        return SHARED.size();
    }

    @Override
    public void close(String storeName, Options options) {
        // the cache and the write-buffer manager are shared by every store of this size: not closed per store
    }
}
