package dev.newsflow.app.proof;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code newsflow bench e2e ...} and {@code newsflow bench latency ...}: the end-to-end benchmarks, dispatched from
 * {@link dev.newsflow.app.cli.BenchCommand}; each prints its figures and the median of its runs.
 */
public final class EndToEndBenchmarks {
    private EndToEndBenchmarks() {
    }

    /** Runs {@code e2e} or {@code latency} with its own options; returns the exit code. */
    public static int run(String which, String[] args) {
        Object command = which.equals("e2e") ? new E2e() : new Latency();
        return new picocli.CommandLine(command).execute(args);
    }

    static final String DEV = "../shared/benchmarks/article-extraction/dev";

    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, Java " + System.getProperty("java.version") + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB";
    }

    /** Warm-up and measured time of the extraction-alone reference taken after each counted e2e run. */
    static final Duration EXTRACT_WARMUP = Duration.ofSeconds(2);
    static final Duration EXTRACT_RUN = Duration.ofSeconds(8);

    /** {@code a[i] / b[i]} for each run. */
    static List<Double> ratios(List<Double> a, List<Double> b) {
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            out.add(a.get(i) / b.get(i));
        }
        return out;
    }

    static String rounded(List<Double> values, int decimals) {
        return values.stream().map(v -> String.format(Locale.ROOT, "%." + decimals + "f", v)).toList().toString();
    }

    static double median(List<Double> values) {
        List<Double> s = new ArrayList<>(values);
        s.sort(null);
        int n = s.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    @Command(name = "e2e", mixinStandardHelpOptions = true,
            description = "Articles/s from fetch to committed row (embedded broker, politeness off, dev pages), then each stage alone.")
    public static final class E2e implements Callable<Integer> {
        @Option(names = "--articles", defaultValue = "2000") int articles;
        @Option(names = "--runs", defaultValue = "3") int runs;
        @Option(names = "--warmup-runs", defaultValue = "1",
                description = "Runs before the counted ones at least, not counted: a cold JVM spends its first minutes compiling (JIT), which a "
                        + "long-running service does once. More follow until one compiles at most --warmup-jit-ms per article.")
        int warmupRuns;
        @Option(names = "--warmup-jit-ms", defaultValue = "1.0",
                description = "Warm-up ends once a warm-up run's JIT compile time (summed over the compiler threads) is at most this many ms per "
                        + "article (measured: ~55 in the first run of 2,000 articles, 6–9 after 3–5 runs, ≤ 1 after 8–9). 0: exactly --warmup-runs.")
        double warmupJitMs;
        @Option(names = "--max-warmup-runs", defaultValue = "12", description = "Warm-up runs at most; the counted runs say so when the JIT had not settled.")
        int maxWarmupRuns;
        @Option(names = "--db", defaultValue = "sqlite", description = "sqlite, or a jdbc:postgresql: URL of a server (a fresh database is created)") String db;
        @Option(names = "--db-user", defaultValue = "postgres") String dbUser;
        @Option(names = "--dev-dir", defaultValue = DEV) Path devDir;
        @Option(names = "--fetch-threads", defaultValue = "8") int fetchThreads;
        @Option(names = "--stream-threads", defaultValue = "1") int streamThreads;
        @Option(names = "--partitions", defaultValue = "3") int partitions;
        @Option(names = "--commit-interval", description = "processor.commit-interval (default: the processor's).") String commitInterval;
        @Option(names = "--streams", description = "Kafka Streams setting key=value for the processor (processor.streams), repeatable.")
        Map<String, String> streams = new java.util.LinkedHashMap<>();
        @Option(names = "--parse-ahead-threads", split = ",",
                description = "processor.parse-ahead-threads (default: the processor's); several values (e.g. 0,1) alternate run by run in this JVM, "
                        + "so that each is measured with the same warm JIT, and get a median each.")
        List<Integer> parseAheadThreads = new ArrayList<>();
        @Option(names = "--alternate-streams", paramLabel = "KEY=V1|V2...",
                description = "A Kafka Streams setting whose values alternate run by run (like --parse-ahead-threads), e.g. "
                        + "producer.compression.type=zstd|lz4; combined with --streams for the other settings.")
        String alternateStreams;
        @Option(names = "--dedup-layout", split = ",",
                description = "processor.dedup.layout (default: the processor's, single-task); several values (single-task,partitioned) "
                        + "alternate run by run like --parse-ahead-threads.")
        List<String> dedupLayouts = new ArrayList<>();
        @Option(names = "--same-services",
                description = "Start the broker, processor, sink and fetcher once and keep them running: every run (warm-up and counted) is a burst "
                        + "of --articles new articles that the load site publishes (its sitemap is polled every second), timed from the burst's "
                        + "first article request to its last committed row — a long-running deployment instead of new service instances for every "
                        + "run. State and rows accumulate over the bursts; the dev pages' bodies repeat, ~16 identical copies of each per burst "
                        + "(docs/BENCHMARKS.md).")
        boolean sameServices;
        @Option(names = "--sink", paramLabel = "KEY=VALUE",
                description = "A sink setting for the runs (sink.KEY in newsflow.yml), repeatable, e.g. full-text-search=false.")
        Map<String, String> sink = new java.util.LinkedHashMap<>();
        @Option(names = "--alternate-sink", paramLabel = "KEY=V1|V2...",
                description = "A sink setting whose values alternate run by run (like --alternate-streams), e.g. full-text-search=true|false.")
        String alternateSink;
        @Option(names = "--no-stages", description = "Skip the per-stage runs.") boolean noStages;
        @Option(names = "--work-dir", defaultValue = "./data/bench") Path work;

        @Override
        public Integer call() throws Exception {
            if (maxWarmupRuns < warmupRuns) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--max-warmup-runs (" + maxWarmupRuns + ") must be at least --warmup-runs (" + warmupRuns + ")");
            }
            if ((parseAheadThreads.size() > 1 ? 1 : 0) + (alternateStreams != null ? 1 : 0) + (dedupLayouts.size() > 1 ? 1 : 0)
                    + (alternateSink != null ? 1 : 0) > 1) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "alternate one setting at a time: --parse-ahead-threads, --alternate-streams, --alternate-sink or --dedup-layout");
            }
            if (sameServices && (parseAheadThreads.size() > 1 || alternateStreams != null || alternateSink != null || dedupLayouts.size() > 1)) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
                        "--same-services runs one set of services: it cannot alternate settings run by run");
            }
            List<Variant> variants = new ArrayList<>();
            Integer threads0 = parseAheadThreads.isEmpty() ? null : parseAheadThreads.get(0);
            String layout0 = dedupLayouts.isEmpty() ? null : dedupLayouts.get(0);
            if (dedupLayouts.size() > 1) {
                dedupLayouts.forEach(l -> variants.add(new Variant(threads0, streams, l, sink, "dedup layout " + l)));
            } else if (alternateStreams != null) {
                List<Map<String, String>> alternatives = alternated("--alternate-streams", alternateStreams, streams);
                String key = alternatedKey(alternateStreams);
                alternatives.forEach(a -> variants.add(new Variant(threads0, a, layout0, sink, key + "=" + a.get(key))));
            } else if (alternateSink != null) {
                List<Map<String, String>> alternatives = alternated("--alternate-sink", alternateSink, sink);
                String key = alternatedKey(alternateSink);
                alternatives.forEach(a -> variants.add(new Variant(threads0, streams, layout0, a, "sink " + key + "=" + a.get(key))));
            } else if (parseAheadThreads.size() > 1) {
                parseAheadThreads.forEach(t -> variants.add(new Variant(t, streams, layout0, sink, "parse-ahead threads " + t)));
            } else {
                variants.add(new Variant(threads0, streams, layout0, sink, ""));
            }
            List<E2eBench> benches = new ArrayList<>();
            for (Variant v : variants) {
                benches.add(new E2eBench(new E2eBench.Settings(articles, db, dbUser, devDir, fetchThreads, streamThreads, partitions,
                        commitInterval, v.streams(), v.threads(), v.layout(), sameServices, v.sink(), work.toAbsolutePath()), System.out));
            }
            try {
                return measure(variants, benches);
            } finally {
                for (E2eBench b : benches) {
                    b.close();
                }
            }
        }

        /** {@link #alternatives} of an {@code --alternate-…} option, a bad spec reported as a usage error of that option. */
        private List<Map<String, String>> alternated(String option, String spec, Map<String, String> base) {
            try {
                return alternatives(spec, base);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), option + " " + e.getMessage());
            }
        }

        private int measure(List<Variant> variants, List<E2eBench> benches) throws Exception {
            E2eBench bench = benches.get(0);
            System.out.printf(Locale.ROOT, "bench e2e: %d articles, dev pages averaging %d KB, %d fetch threads, %d stream threads, "
                    + "parse-ahead threads %s, %d partitions, commit interval %s, dedup layout %s%s%s; %s%n", articles,
                    bench.pages().averagePageBytes() / 1024, fetchThreads, streamThreads,
                    parseAheadThreads.isEmpty() ? "default" : parseAheadThreads.toString(), partitions,
                    commitInterval == null ? "default" : commitInterval, dedupLayouts.isEmpty() ? "default" : String.join("|", dedupLayouts),
                    streams.isEmpty() ? "" : ", streams " + streams,
                    (sameServices ? ", the same services for all runs (bursts)" : ", new services for every run")
                            + (sink.isEmpty() ? "" : ", sink " + sink), machine());
            boolean settled = warmUp(benches);
            List<List<Double>> byVariant = new ArrayList<>();
            variants.forEach(v -> byVariant.add(new ArrayList<>()));
            List<Double> extractRates = new ArrayList<>();
            for (int r = 1; r <= runs; r++) {
                for (int v = 0; v < variants.size(); v++) {
                    if (variants.size() > 1) {
                        System.out.printf(Locale.ROOT, "%s:%n", variants.get(v).label());
                    }
                    byVariant.get(v).add(benches.get(v).endToEnd(r));
                }
                // the reference is measured right after each run, so that the ratio compares the same state of the machine
                // (its speed moves by ±20 % within minutes here)
                Optional<MachineCpu> m0 = MachineCpu.snapshot();
                long t0 = System.nanoTime();
                double x = bench.extractionOnly(EXTRACT_WARMUP, EXTRACT_RUN);
                double busy = MachineCpu.coresBusy(m0, MachineCpu.snapshot(), System.nanoTime() - t0);
                extractRates.add(x);
                for (int v = 0; v < variants.size(); v++) {
                    System.out.printf(Locale.ROOT, "e2e run %d: extraction alone right after it %.1f pages/s (machine %.2f cores busy meanwhile; "
                            + "1.0: nothing else ran); e2e/extraction %.2f%s%n", r, x, busy,
                            byVariant.get(v).get(r - 1) / x, variants.size() > 1 ? " (" + variants.get(v).label() + ")" : "");
                }
            }
            for (int v = 1; v < variants.size(); v++) {
                System.out.printf(Locale.ROOT, "e2e median of %d runs with %s: %.1f articles/s %s; steady part (10 %% → 90 %% of the rows, after the fetch burst) "
                        + "%.1f; e2e/extraction per run %s%n", runs, variants.get(v).label(), median(byVariant.get(v)), rounded(byVariant.get(v), 1),
                        median(benches.get(v).steadyRates()), rounded(ratios(byVariant.get(v), extractRates), 2));
            }
            List<Double> rates = byVariant.get(0);
            String first = variants.size() > 1 ? " with " + variants.get(0).label() : "";
            System.out.printf(Locale.ROOT, "e2e median of %d runs%s: %.1f articles/s%s%n", runs, first, median(rates),
                    settled ? "" : " (the JIT had not settled: these runs include compilation, see the warm-up lines)");
            double steady = median(bench.steadyRates());
            System.out.printf(Locale.ROOT, "e2e steady part (10 %% → 90 %% of the rows, after the fetch burst: not end to end), "
                    + "median of %d runs%s: %.1f articles/s%n", runs, first, steady);
            double extract = median(extractRates);
            System.out.printf(Locale.ROOT, "extraction alone (decode + jsoup + extract, 1 thread, no Kafka, %d s after each run): median %.1f pages/s %s; "
                    + "e2e/extraction = %.2f (median of the runs' ratios %s; steady part: %.2f)%n", EXTRACT_RUN.toSeconds(), extract,
                    rounded(extractRates, 1), median(ratios(rates, extractRates)), rounded(ratios(rates, extractRates), 2),
                    median(ratios(bench.steadyRates(), extractRates)));
            if (!noStages) {
                bench.close(); // the services of --same-services: the stages start their own
                for (Map.Entry<String, Double> e : bench.stages().entrySet()) {
                    System.out.printf(Locale.ROOT, "stage %-55s %.1f articles/s%n", e.getKey(), e.getValue());
                }
            }
            return 0;
        }

        /**
         * Warm-up runs (not counted, variants in turn) until {@link #warmUpDone}; prints each and the outcome.
         *
         * @return whether the last warm-up run compiled at most --warmup-jit-ms per article (or that bound is off)
         */
        private boolean warmUp(List<E2eBench> benches) throws Exception {
            int done = 0;
            double lastJit = Double.NaN;
            while (!warmUpDone(done, lastJit, warmupRuns, maxWarmupRuns, warmupJitMs)) {
                done++;
                System.out.printf(Locale.ROOT, "warm-up run %d (not counted; at least %d, at most %d, until one compiles ≤ %.1f JIT-ms per article)%n",
                        done, warmupRuns, maxWarmupRuns, warmupJitMs);
                E2eBench b = benches.get((done - 1) % benches.size());
                b.endToEnd(-done);
                lastJit = b.lastJitMillisPerArticle();
            }
            boolean settled = warmupJitMs <= 0 || lastJit <= warmupJitMs;
            System.out.printf(Locale.ROOT, "warm-up: %d run(s); last JIT compile time %.2f ms per article%s%n", done, lastJit,
                    settled ? "" : " — above " + warmupJitMs + " after --max-warmup-runs: the counted runs still pay for compilation");
            return settled;
        }
    }

    /**
     * Whether warm-up is over after {@code done} runs, the last of which compiled {@code lastJit} ms per article (NaN:
     * none yet): never before {@code min} runs, always at {@code max}, else once {@code lastJit ≤ jitMs} ({@code jitMs ≤ 0}:
     * at {@code min}).
     */
    static boolean warmUpDone(int done, double lastJit, int min, int max, double jitMs) {
        if (done < min) {
            return false;
        }
        if (done >= max || jitMs <= 0) {
            return true;
        }
        return lastJit <= jitMs; // false for NaN: no run yet
    }

    /**
     * The settings of each alternative of {@code spec} ({@code KEY=V1|V2...}): {@code base} with KEY set to each value,
     * in order.
     */
    static List<Map<String, String>> alternatives(String spec, Map<String, String> base) {
        int eq = spec.indexOf('=');
        String[] values = eq < 1 ? new String[0] : spec.substring(eq + 1).split("\\|", -1);
        if (values.length < 2 || java.util.Arrays.stream(values).anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("wants KEY=V1|V2... (two or more non-empty values), was '" + spec + "'");
        }
        String key = alternatedKey(spec);
        List<Map<String, String>> out = new ArrayList<>();
        for (String value : values) {
            Map<String, String> withValue = new java.util.LinkedHashMap<>(base);
            withValue.put(key, value);
            out.add(withValue);
        }
        return out;
    }

    /** The KEY of a valid {@code KEY=V1|V2...} spec ({@link #alternatives} checked it). */
    private static String alternatedKey(String spec) {
        return spec.substring(0, spec.indexOf('='));
    }

    /** One setting alternated run by run ({@code label} names it; empty when nothing alternates). */
    private record Variant(Integer threads, Map<String, String> streams, String layout, Map<String, String> sink, String label) {
    }

    @Command(name = "latency", mixinStandardHelpOptions = true,
            description = "p50/p99 from fetch completion to committed row at a steady rate.")
    public static final class Latency implements Callable<Integer> {
        @Option(names = "--rate", defaultValue = "50") int rate;
        @Option(names = "--seconds", defaultValue = "60") int seconds;
        @Option(names = "--warmup", defaultValue = "10", description = "Seconds of the rate phase left out of the percentiles.") int warmup;
        @Option(names = "--warmup-articles", defaultValue = "1000",
                description = "Articles published at once and drained before the rate phase (JIT warm-up).") int warmupArticles;
        @Option(names = "--runs", defaultValue = "3") int runs;
        @Option(names = "--db", defaultValue = "sqlite") String db;
        @Option(names = "--db-user", defaultValue = "postgres") String dbUser;
        @Option(names = "--dev-dir", defaultValue = DEV) Path devDir;
        @Option(names = "--stream-threads", defaultValue = "1") int streamThreads;
        @Option(names = "--partitions", defaultValue = "3") int partitions;
        @Option(names = "--commit-interval", description = "processor.commit-interval (default: the processor's).") String commitInterval;
        @Option(names = "--parse-ahead-threads", description = "processor.parse-ahead-threads (default: the processor's).")
        Integer parseAheadThreads;
        @Option(names = "--dedup-layout", description = "processor.dedup.layout (default: the processor's, single-task).") String dedupLayout;
        @Option(names = "--work-dir", defaultValue = "./data/bench") Path work;

        @Override
        public Integer call() throws Exception {
            System.out.println("bench latency: " + rate + " articles/s for " + seconds + " s, " + runs + " runs, " + streamThreads
                    + " stream threads, " + (parseAheadThreads == null ? "default" : parseAheadThreads.toString()) + " parse-ahead threads, "
                    + partitions + " partitions, commit interval " + (commitInterval == null ? "default" : commitInterval) + ", dedup layout "
                    + (dedupLayout == null ? "default" : dedupLayout) + "; " + machine());
            List<Double> p50 = new ArrayList<>();
            List<Double> p99 = new ArrayList<>();
            for (int r = 0; r < runs; r++) {
                long[] x = new LatencyBench(new LatencyBench.Settings(rate, seconds, warmup, warmupArticles, db, dbUser, devDir,
                        streamThreads, partitions, commitInterval, parseAheadThreads, dedupLayout, work.toAbsolutePath()),
                        System.out).run();
                p50.add((double) x[0]);
                p99.add((double) x[1]);
            }
            System.out.printf(Locale.ROOT, "latency median of %d runs: p50 %.0f ms, p99 %.0f ms%n", runs, median(p50), median(p99));
            return 0;
        }
    }
}
