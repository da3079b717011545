package dev.newsflow.processor.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NfkcFilterTest {

    @Test
    void shouldOnlyVouchForTextsTheNormalizerAccepts() {
        Random rnd = new Random(11);
        int vouched = 0;
        for (int i = 0; i < 100_000; i++) {
            String s = randomText(rnd, 1 + rnd.nextInt(12));
            if (NfkcFilter.surelyNormalized(s)) {
                vouched++;
                assertThat(Normalizer.isNormalized(s, Normalizer.Form.NFKC)).as("%s", codePoints(s)).isTrue();
            }
        }
        assertThat(vouched).isGreaterThan(10_000);
    }

    @Test
    void shouldNeverVouchForCharactersThatComposeWithTheirPredecessor() {
        assertThat(NfkcFilter.inert('\u0301')).isFalse(); // combining acute
        assertThat(NfkcFilter.inert('\u1161')).isFalse(); // Hangul vowel jamo (L + V compose)
        assertThat(NfkcFilter.inert('\u11A8')).isFalse(); // Hangul trailing jamo (LV + T compose)
        assertThat(NfkcFilter.inert('\u0BBE')).isFalse(); // Tamil vowel sign AA
        assertThat(NfkcFilter.inert('\u00A0')).isFalse(); // NBSP: NFKC maps it to a space
        assertThat(NfkcFilter.inert('\uFB01')).isFalse(); // fi ligature
        assertThat(NfkcFilter.inert('\u2019')).isTrue();
        assertThat(NfkcFilter.inert('\u00E9')).isTrue();
        assertThat(NfkcFilter.inert('\uAC00')).isTrue();
        assertThat(NfkcFilter.surelyNormalized("Caf\u00E9 \u201Cquoted\u201D \u2014 \u4E2D\u6587 \uD55C\uAD6D\uC5B4")).isTrue();
        assertThat(NfkcFilter.surelyNormalized("\uD83D\uDE00")).isFalse();
    }

    @Test
    void shouldSortLikeArraysSort() {
        Random rnd = new Random(5);
        for (int n : new int[] {0, 1, 255, 256, 257, 1000, 5000}) {
            int[] a = rnd.ints(n).map(v -> n % 2 == 0 ? v : v % 100).toArray();
            int[] expected = a.clone();
            Arrays.sort(expected);
            IntSort.sort(a);
            assertThat(a).isEqualTo(expected);
        }
    }

    @Test
    void shouldFingerprintLikeTheReferenceDefinition() {
        // the table-driven word loop must fold exactly like Character.isLetterOrDigit / toLowerCase per code point
        Random rnd = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            String s = randomText(rnd, 40);
            String nfkc = Normalizer.normalize(s, Normalizer.Form.NFKC);
            assertThat(BodyFingerprint.wordHashes(s)).as("%s", codePoints(s)).isEqualTo(referenceWordHashes(nfkc));
        }
    }

    @Test
    void shouldFingerprintLongTextsLikeTheReferenceDefinition() {
        // long texts are hashed as two interleaved halves: every split point and both parities of the length
        Random rnd = new Random(17);
        for (int i = 0; i < 3_000; i++) {
            int length = 512 + rnd.nextInt(1_500);
            String s = rnd.nextInt(3) == 0 ? randomText(rnd, length) : asciiText(rnd, length);
            String nfkc = Normalizer.normalize(s, Normalizer.Form.NFKC);
            assertThat(BodyFingerprint.wordHashes(s)).as("%s", s).isEqualTo(referenceWordHashes(nfkc));
        }
    }

    private static String asciiText(Random rnd, int length) {
        StringBuilder sb = new StringBuilder();
        while (sb.length() < length) {
            int kind = rnd.nextInt(10);
            sb.append(kind < 7 ? (char) ('a' + rnd.nextInt(26)) : kind < 9 ? ' ' : ",.-'\"\u2019\u00E9\u00A0".charAt(rnd.nextInt(8)));
        }
        return sb.toString();
    }

    @Test
    void shouldNormalizePiecewiseLikeTheNormalizer() {
        // BodyFingerprint.nfkc normalizes only the runs of non-inert characters (with the inert character before each)
        Random rnd = new Random(13);
        for (int i = 0; i < 100_000; i++) {
            String s = randomText(rnd, 1 + rnd.nextInt(30));
            assertThat(new String(BodyFingerprint.nfkc(s.toCharArray()))).as("%s", codePoints(s))
                    .isEqualTo(Normalizer.normalize(s, Normalizer.Form.NFKC));
        }
        assertThat(new String(BodyFingerprint.nfkc("Cafe\u0301 \uFB01ne\u2026 \u1100\u1161\u11A8 x\u00A0y".toCharArray())))
                .isEqualTo("Caf\u00E9 fine... \uAC01 x y");
    }

    private static long[] referenceWordHashes(String text) {
        long[] out = new long[text.length() + 1];
        int count = 0;
        long h = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetterOrDigit(cp)) {
                if (!inWord) {
                    h = 0xcbf29ce484222325L;
                    inWord = true;
                }
                h = (h ^ Character.toLowerCase(cp)) * 0x100000001b3L;
            } else if (inWord) {
                out[count++] = BodyFingerprint.mix(h);
                inWord = false;
            }
        }
        if (inWord) {
            out[count++] = BodyFingerprint.mix(h);
        }
        return Arrays.copyOf(out, count);
    }

    private static String randomText(Random rnd, int length) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int cp = switch (rnd.nextInt(7)) {
                case 0 -> ' ';
                case 1 -> 'a' + rnd.nextInt(26);
                case 2 -> rnd.nextInt(0x3000);
                case 3 -> 0xAC00 + rnd.nextInt(11_172);
                case 4 -> 0x1100 + rnd.nextInt(0x100);
                case 5 -> 0x0300 + rnd.nextInt(0x70);
                default -> rnd.nextInt(0x110000);
            };
            if (cp >= 0xD800 && cp < 0xE000) {
                cp = 'q';
            }
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    private static String codePoints(String s) {
        return s.codePoints().mapToObj(Integer::toHexString).toList().toString();
    }
}
