package dev.newsflow.processor.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The loop in {@link ContentHash#normalize} must give exactly what the regex it replaced gave: content hashes are stored. */
class ContentHashPropertyTest {
    private static final String ALPHABET = " \t\n\u000B\f\r\u0001\u001F!\"#$%&'()*+,-./09:;<=>?@AZ[\\]^_`az{|}~\u007F\u0080\u0085"
            + "\u00A0\u00A7\u00C9\u00DF\u0130\u03A3\u03C3\u1680\u2000\u200A\u200B\u2028\u2029\u202F\u205F\u3000\u3001\uFEFF\uFFFD"
            + "\uD83D\uDE00\u6771";

    private static String regex(String body) {
        return body.toLowerCase(Locale.ROOT).replaceAll("[\\p{Punct}\\s\\p{Z}]+", " ").trim();
    }

    @Test
    void shouldNormalizeExactlyAsTheRegexDid() {
        SplittableRandom random = new SplittableRandom(2026_11_26);
        for (int run = 0; run < 100_000; run++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(0, 24);
            for (int i = 0; i < n; i++) {
                b.append(random.nextInt(4) == 0 ? (char) random.nextInt(0x10000) : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String s = b.toString();
            assertThat(ContentHash.normalize(s)).as(s.codePoints().mapToObj(Integer::toHexString).toList().toString()).isEqualTo(regex(s));
        }
    }

    @Test
    void shouldKeepTheHashOfAnExampleBody() {
        String body = "Breaking:  The Mayor —\u00A0said \"no\".\n\nÜBER Straße, ΟΔΟΣ!";
        assertThat(ContentHash.normalize(body)).isEqualTo("breaking the mayor — said no über straße οδος");
        assertThat(ContentHash.of(body)).isEqualTo(ContentHash.sha256Hex(regex(body)));
    }
}
