package dev.newsflow.processor.dedup;

import java.text.Normalizer;

/**
 * A fast, conservative pre-check for NFKC: {@link #surelyNormalized} is true only for texts that
 * {@link Normalizer#isNormalized} would accept (false means "check properly", never "not normalized").
 *
 * <p>A BMP character is <em>inert</em> when it is its own NFKC form, is not a combining mark, and neither it nor the
 * first character of its compatibility decomposition is ever the second part of a canonical composition (the set of
 * such "seconds" is derived from the canonical decompositions of every BMP character, so it includes combining
 * marks, Hangul vowel and trailing jamo and the few Indic starters that compose). In a text of inert characters
 * every character is a starter that normalizes to itself and composes with nothing before it, so NFKC leaves the
 * text unchanged. Surrogates (supplementary characters) are never inert. The table is built once from the JDK's
 * own normalizer, so it follows the JDK's Unicode version.
 */
final class NfkcFilter {
    private static final long[] INERT = new long[1 << 10];

    static {
        boolean[] second = new boolean[1 << 16];
        for (int c = 0; c < (1 << 16); c++) {
            if (Character.isSurrogate((char) c)) {
                continue;
            }
            String s = String.valueOf((char) c);
            if (Normalizer.isNormalized(s, Normalizer.Form.NFD)) {
                continue;
            }
            String d = Normalizer.normalize(s, Normalizer.Form.NFD);
            for (int k = 1; k < d.length(); k++) {
                second[d.charAt(k)] = true;
            }
        }
        for (int c = 0; c < (1 << 16); c++) {
            if (Character.isSurrogate((char) c) || second[c] || isMark(c)) {
                continue;
            }
            String s = String.valueOf((char) c);
            if (!Normalizer.isNormalized(s, Normalizer.Form.NFKC)) {
                continue;
            }
            char first = Normalizer.isNormalized(s, Normalizer.Form.NFKD) ? (char) c : Normalizer.normalize(s, Normalizer.Form.NFKD).charAt(0);
            if (second[first] || isMark(first)) {
                continue;
            }
            INERT[c >>> 6] |= 1L << c;
        }
    }

    private NfkcFilter() {
    }

    private static boolean isMark(int c) {
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK || type == Character.ENCLOSING_MARK;
    }

    static boolean inert(char c) {
        return (INERT[c >>> 6] & (1L << c)) != 0;
    }

    /** True when {@code text} is certainly in NFKC (every character inert); false when it must be checked properly. */
    static boolean surelyNormalized(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c >= 0x80 && (INERT[c >>> 6] & (1L << c)) == 0) {
                return false;
            }
        }
        return true;
    }
}
