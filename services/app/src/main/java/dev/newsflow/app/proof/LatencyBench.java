package dev.newsflow.app.proof;

import dev.newsflow.app.runtime.Pipeline;
import dev.newsflow.common.runtime.NewsflowConfig;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Latency from fetch completion ({@code fetched_at}) to the row being visible in the database, at a steady
 * publishing rate: the load site "publishes" {@code rate} new articles a second (dev pages) and the sitemap is
 * polled every second. Before the clock starts, {@code warmupArticles} articles are published at once and the
 * pipeline drains them: a cold JVM spends its first minute compiling (the JIT took more CPU than the stream thread in
 * a cold 40 s run), which is start-up cost, not latency at a steady rate. The first {@code warmup} seconds of the
 * rate phase are then left out of the percentiles as well.
 */
public final class LatencyBench {
    /** Settings; {@code db} is "sqlite" or a jdbc:postgresql: URL of a server; {@code commitInterval} null for the processor's default. */
    public record Settings(int rate, int seconds, int warmupSeconds, int warmupArticles, String db, String dbUser, Path devDir,
                           int streamThreads, int partitions, String commitInterval, Integer parseAheadThreads, String dedupLayout, Path work) {
    }

    private final Settings s;
    private final PrintStream out;

    public LatencyBench(Settings settings, PrintStream out) {
        this.s = settings;
        this.out = out;
    }

    /** Runs once; returns {p50, p99, max} in milliseconds. */
    public long[] run() throws Exception {
        Path dir = s.work().resolve("latency");
        ProofFiles.deleteTree(dir);
        Files.createDirectories(dir);
        int warm = s.warmupArticles();
        int total = warm + s.rate() * s.seconds();
        long[] start = {0};
        LoadArticles pages = E2eBench.servedPages(s.devDir());
        try (LoadSite site = LoadSite.start(pages, () -> start[0] == 0 ? warm
                     : warm + (int) Math.min(total - warm, (System.nanoTime() - start[0]) / 1_000_000_000.0 * s.rate()), 0, 8);
             BenchDatabase db = BenchDatabase.create(s.db(), dir, s.dbUser())) {
            Path sources = dir.resolve("sources.yml");
            Files.writeString(sources, site.sourcesYaml("0ms", 16, "1s"), StandardCharsets.UTF_8);
            String yaml = "data-dir: '" + dir + "'\nsources: '" + sources + "'\nmetrics:\n  host: 127.0.0.1\n  port: 0\n"
                    + "kafka:\n  topics:\n    partitions: " + s.partitions() + "\n"
                    + "fetcher:\n  worker-threads: 8\n" + LoadSite.resolveYaml()
                    + "processor:\n  stream-threads: " + s.streamThreads() + "\n" + E2eBench.REPEATED_PAGES_YAML + E2eBench.commitIntervalYaml(s.commitInterval())
                    + E2eBench.parseAheadYaml(s.parseAheadThreads()) + E2eBench.dedupLayoutYaml(s.dedupLayout())
                    + "sink:\n  jdbc-url: '" + db.jdbcUrl() + "'\n" + (db.postgres() ? "  username: '" + db.user() + "'\n" : "");
            try (Pipeline pipeline = new Pipeline(NewsflowConfig.parse(yaml, Map.of()), EnumSet.allOf(Pipeline.Role.class)).start(true);
                 RowWatcher rows = new RowWatcher(db.jdbcUrl(), db.user())) {
                long warmEnd = System.nanoTime() + 300L * 1_000_000_000L;
                while (rows.rows() < warm && System.nanoTime() < warmEnd) {
                    rows.poll();
                    Thread.sleep(50);
                }
                if (rows.rows() < warm) {
                    throw new IllegalStateException("warm-up: only " + rows.rows() + " of " + warm + " rows within 5 minutes");
                }
                out.printf(Locale.ROOT, "warm-up: %d articles stored; the rate phase starts%n", rows.rows());
                start[0] = System.nanoTime();
                long end = start[0] + (s.seconds() + 30L) * 1_000_000_000L;
                while (rows.rows() < total && System.nanoTime() < end) {
                    rows.poll();
                    Thread.sleep(20);
                }
                List<Long> all = rows.latenciesMillis();
                int skip = Math.min(all.size(), warm + s.rate() * s.warmupSeconds());
                List<Long> steady = all.subList(skip, all.size());
                long[] r = {RowWatcher.percentile(steady, 50), RowWatcher.percentile(steady, 99),
                    steady.stream().mapToLong(Long::longValue).max().orElse(-1)};
                out.printf(Locale.ROOT, "latency at %d articles/s for %d s (%s): %d rows in the rate phase, %d measured after its first %d s; p50 %d ms, p99 %d ms, max %d ms%n",
                        s.rate(), s.seconds(), db.postgres() ? "PostgreSQL" : "SQLite", all.size() - warm, steady.size(), s.warmupSeconds(), r[0], r[1], r[2]);
                return r;
            }
        }
    }
}
