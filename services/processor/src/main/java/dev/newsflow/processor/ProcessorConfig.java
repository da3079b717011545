package dev.newsflow.processor;

import dev.newsflow.common.config.ConfigNode;
import dev.newsflow.processor.dedup.DedupSettings;
import dev.newsflow.processor.enrich.EnrichmentSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * The processor's settings ({@code processor} in newsflow.yml; see docs/configuration.md).
 *
 * @param applicationId    Kafka Streams application id (consumer group and internal topic prefix)
 * @param stateDir         local state directory
 * @param streamThreads    stream threads in this instance
 * @param commitInterval   Streams commit interval (with exactly-once this bounds end-to-end latency)
 * @param maxBodyBytes     raw pages larger than this are dead-lettered as too-large
 * @param maxBodyChars     longest article body text and body HTML kept (characters); longer ones are cut at a
 *                         paragraph boundary and the article flagged {@code bodyTruncated}
 * @param dedup            deduplication settings
 * @param streamsOverrides extra Kafka Streams properties
 * @param enrich           enrichment settings ({@code processor.enrich}, docs/enrichment.md)
 * @param rocksDbMemory    native memory shared by all RocksDB stores of the instance (block cache incl. memtables), in
 *                         bytes; 0: Kafka Streams' per-store defaults
 * @param parseAheadThreads worker threads that decode, parse and language-detect raw pages ahead of the stream
 *                         threads (0: the stream threads do it all)
 */
public record ProcessorConfig(String applicationId, Path stateDir, int streamThreads, Duration commitInterval, long maxBodyBytes,
                              int maxBodyChars, DedupSettings dedup, Map<String, String> streamsOverrides,
                              EnrichmentSettings enrich, int parseAheadThreads, long rocksDbMemory) {

    private static final Set<String> KEYS = Set.of("application-id", "state-dir", "stream-threads", "commit-interval",
            "max-body-size", "max-body-chars", "dedup", "streams", "enrich", "parse-ahead-threads", "rocksdb-memory");

    /** Smallest {@code rocksdb-memory} other than 0: below it the shared cache could not hold the memtables of the stores. */
    static final long MIN_ROCKSDB_MEMORY = 16L * 1024 * 1024;

    public static ProcessorConfig from(ConfigNode n, Path dataDir) {
        n.allowOnly(KEYS);
        long rocksDbMemory = n.bytes("rocksdb-memory", 0L);
        if (rocksDbMemory != 0 && rocksDbMemory < MIN_ROCKSDB_MEMORY) {
            n.problem("rocksdb-memory", "must be 0 (Kafka Streams' per-store defaults) or at least 16MiB, was " + rocksDbMemory + " bytes");
            rocksDbMemory = 0;
        }
        return new ProcessorConfig(n.string("application-id", "newsflow-processor"),
                Path.of(n.string("state-dir", dataDir.resolve("streams").toString())),
                n.integer("stream-threads", 1, 1, 64), n.duration("commit-interval", Duration.ofMillis(100)),
                n.bytes("max-body-size", 5L * 1024 * 1024), n.integer("max-body-chars", 500_000, 1_000, 100_000_000),
                DedupSettings.from(n.section("dedup")), n.stringMap("streams"),
                EnrichmentSettings.from(n.section("enrich")), n.integer("parse-ahead-threads", 2, 0, 64),
                rocksDbMemory);
    }

    public ProcessorConfig withApplicationId(String id) {
        return new ProcessorConfig(id, stateDir, streamThreads, commitInterval, maxBodyBytes, maxBodyChars, dedup, streamsOverrides, enrich, parseAheadThreads, rocksDbMemory);
    }
}
