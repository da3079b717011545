package dev.newsflow.sink.store;

import java.util.Map;
import java.util.TreeMap;

/** Counts of rows written per table and outcome in one transaction, reported to metrics only after the commit. */
public final class Tally {
    /** What a write did to its row. */
    public enum Outcome {
        INSERTED, UPDATED, UNCHANGED;

        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final Map<String, long[]> counts = new TreeMap<>();

    public void add(String table, Outcome outcome) {
        counts.computeIfAbsent(table, t -> new long[Outcome.values().length])[outcome.ordinal()]++;
    }

    public void addAll(Tally other) {
        other.counts.forEach((table, c) -> {
            long[] mine = counts.computeIfAbsent(table, t -> new long[Outcome.values().length]);
            for (int i = 0; i < c.length; i++) {
                mine[i] += c[i];
            }
        });
    }

    public long get(String table, Outcome outcome) {
        long[] c = counts.get(table);
        return c == null ? 0 : c[outcome.ordinal()];
    }

    /** Calls {@code each} with (table, outcome) for every non-zero count, {@code count} times folded into one call. */
    public void forEach(TriConsumer each) {
        counts.forEach((table, c) -> {
            for (Outcome o : Outcome.values()) {
                if (c[o.ordinal()] > 0) {
                    each.accept(table, o, c[o.ordinal()]);
                }
            }
        });
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        forEach((t, o, n) -> sb.append(t).append('.').append(o.tag()).append('=').append(n).append(' '));
        return sb.toString().trim();
    }

    /** (table, outcome, count). */
    @FunctionalInterface
    public interface TriConsumer {
        void accept(String table, Outcome outcome, long count);
    }

}
