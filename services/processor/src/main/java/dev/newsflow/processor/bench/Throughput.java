package dev.newsflow.processor.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/** Single-threaded pages/s of two workloads measured side by side, in alternating rounds after warm-up. */
final class Throughput {
    private Throughput() {
    }

    /** Median pages/s of each workload. */
    record Result(double baselinePagesPerSecond, double oursPagesPerSecond) {
        double ratio() {
            return oursPagesPerSecond / baselinePagesPerSecond;
        }

        String describe(String baselineName) {
            return String.format(Locale.ROOT, "speed (single thread, median of rounds): ours %.1f pages/s, %s %.1f pages/s,"
                    + " ratio %.2f", oursPagesPerSecond, baselineName, baselinePagesPerSecond, ratio());
        }
    }

    static <T> Result measure(List<T> pages, Consumer<T> baseline, Consumer<T> ours, int warmup, int rounds) {
        for (int i = 0; i < warmup; i++) {
            pages.forEach(baseline);
            pages.forEach(ours);
        }
        List<Double> base = new ArrayList<>();
        List<Double> mine = new ArrayList<>();
        for (int i = 0; i < Math.max(1, rounds); i++) {
            base.add(rate(pages, baseline));
            mine.add(rate(pages, ours));
        }
        return new Result(median(base), median(mine));
    }

    private static <T> double rate(List<T> pages, Consumer<T> work) {
        long start = System.nanoTime();
        pages.forEach(work);
        long elapsed = System.nanoTime() - start;
        return pages.size() / (elapsed / 1e9);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
