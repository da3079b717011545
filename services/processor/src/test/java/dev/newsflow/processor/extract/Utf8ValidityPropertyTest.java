package dev.newsflow.processor.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.common.text.Utf8;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The byte-level UTF-8 check must give the JDK's strict decoder's verdict on any input. */
class Utf8ValidityPropertyTest {
    private static final int[] INTERESTING = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF,
        0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xF8, 0xFE, 0xFF};

    @Test
    void shouldAgreeWithTheJdkDecoderOnRandomBytes() {
        SplittableRandom random = new SplittableRandom(20261126);
        for (int run = 0; run < 200_000; run++) {
            byte[] bytes = new byte[random.nextInt(0, 9)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (random.nextInt(3) == 0 ? random.nextInt(256) : interesting(random));
            }
            assertThat(PageDecoder.isValidUtf8(bytes)).as(hex(bytes)).isEqualTo(jdkValid(bytes));
            assertThat(PageDecoder.utf8OrNull(bytes) != null).as(hex(bytes)).isEqualTo(jdkValid(bytes));
        }
    }

    @Test
    void shouldAgreeWithTheJdkDecoderOnLongAsciiRunsWithAFewOtherBytesAnywhere() {
        // the check skips ASCII eight bytes at a time: offending bytes at every offset of a word, and at the ends
        SplittableRandom random = new SplittableRandom(20261128);
        for (int run = 0; run < 100_000; run++) {
            byte[] bytes = new byte[random.nextInt(0, 80)];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) random.nextInt(0x20, 0x7F);
            }
            int others = bytes.length == 0 ? 0 : random.nextInt(0, 4);
            for (int k = 0; k < others; k++) {
                int at = random.nextInt(bytes.length);
                bytes[at] = (byte) interesting(random);
                if (random.nextBoolean() && at + 1 < bytes.length) {
                    bytes[at + 1] = (byte) interesting(random);
                }
            }
            assertThat(PageDecoder.isValidUtf8(bytes)).as(hex(bytes)).isEqualTo(jdkValid(bytes));
            int from = bytes.length == 0 ? 0 : random.nextInt(bytes.length);
            assertThat(Utf8.isValid(bytes, from, bytes.length)).as(hex(bytes) + " from " + from)
                    .isEqualTo(jdkValid(Arrays.copyOfRange(bytes, from, bytes.length)));
        }
    }

    @Test
    void shouldDecodeValidTextThatReallyContainsTheReplacementCharacter() {
        String text = "caf\u00e9 \uFFFD \u6771\u4eac";
        assertThat(PageDecoder.utf8OrNull(text.getBytes(StandardCharsets.UTF_8))).isEqualTo(text);
        assertThat(PageDecoder.utf8OrNull(bytes(0x61, 0xEF, 0xBF, 0xBD, 0xC3))).isNull(); // U+FFFD then a truncated sequence
        assertThat(PageDecoder.decode(text.getBytes(StandardCharsets.UTF_8), "utf-8").html()).isEqualTo(text);
    }

    @Test
    void shouldAgreeWithTheJdkDecoderOnEveryCodePointAndItsTruncations() {
        for (int cp = 0; cp <= 0x10FFFF; cp += cp < 0x3000 ? 1 : 17) {
            if (cp >= 0xD800 && cp <= 0xDFFF) {
                continue;
            }
            byte[] full = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8);
            assertThat(PageDecoder.isValidUtf8(full)).as(hex(full)).isTrue();
            for (int cut = 1; cut < full.length; cut++) {
                byte[] part = Arrays.copyOf(full, cut);
                assertThat(PageDecoder.isValidUtf8(part)).as(hex(part)).isEqualTo(jdkValid(part));
            }
        }
    }

    @Test
    void shouldRejectSurrogatesOverlongFormsAndCodePointsBeyondTheUnicodeRange() {
        assertThat(PageDecoder.isValidUtf8(bytes(0xED, 0xA0, 0x80))).isFalse(); // U+D800
        assertThat(PageDecoder.isValidUtf8(bytes(0xC0, 0xAF))).isFalse(); // overlong '/'
        assertThat(PageDecoder.isValidUtf8(bytes(0xE0, 0x80, 0xAF))).isFalse();
        assertThat(PageDecoder.isValidUtf8(bytes(0xF0, 0x80, 0x80, 0xAF))).isFalse();
        assertThat(PageDecoder.isValidUtf8(bytes(0xF4, 0x90, 0x80, 0x80))).isFalse(); // U+110000
        assertThat(PageDecoder.isValidUtf8(bytes(0xF4, 0x8F, 0xBF, 0xBF))).isTrue(); // U+10FFFF
    }

    private static int interesting(SplittableRandom random) {
        return INTERESTING[random.nextInt(INTERESTING.length)];
    }

    private static boolean jdkValid(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format(java.util.Locale.ROOT, "%02x ", b & 0xff));
        }
        return sb.toString();
    }
}
