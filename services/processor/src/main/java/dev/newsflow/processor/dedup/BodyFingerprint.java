package dev.newsflow.processor.dedup;

import java.text.Normalizer;
import java.util.Arrays;

/**
 * What deduplication compares of a body: its word count, the sorted distinct 32-bit hashes of its word
 * n-shingles, and the 64-bit SimHash over those shingles. Words are maximal runs of letters and digits after
 * NFKC normalization and per-code-point case folding, so punctuation, quotes and whitespace never matter.
 * Pure and deterministic across JVMs (FNV-1a with a 64-bit finalizer, no {@code String.hashCode}).
 *
 * @param words    number of words
 * @param shingles sorted distinct shingle hashes (empty when the body has fewer than n words)
 * @param simhash  64-bit SimHash of the shingles (0 for an empty set)
 */
public record BodyFingerprint(int words, int[] shingles, long simhash) {
    /** Default shingle width: word 3-shingles (see DESIGN.md for the measured distances). */
    public static final int DEFAULT_SHINGLE = 3;
    /** Per UTF-16 unit: 0 outside words, else the case-folded character; {@link #SLOW} for surrogates and the like. */
    private static final char[] FOLD = new char[1 << 16];
    private static final char SLOW = '\uFFFF';

    static {
        for (int c = 0; c < FOLD.length; c++) {
            int lower = Character.toLowerCase(c);
            FOLD[c] = Character.isSurrogate((char) c) || c == SLOW || lower > 0xFFFF || lower == 0 ? SLOW
                    : Character.isLetterOrDigit(c) ? (char) lower : 0;
        }
    }

    public static BodyFingerprint of(String body) {
        return of(body, DEFAULT_SHINGLE);
    }

    public static BodyFingerprint of(String body, int n) {
        long[] words = wordHashes(body == null ? "" : body);
        if (words.length < n) {
            return new BodyFingerprint(words.length, new int[0], 0L);
        }
        int[] set = new int[words.length - n + 1];
        for (int i = 0; i < set.length; i++) {
            long h = 0x9E3779B97F4A7C15L;
            for (int j = 0; j < n; j++) {
                h = mix(h * 31 + words[i + j]);
            }
            set[i] = (int) (h >>> 32);
        }
        IntSort.sort(set);
        set = dedupSorted(set);
        // SimHash features: the distinct shingle hashes widened back to 64 bits
        long[] features = new long[set.length];
        for (int i = 0; i < set.length; i++) {
            features[i] = mix(set[i] * 0xD6E8FEB86659FD93L);
        }
        return new BodyFingerprint(words.length, set, SimHash.of(features, features.length));
    }

    /** Hashes of the words of {@code body}, in order (simple per-code-point case folding). */
    static long[] wordHashes(String body) {
        // NfkcFilter answers most bodies without the (much slower) full normalization check
        String text = NfkcFilter.surelyNormalized(body) || Normalizer.isNormalized(body, Normalizer.Form.NFKC) ? body
                : Normalizer.normalize(body, Normalizer.Form.NFKC);
        long[] out = new long[Math.max(16, text.length() / 5)];
        int count = 0;
        long h = 0;
        boolean inWord = false;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char ch = text.charAt(i);
            int folded = FOLD[ch];
            if (folded == SLOW) {
                int cp = text.codePointAt(i);
                i += Character.charCount(cp) - 1;
                folded = Character.isLetterOrDigit(cp) ? Character.toLowerCase(cp) : 0;
            }
            if (folded != 0) {
                if (!inWord) {
                    h = 0xcbf29ce484222325L;
                    inWord = true;
                }
                h = (h ^ folded) * 0x100000001b3L;
            } else if (inWord) {
                if (count == out.length) {
                    out = Arrays.copyOf(out, count * 2);
                }
                out[count++] = mix(h);
                inWord = false;
            }
        }
        if (inWord) {
            if (count == out.length) {
                out = Arrays.copyOf(out, count + 1);
            }
            out[count++] = mix(h);
        }
        return Arrays.copyOf(out, count);
    }

    static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        z = (z ^ (z >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return z ^ (z >>> 33);
    }

    private static int[] dedupSorted(int[] sorted) {
        int distinct = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                sorted[distinct++] = sorted[i];
            }
        }
        return distinct == sorted.length ? sorted : Arrays.copyOf(sorted, distinct);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BodyFingerprint f && f.words == words && f.simhash == simhash && Arrays.equals(f.shingles, shingles);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(simhash) * 31 + words;
    }

    @Override
    public String toString() {
        return "BodyFingerprint[words=" + words + ", shingles=" + shingles.length + ", simhash=" + Long.toHexString(simhash) + "]";
    }
}
