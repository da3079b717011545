package dev.newsflow.app.proof;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.apache.kafka.clients.admin.Admin;

/**
 * One checkpoint of the state benchmark: what the processor keeps after it has caught up with {@code articles}
 * articles. Per store: bytes of its RocksDB directories (all tasks), memtable bytes and estimated keys (Streams'
 * RocksDB property metrics), bytes of its changelog topic on the broker. Per topic: bytes on the broker. Memory of
 * the whole JVM (broker, registry and processor): heap used right after a full GC, and the resident set size.
 */
record StateSample(long articles, long records, double seconds, double cpuSeconds, Map<String, Store> stores,
                   Map<String, Long> topicBytes, long stateDirBytes, Memory memory) {

    /**
     * One state store summed over its tasks: {@code disk} after a clean close (memtables flushed), {@code memtable}
     * and {@code keys} (RocksDB's estimate, tombstones included) while running, {@code changelog} the bytes of its
     * changelog topic.
     */
    record Store(long disk, long memtable, long keys, long changelog) {
    }

    /**
     * Memory while the processor runs: heap right after a full GC, heap committed, RSS, RocksDB per store (memtables,
     * key estimate), and RocksDB's own account of its native memory: memtables + block caches in use + table readers
     * (index and filter blocks), summed over all stores.
     */
    record Memory(long heapAfterGc, long heapCommitted, long rss, long rssAnon, long rssFile, Map<String, Long> memtables, Map<String, Long> keys,
                  long rocksDbNative) {
        static Memory take() throws javax.management.JMException {
            System.gc();
            var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            Map<String, Long> memtables = perStore("size-all-mem-tables");
            long rocks = memtables.values().stream().mapToLong(Long::longValue).sum()
                    + perStore("block-cache-usage").values().stream().mapToLong(Long::longValue).sum()
                    + perStore("estimate-table-readers-mem").values().stream().mapToLong(Long::longValue).sum();
            ResidentMemory rss = ResidentMemory.read();
            return new Memory(heap.getUsed(), heap.getCommitted(), rss.totalKb() * 1024, rss.anonKb() * 1024, rss.fileKb() * 1024,
                    memtables, perStore("estimate-num-keys"), rocks);
        }
    }

    long disk() {
        return stores.values().stream().mapToLong(Store::disk).sum();
    }

    long memtable() {
        return stores.values().stream().mapToLong(Store::memtable).sum();
    }

    long keys() {
        return stores.values().stream().mapToLong(Store::keys).sum();
    }

    long changelog() {
        return stores.values().stream().mapToLong(Store::changelog).sum();
    }

    long heapAfterGc() {
        return memory.heapAfterGc();
    }

    long rssBytes() {
        return memory.rss();
    }

    long rssAnonBytes() {
        return memory.rssAnon();
    }

    long rssFileBytes() {
        return memory.rssFile();
    }

    long heapCommitted() {
        return memory.heapCommitted();
    }

    /** Bytes of the topics whose name ends with {@code suffix}. */
    long topics(String suffix) {
        return topicBytes.entrySet().stream().filter(e -> e.getKey().endsWith(suffix)).mapToLong(Map.Entry::getValue).sum();
    }

    /** Disk and broker figures, taken after the processor has been closed; {@code memory} was taken before. */
    static StateSample take(String app, Path stateDir, Admin admin, Memory memory, long articles, long records, double seconds,
                            double cpuSeconds) throws Exception {
        Map<String, Long> topicBytes = topicBytes(admin);
        Map<String, Long> disk = storeDirs(stateDir.resolve(app));
        Set<String> names = new HashSet<>(disk.keySet());
        names.addAll(memory.memtables().keySet());
        Map<String, Store> stores = new TreeMap<>();
        for (String name : names) {
            stores.put(name, new Store(disk.getOrDefault(name, 0L), memory.memtables().getOrDefault(name, 0L),
                    memory.keys().getOrDefault(name, 0L), topicBytes.getOrDefault(app + "-" + name + "-changelog", 0L)));
        }
        return new StateSample(articles, records, seconds, cpuSeconds, stores, topicBytes, ProofFiles.size(stateDir), memory);
    }

    /** Bytes on the broker per topic (all partitions, all log dirs). */
    static Map<String, Long> topicBytes(Admin admin) throws Exception {
        Set<Integer> brokers = new HashSet<>();
        admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).forEach(n -> brokers.add(n.id()));
        Map<String, Long> bytes = new TreeMap<>();
        for (var perBroker : admin.describeLogDirs(brokers).allDescriptions().get(10, TimeUnit.SECONDS).values()) {
            for (var logDir : perBroker.values()) {
                logDir.replicaInfos().forEach((tp, info) -> bytes.merge(tp.topic(), info.size(), Long::sum));
            }
        }
        return bytes;
    }

    /** Bytes under {@code <task>/rocksdb/<store>} of every task directory, summed per store name. */
    static Map<String, Long> storeDirs(Path appDir) throws IOException {
        Map<String, Long> sizes = new TreeMap<>();
        if (!Files.isDirectory(appDir)) {
            return sizes;
        }
        try (Stream<Path> tasks = Files.list(appDir)) {
            for (Path task : tasks.filter(Files::isDirectory).toList()) {
                Path rocks = task.resolve("rocksdb");
                if (!Files.isDirectory(rocks)) {
                    continue;
                }
                try (Stream<Path> stores = Files.list(rocks)) {
                    for (Path store : stores.filter(Files::isDirectory).toList()) {
                        sizes.merge(store.getFileName().toString(), ProofFiles.size(store), Long::sum);
                    }
                }
            }
        }
        return sizes;
    }

    /**
     * A RocksDB property metric of Streams ({@code stream-state-metrics}, INFO level, e.g. {@code estimate-num-keys})
     * per store, summed over tasks. Read from the MBeans Kafka's JMX reporter registers as soon as a store opens (the
     * Micrometer binder picks new metrics up only once a minute).
     */
    static Map<String, Long> perStore(String property) throws javax.management.JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        Map<String, Long> values = new TreeMap<>();
        for (ObjectName name : server.queryNames(new ObjectName("kafka.streams:type=stream-state-metrics,*"), null)) {
            String store = name.getKeyProperty("rocksdb-state-id");
            if (store == null) {
                continue;
            }
            Object v;
            try {
                v = server.getAttribute(name, property);
            } catch (javax.management.AttributeNotFoundException e) {
                continue;
            }
            if (v instanceof Number num && Double.isFinite(num.doubleValue())) {
                values.merge(store, num.longValue(), Long::sum);
            }
        }
        return values;
    }
}
