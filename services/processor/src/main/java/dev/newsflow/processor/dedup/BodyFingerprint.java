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
    /**
     * Per UTF-16 unit: 0 outside words, else the case-folded character; {@link #SLOW} for surrogates, characters that
     * NFKC may change or that compose with their predecessor ({@link NfkcFilter}: not inert) and the like.
     */
    private static final char[] FOLD = new char[1 << 16];
    private static final char SLOW = '\uFFFF';
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    static {
        for (int c = 0; c < FOLD.length; c++) {
            int lower = Character.toLowerCase(c);
            FOLD[c] = Character.isSurrogate((char) c) || c == SLOW || lower > 0xFFFF || lower == 0 || c >= 0x80 && !NfkcFilter.inert((char) c)
                    ? SLOW : Character.isLetterOrDigit(c) ? (char) lower : 0;
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

    /**
     * Hashes of the words of {@code body}, in order (simple per-code-point case folding), after NFKC. A text made of
     * inert characters only ({@link NfkcFilter}) and without units needing the per-code-point path is hashed as it is,
     * in one pass; otherwise the text is normalized piecewise ({@link #nfkc}) and hashed again.
     */
    static long[] wordHashes(String body) {
        char[] text = body.toCharArray();
        long[] words = hashHalves(text);
        if (words != null) {
            return words;
        }
        // some unit needs the slow path: normalize what may change (a copy when nothing does), then hash again
        char[] normalized = nfkc(text);
        words = hashHalves(normalized);
        return words != null ? words : hash(normalized);
    }

    /**
     * {@link #hash} of a text without units needing the slow path (else null), as two independent halves cut at a
     * separator and hashed in the same loop: the two FNV-1a chains overlap in the CPU instead of waiting for each
     * other. The word in progress at the end of the first half ends at the separator, as in one pass.
     */
    private static long[] hashHalves(char[] text) {
        int length = text.length;
        if (length < 512) {
            return null;
        }
        int mid = (length + 1) / 2; // at least half, so the second half is never the longer one
        while (mid < length && FOLD[text[mid]] != 0) {
            mid++;
        }
        if (mid == length) {
            return null;
        }
        int lengthB = length - mid; // <= mid
        long[] outA = new long[mid / 2 + 2];
        long[] outB = new long[lengthB / 2 + 2];
        int countA = 0;
        int countB = 0;
        long hA = 0;
        long hB = 0;
        long inA = 0;
        long inB = 0;
        for (int k = 0; k < mid; k++) {
            int fa = FOLD[text[k]];
            int fb = k < lengthB ? FOLD[text[mid + k]] : 0;
            if (fa == SLOW || fb == SLOW) {
                return null;
            }
            long letterA = (long) (fa | -fa) >>> 63;
            long maskA = -letterA;
            long wordA = -inA;
            long nextA = (((hA & wordA) | (FNV_OFFSET & ~wordA)) ^ fa) * FNV_PRIME;
            outA[countA] = hA;
            countA += (int) (inA & ~letterA);
            hA = (nextA & maskA) | (hA & ~maskA);
            inA = letterA;

            long letterB = (long) (fb | -fb) >>> 63;
            long maskB = -letterB;
            long wordB = -inB;
            long nextB = (((hB & wordB) | (FNV_OFFSET & ~wordB)) ^ fb) * FNV_PRIME;
            outB[countB] = hB;
            countB += (int) (inB & ~letterB);
            hB = (nextB & maskB) | (hB & ~maskB);
            inB = letterB;
        }
        outA[countA] = hA;
        countA += (int) inA;
        outB[countB] = hB;
        countB += (int) inB;
        long[] out = new long[countA + countB];
        for (int k = 0; k < countA; k++) {
            out[k] = mix(outA[k]);
        }
        for (int k = 0; k < countB; k++) {
            out[countA + k] = mix(outB[k]);
        }
        return out;
    }

    /** The word hashes of {@code text} (in NFKC), one unit at a time; surrogate pairs and the like per code point. */
    private static long[] hash(char[] text) {
        // Branch-free over the characters (word boundaries are unpredictable): every character updates the running
        // FNV-1a hash or leaves it, and the hash is written at the end of the output at every character, kept (count
        // moves on) only where a word ends. A word takes at least one character and one separator, hence the bound.
        int length = text.length;
        long[] out = new long[length / 2 + 2];
        int count = 0;
        long h = 0;
        long inWord = 0; // 1 inside a word
        for (int i = 0; i < length; i++) {
            char ch = text[i];
            int folded = FOLD[ch];
            if (folded == SLOW) {
                int cp = Character.codePointAt(text, i);
                i += Character.charCount(cp) - 1;
                folded = Character.isLetterOrDigit(cp) ? Character.toLowerCase(cp) : 0;
            }
            long letter = (long) (folded | -folded) >>> 63; // folded is a non-negative code point
            long letterMask = -letter;
            long wordMask = -inWord;
            long next = (((h & wordMask) | (FNV_OFFSET & ~wordMask)) ^ folded) * FNV_PRIME;
            out[count] = h;
            count += (int) (inWord & ~letter);
            h = (next & letterMask) | (h & ~letterMask);
            inWord = letter;
        }
        out[count] = h;
        count += (int) inWord;
        for (int k = 0; k < count; k++) {
            out[k] = mix(out[k]);
        }
        return Arrays.copyOf(out, count);
    }

    /**
     * NFKC of {@code text}, normalizing only what may change. Cut a text before each inert character
     * ({@link NfkcFilter}: a starter that is its own NFKC form and composes with nothing before it): its NFKC form is
     * the concatenation of the pieces' NFKC forms, and a piece that is a single inert character is its own NFKC form.
     * So only each run of non-inert characters, together with the inert character before it, goes through
     * {@link Normalizer}; the rest is copied.
     */
    static char[] nfkc(char[] text) {
        StringBuilder out = new StringBuilder(text.length + 16);
        int length = text.length;
        int copied = 0;
        int i = 0;
        while (i < length) {
            if (isInert(text[i])) {
                i++;
                continue;
            }
            // text[i - 1], when there is one, is inert: runs end before an inert character
            int start = Math.max(i - 1, copied);
            int end = i + 1;
            while (end < length && !isInert(text[end])) {
                end++;
            }
            out.append(text, copied, start - copied);
            out.append(Normalizer.normalize(java.nio.CharBuffer.wrap(text, start, end - start), Normalizer.Form.NFKC));
            copied = end;
            i = end;
        }
        out.append(text, copied, length - copied);
        char[] chars = new char[out.length()];
        out.getChars(0, chars.length, chars, 0);
        return chars;
    }

    private static boolean isInert(char c) {
        return c < 0x80 || NfkcFilter.inert(c);
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
