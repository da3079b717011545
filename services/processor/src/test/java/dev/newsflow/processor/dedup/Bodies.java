package dev.newsflow.processor.dedup;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Seeded synthetic article bodies for tests. */
final class Bodies {
    private static final String[] SYLLABLES = {"ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "pi", "da", "go", "he", "ju", "be", "zo"};

    private Bodies() {
    }

    static List<String> words(long seed, int n) {
        Random rnd = new Random(seed);
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StringBuilder w = new StringBuilder();
            for (int s = 1 + rnd.nextInt(3); s > 0; s--) {
                w.append(SYLLABLES[rnd.nextInt(SYLLABLES.length)]);
            }
            out.add(w.toString());
        }
        return out;
    }

    static String text(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            sb.append(words.get(i)).append(i % 40 == 39 ? ".\n\n" : i % 9 == 8 ? ". " : " ");
        }
        return sb.toString().trim();
    }

    static String body(long seed, int n) {
        return text(words(seed, n));
    }

    /** A syndicated copy: a dateline added, {@code edits} words replaced, the last {@code dropLast} words dropped. */
    static String syndicated(long seed, int n, int edits, int dropLast) {
        List<String> w = new ArrayList<>(words(seed, n));
        Random rnd = new Random(seed * 31 + 7);
        for (int i = 0; i < edits; i++) {
            w.set(rnd.nextInt(w.size()), "edited" + i);
        }
        List<String> out = new ArrayList<>(List.of("WASHINGTON", "AP"));
        out.addAll(w.subList(0, w.size() - dropLast));
        return text(out);
    }

    /** Half of one story's paragraphs interleaved with half of another's (a same-template hard negative). */
    static String mix(long seedA, long seedB, int n) {
        List<String> a = words(seedA, n);
        List<String> b = words(seedB, n);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i += 40) {
            out.addAll((i / 40) % 2 == 0 ? a.subList(i, Math.min(n, i + 40)) : b.subList(i, Math.min(n, i + 40)));
        }
        return text(out);
    }
}
