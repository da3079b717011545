package dev.newsflow.app.proof;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Prints the state benchmark: one row per checkpoint, then per store and per topic at the last checkpoint, the
 * growth per article fitted over all checkpoints (least squares, so the figure rests on every checkpoint rather
 * than one), and the per-million extrapolation.
 */
final class StateReport {
    private static final double MB = 1024.0 * 1024.0;
    /** The store holding published articles for late links; it forgets them after the late window, not the retention. */
    static final String CONTENT_STORE = "dedup-content";

    private final PrintStream out;
    private final String rawTopic;
    private final java.util.Set<String> outputTopics;
    private boolean header;

    /** {@code outputTopics}: the processor's outputs (articles, sightings, dead letters, mirror candidates). */
    StateReport(PrintStream out, String rawTopic, java.util.Set<String> outputTopics) {
        this.out = out;
        this.rawTopic = rawTopic;
        this.outputTopics = outputTopics;
    }

    void row(StateSample s) {
        if (!header) {
            out.println("articles  records      s  art/s  state_disk_MB  memtable_MB  rocksdb_keys  changelog_MB  repartition_MB"
                    + "  output_MB  raw_MB  heap_after_gc_MB  heap_committed_MB  rss_MB  rss_anon_MB  rss_file_MB  rocksdb_native_MB  cpu_ms/art");
            header = true;
        }
        out.printf(Locale.ROOT, "%8d %8d %6.0f %6.1f %14.1f %12.1f %13d %13.1f %15.1f %10.1f %7.1f %17.0f %18.0f %7.0f %12.0f %12.0f %18.0f %11.2f%n",
                s.articles(), s.records(), s.seconds(), s.articles() / s.seconds(), s.disk() / MB, s.memtable() / MB, s.keys(),
                s.changelog() / MB, s.topics("-repartition") / MB, output(s) / MB, raw(s) / MB, s.heapAfterGc() / MB, s.heapCommitted() / MB,
                s.rssBytes() / MB, s.rssAnonBytes() / MB, s.rssFileBytes() / MB,
                s.memory().rocksDbNative() / MB, s.cpuSeconds() * 1000 / s.articles());
    }

    void finish(List<StateSample> samples, Map<String, Long> decisions, double restartSeconds, String load) {
        Duration retention = dev.newsflow.processor.dedup.DedupSettings.defaults().retention();
        Duration lateWindow = dev.newsflow.processor.dedup.DedupSettings.defaults().lateWindow();
        StateSample last = samples.get(samples.size() - 1);
        double n = last.articles();
        out.println("dedup decisions: " + decisions + " (duplicate = articles linked to another as a near-copy; distinct bodies should give 0)");
        out.printf(Locale.ROOT, "rate: %.1f articles/s (%.1f raw records/s) incl. waits at checkpoints; %.2f CPU-ms per article (whole JVM: "
                + "broker, registry, generator, processor); load average at the end %s; "
                + "processing time only: %.0f s more went to stopping and restarting the processor at the checkpoints%n",
                n / last.seconds(), last.records() / last.seconds(), last.cpuSeconds() * 1000 / n, load, restartSeconds);
        out.printf(Locale.ROOT, "%nper store after %d articles:%n%-32s %10s %10s %12s %12s %12s %12s %10s%n", last.articles(), "store", "disk_MB",
                "memtab_MB", "keys", "changelog_MB", "disk B/a", "changelog B/a", "keys/a");
        last.stores().forEach((name, st) -> out.printf(Locale.ROOT, "%-32s %10.1f %10.1f %12d %12.1f %12.0f %12.0f %10.2f%n", name, st.disk() / MB,
                st.memtable() / MB, st.keys(), st.changelog() / MB, st.disk() / n, st.changelog() / n, st.keys() / n));
        out.printf(Locale.ROOT, "%-32s %10.1f (whole state directory incl. checkpoints and RocksDB logs)%n", "state dir", last.stateDirBytes() / MB);
        out.printf(Locale.ROOT, "%nbroker bytes per topic after %d articles:%n", last.articles());
        last.topicBytes().forEach((topic, bytes) -> {
            if (bytes > 0) {
                out.printf(Locale.ROOT, "%-60s %10.1f MB %10.0f B/article%n", topic, bytes / MB, bytes / n);
            }
        });
        out.printf(Locale.ROOT, "%ngrowth fitted over %d checkpoints (least squares; slope = bytes per article, R^2):%n", samples.size());
        double disk = fit(samples, "state on disk (after a clean close)", StateSample::disk);
        double memtables = fit(samples, "RocksDB memtables while running", StateSample::memtable);
        double keys = fit(samples, "RocksDB keys (count per article)", StateSample::keys);
        double changelog = fit(samples, "changelog topics (before compaction)", StateSample::changelog);
        double repartition = fit(samples, "repartition topics (not yet purged)", s -> s.topics("-repartition"));
        double output = fit(samples, "output topics (articles, sightings, dlq, mirrors)", this::output);
        double raw = fit(samples, "raw pages topic", this::raw);
        double heap = fit(samples, "heap used after full GC", StateSample::heapAfterGc);
        double rss = fit(samples, "resident set size (whole JVM)", StateSample::rssBytes);
        fit(samples, "  of it anonymous (heap, malloc, stacks)", StateSample::rssAnonBytes);
        fit(samples, "  of it file-backed (mapped files)", StateSample::rssFileBytes);
        fit(samples, "heap committed", StateSample::heapCommitted);
        double rocks = fit(samples, "RocksDB native (memtables+cache+readers)", s -> s.memory().rocksDbNative());
        out.printf(Locale.ROOT, "%nper article: %.0f bytes state on disk, %.1f RocksDB keys, %.0f bytes changelog, %.0f bytes output topics, "
                        + "%.0f bytes raw pages, %.0f bytes repartition; heap %+.0f bytes, RSS %+.0f bytes, RocksDB native %+.0f bytes "
                        + "(memtables %+.0f)%n", disk, keys, changelog, output, raw, repartition, heap, rss, rocks, memtables);
        out.printf(Locale.ROOT, "=> per million articles: %.2f GB state on disk, %.0f M RocksDB keys, %.2f GB changelog (before compaction), "
                        + "%.2f GB output topics, %.2f GB raw pages, %.2f GB repartition (before purge); heap %+.2f GB, RSS %+.2f GB%n",
                disk / 1e3, keys, changelog / 1e3, output / 1e3, raw / 1e3, repartition / 1e3, heap / 1e3, rss / 1e3);
        windowNote(samples, retention, lateWindow);
    }

