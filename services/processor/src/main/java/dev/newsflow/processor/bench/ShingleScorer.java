package dev.newsflow.processor.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The article-extraction benchmark metric: tokens are maximal runs of Unicode word characters (as Python's {@code \w}),
 * shingles are windows of 4 tokens counted as a multiset, P and R are means of defined per-item values.
 */
public final class ShingleScorer {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_]+");
    private static final int SHINGLE = 4;

    private ShingleScorer() {
    }

    /** Per-item counts; precision/recall are NaN when undefined. */
    public record ItemScore(int tp, int predicted, int expected, boolean exactTokens) {
        public double precision() {
            return predicted == 0 ? Double.NaN : (double) tp / predicted;
        }

        public double recall() {
            return expected == 0 ? Double.NaN : (double) tp / expected;
        }
    }

    /** Aggregate figures over items. */
    public record Aggregate(double precision, double recall, double f1, double accuracy) {
        static Aggregate of(List<ItemScore> items) {
            double ps = 0;
            double rs = 0;
            int pn = 0;
            int rn = 0;
            int exact = 0;
            for (ItemScore s : items) {
                if (!Double.isNaN(s.precision())) {
                    ps += s.precision();
                    pn++;
                }
                if (!Double.isNaN(s.recall())) {
                    rs += s.recall();
                    rn++;
                }
                if (s.exactTokens()) {
                    exact++;
                }
            }
            double p = pn == 0 ? 0 : ps / pn;
            double r = rn == 0 ? 0 : rs / rn;
            double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
            return new Aggregate(p, r, f1, items.isEmpty() ? 0 : (double) exact / items.size());
        }
    }

    public static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    static Map<String, Integer> shingles(List<String> tokens) {
        Map<String, Integer> out = new HashMap<>();
        if (tokens.isEmpty()) {
            return out;
        }
        if (tokens.size() < SHINGLE) {
            out.put(String.join("\u0001", tokens), 1);
            return out;
        }
        for (int i = 0; i + SHINGLE <= tokens.size(); i++) {
            out.merge(String.join("\u0001", tokens.subList(i, i + SHINGLE)), 1, Integer::sum);
        }
        return out;
    }

    public static ItemScore score(String expected, String predicted) {
        List<String> et = tokens(expected);
        List<String> pt = tokens(predicted);
        Map<String, Integer> e = shingles(et);
        Map<String, Integer> p = shingles(pt);
        int tp = 0;
        for (Map.Entry<String, Integer> en : p.entrySet()) {
            Integer c = e.get(en.getKey());
            if (c != null) {
                tp += Math.min(c, en.getValue());
            }
        }
        return new ItemScore(tp, sum(p), sum(e), et.equals(pt));
    }

    private static int sum(Map<String, Integer> m) {
        int s = 0;
        for (int v : m.values()) {
            s += v;
        }
        return s;
    }
}
