package dev.newsflow.app.proof;

import dev.newsflow.app.runtime.Lag;
import dev.newsflow.app.runtime.Pipeline;
import dev.newsflow.common.runtime.NewsflowConfig;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code newsflow soak}: the whole pipeline in this JVM against the load site publishing a steady number of new
 * articles per second, with one line of resource figures per minute (heap, RSS, open files, Streams state: directory
 * size, RocksDB keys and memtables, changelog bytes; broker data size, database size, lag, rows, new articles seen by
 * dedup) printed and appended to {@code soak.tsv}.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Run the pipeline at a steady rate for a while, recording heap, RSS, open files, state size and lag each minute.")
public final class SoakCommand implements Callable<Integer> {
    @Option(names = "--minutes", defaultValue = "30") int minutes;
    @Option(names = "--rate", defaultValue = "20", description = "New articles per second (default ${DEFAULT-VALUE}).") int rate;
    @Option(names = "--mirror-every", defaultValue = "4") int mirrorEvery;
    @Option(names = "--interval", defaultValue = "60", description = "Seconds between samples (default ${DEFAULT-VALUE}).") int interval;
    @Option(names = "--work-dir", defaultValue = "./data/soak") Path work;
    @Option(names = "--full-gc", description = "Run a full collection (System.gc()) before each sample, so that heap_after_gc_mb is the "
            + "live heap: without it the old generation is measured only when the collector chooses to collect it, which "
            + "with G1 and a heap that still has room can be never in 30 minutes.") boolean fullGc;

    @Override
    public Integer call() throws Exception {
        Path dir = work.toAbsolutePath();
        ProofFiles.deleteTree(dir);
        Files.createDirectories(dir);
        long[] start = {0};
        try (LoadSite site = LoadSite.start(LoadArticles.templated(),
                () -> start[0] == 0 ? 0 : (int) ((System.nanoTime() - start[0]) / 1_000_000_000.0 * rate), mirrorEvery, 4)) {
            Path sources = dir.resolve("sources.yml");
            Files.writeString(sources, site.sourcesYaml("0ms", 8, "5s"), StandardCharsets.UTF_8);
            String yaml = "data-dir: '" + dir + "'\nsources: '" + sources + "'\nmetrics:\n  host: 127.0.0.1\n  port: 0\n"
                    + "fetcher:\n  worker-threads: 4\n" + LoadSite.resolveYaml();
            try (Pipeline pipeline = new Pipeline(NewsflowConfig.parse(yaml, Map.of()), EnumSet.allOf(Pipeline.Role.class)).start(true);
                 Admin admin = Admin.create(pipeline.clientProps());
                 PrintStream tsv = new PrintStream(Files.newOutputStream(dir.resolve("soak.tsv")), true, StandardCharsets.UTF_8)) {
                String header = "minute\tpublished\tstored\tnew_articles\theap_used_mb\theap_after_gc_mb\theap_committed_mb\trss_mb\trss_anon_mb"
                        + "\trss_file_mb\topen_files\tstate_mb\tstate_keys\tmemtable_mb\tchangelog_mb\tkafka_mb\tdb_mb\tprocessor_lag\tsink_lag";
                System.out.println("soak: " + rate + " articles/s for " + minutes + " min, sample every " + interval + " s"
                        + (fullGc ? " after a full GC" : "") + "; " + EndToEndBenchmarks.machine());
                System.out.println(header);
                tsv.println(header);
                start[0] = System.nanoTime();
                long end = start[0] + TimeUnit.MINUTES.toNanos(minutes);
                int sample = 0;
                while (System.nanoTime() < end && pipeline.healthy()) {
                    TimeUnit.SECONDS.sleep(interval);
                    sample++;
                    if (fullGc) {
                        System.gc();
                    }
                    String line = sample(pipeline, admin, dir, sample * interval / 60.0,
                            (int) ((System.nanoTime() - start[0]) / 1e9 * rate));
                    System.out.println(line);
                    tsv.println(line);
                }
                return pipeline.healthy() ? 0 : 1;
            }
        }
    }

