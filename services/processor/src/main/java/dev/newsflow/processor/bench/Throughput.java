package dev.newsflow.processor.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** Single-threaded pages/s of two workloads measured side by side, in alternating rounds after warm-up. */
final class Throughput {
    private Throughput() {
    }

    /**
     * Median pages/s of each workload, by wall-clock time and by the thread's CPU time (the latter is what a shared,
     * loaded machine still measures fairly: time the thread spent waiting for a core is not counted).
     */
    record Result(double baselinePagesPerSecond, double oursPagesPerSecond, double baselinePagesPerCpuSecond,
                  double oursPagesPerCpuSecond) {
        double ratio() {
            return oursPagesPerSecond / baselinePagesPerSecond;
        }

        double cpuRatio() {
            return oursPagesPerCpuSecond / baselinePagesPerCpuSecond;
        }

        String describe(String baselineName) {
            return String.format(Locale.ROOT, "speed (single thread, median of rounds): ours %.1f pages/s, %s %.1f pages/s,"
                    + " ratio %.2f%nspeed per CPU second (same rounds): ours %.1f pages/s, %s %.1f pages/s, ratio %.2f",
                    oursPagesPerSecond, baselineName, baselinePagesPerSecond, ratio(), oursPagesPerCpuSecond, baselineName,
                    baselinePagesPerCpuSecond, cpuRatio());
        }
    }

    static <T> Result measure(List<T> pages, Consumer<T> baseline, Consumer<T> ours, int warmup, int rounds) {
        for (int i = 0; i < warmup; i++) {
            pages.forEach(baseline);
            pages.forEach(ours);
        }
        List<Double> base = new ArrayList<>();
        List<Double> mine = new ArrayList<>();
        List<Double> baseCpu = new ArrayList<>();
        List<Double> mineCpu = new ArrayList<>();
        for (int i = 0; i < Math.max(1, rounds); i++) {
            double[] b = rate(pages, baseline);
            double[] m = rate(pages, ours);
            base.add(b[0]);
            baseCpu.add(b[1]);
            mine.add(m[0]);
            mineCpu.add(m[1]);
        }
        return new Result(median(base), median(mine), median(baseCpu), median(mineCpu));
    }

    /** {wall pages/s, CPU pages/s}. */
    private static <T> double[] rate(List<T> pages, Consumer<T> work) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        boolean cpu = threads.isCurrentThreadCpuTimeSupported();
        long cpuStart = cpu ? threads.getCurrentThreadCpuTime() : 0;
        long start = System.nanoTime();
        pages.forEach(work);
        long elapsed = System.nanoTime() - start;
        long cpuElapsed = cpu ? threads.getCurrentThreadCpuTime() - cpuStart : elapsed;
        return new double[] {pages.size() / (elapsed / 1e9), pages.size() / (cpuElapsed / 1e9)};
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