    /**
     * The run's fetch times span minutes, so {@value #CONTENT_STORE} (kept for the late window, not the retention)
     * still holds every article. In a steady stream it holds only the articles of the last late window: scale it.
     */
    private void windowNote(List<StateSample> samples, Duration retention, Duration lateWindow) {
        double share = Math.min(1.0, (double) lateWindow.toMillis() / retention.toMillis());
        double content = slope(samples, s -> s.stores().getOrDefault(CONTENT_STORE, new StateSample.Store(0, 0, 0, 0)).disk());
        double contentLog = slope(samples, s -> s.stores().getOrDefault(CONTENT_STORE, new StateSample.Store(0, 0, 0, 0)).changelog());
        double state = slope(samples, StateSample::disk);
        double changelog = slope(samples, StateSample::changelog);
        out.printf(Locale.ROOT, "steady stream over the %d-day retention (%s keeps the articles of the last %d day(s), %.0f%% of the window): "
                        + "per million articles %.2f GB state on disk (%.2f GB without %s), %.2f GB changelog before compaction%n",
                retention.toDays(), CONTENT_STORE, lateWindow.toDays(), share * 100, (state - content * (1 - share)) / 1e3, (state - content) / 1e3,
                CONTENT_STORE, (changelog - contentLog * (1 - share)) / 1e3);
    }

    private long output(StateSample s) {
        return s.topicBytes().entrySet().stream().filter(e -> outputTopics.contains(e.getKey())).mapToLong(Map.Entry::getValue).sum();
    }

    private long raw(StateSample s) {
        return s.topicBytes().getOrDefault(rawTopic, 0L);
    }

    private double fit(List<StateSample> samples, String what, ToDoubleFunction<StateSample> y) {
        double[] f = leastSquares(samples, y);
        out.printf(Locale.ROOT, "  %-45s %12.1f per article   intercept %9.1f MB   R^2 %.3f%n", what, f[0], f[1] / MB, f[2]);
        return f[0];
    }

    private static double slope(List<StateSample> samples, ToDoubleFunction<StateSample> y) {
        return leastSquares(samples, y)[0];
    }

    /** Slope, intercept and R² of {@code y} against the article count. */
    static double[] leastSquares(List<StateSample> samples, ToDoubleFunction<StateSample> y) {
        int n = samples.size();
        double mx = samples.stream().mapToDouble(StateSample::articles).average().orElse(0);
        double my = samples.stream().mapToDouble(y).average().orElse(0);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (StateSample s : samples) {
            double dx = s.articles() - mx;
            double dy = y.applyAsDouble(s) - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (n < 2 || sxx == 0) {
            double only = n == 0 ? 0 : my / Math.max(1, mx);
            return new double[] {only, 0, Double.NaN};
        }
        double slope = sxy / sxx;
        return new double[] {slope, my - slope * mx, syy == 0 ? 1 : sxy * sxy / (sxx * syy)};
    }
}