    private static String sample(Pipeline pipeline, Admin admin, Path dir, double minute, int published) throws Exception {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        var topics = pipeline.runtime().context().topics();
        String app = pipeline.processorConfig().applicationId();
        Set<String> inputs = new HashSet<>(Set.of(topics.rawPages().name()));
        admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
                .filter(t -> t.startsWith(app + "-") && t.endsWith("-repartition")).forEach(inputs::add);
        long processorLag = Lag.pending(admin, pipeline.clientProps(), app, inputs);
        long sinkLag = Lag.pending(admin, pipeline.clientProps(), pipeline.sinkConfig().groupId(),
                Set.of(topics.articles().name(), topics.sightings().name()));
        long stored = PipelineCheck.storedArticles(pipeline.sinkConfig().jdbcUrl());
        ResidentMemory rss = ResidentMemory.read();
        return String.format(Locale.ROOT, "%.1f\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%.1f\t%d\t%.1f\t%.1f\t%.1f\t%.1f\t%d\t%d",
                minute, published, stored, (long) counted(pipeline, "news.dedup.decisions", "kind", "new"),
                heap.getUsed() >> 20, heapAfterGc() >> 20, heap.getCommitted() >> 20, rss.totalKb() >> 10,
                rss.anonKb() >> 10, rss.fileKb() >> 10, openFiles(),
                ProofFiles.size(pipeline.processorConfig().stateDir()) / 1048576.0,
                (long) rocksDb(pipeline, "estimate.num.keys"), rocksDb(pipeline, "size.all.mem.tables") / 1048576.0,
                changelogBytes(admin, app) / 1048576.0, ProofFiles.size(dir.resolve("kafka")) / 1048576.0,
                (ProofFiles.size(dir.resolve("newsflow.db")) + ProofFiles.size(dir.resolve("newsflow.db-wal"))) / 1048576.0,
                processorLag, sinkLag);
    }

    /**
     * Heap in use right after the most recent collection of each heap pool (what survived it), without forcing a GC:
     * unlike the used heap, this does not swing with the garbage made since the last collection.
     */
    static long heapAfterGc() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            MemoryUsage after = pool.getType() == MemoryType.HEAP ? pool.getCollectionUsage() : null;
            bytes += after == null ? 0 : after.getUsed();
        }
        return bytes;
    }

    /**
     * Sum over the processor's RocksDB stores of a property-based Streams metric ({@code stream-state-metrics},
     * recorded at INFO level), read from the meter registry the processor binds its metrics to.
     */
    static double rocksDb(Pipeline pipeline, String property) {
        return pipeline.runtime().context().meters().getMeters().stream()
                .filter(m -> m.getId().getName().equals("kafka.stream.state." + property))
                .mapToDouble(m -> {
                    double v = 0;
                    for (var ms : m.measure()) {
                        v += ms.getValue();
                    }
                    return Double.isFinite(v) ? v : 0;
                }).sum();
    }

    /** A counter of the pipeline's registry (summed over its other tags). */
    static double counted(Pipeline pipeline, String name, String tag, String value) {
        return pipeline.runtime().context().meters().find(name).tag(tag, value).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    /** Bytes on the broker of the processor's changelog topics: the durable copy of its state stores. */
    static long changelogBytes(Admin admin, String app) throws Exception {
        Set<String> changelogs = new HashSet<>();
        admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
                .filter(t -> t.startsWith(app + "-") && t.endsWith("-changelog")).forEach(changelogs::add);
        Set<Integer> brokers = new HashSet<>();
        admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).forEach(n -> brokers.add(n.id()));
        long bytes = 0;
        for (var perBroker : admin.describeLogDirs(brokers).allDescriptions().get(10, TimeUnit.SECONDS).values()) {
            for (var logDir : perBroker.values()) {
                for (var e : logDir.replicaInfos().entrySet()) {
                    if (changelogs.contains(e.getKey().topic())) {
                        bytes += e.getValue().size();
                    }
                }
            }
        }
        return bytes;
    }

    static long openFiles() {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
