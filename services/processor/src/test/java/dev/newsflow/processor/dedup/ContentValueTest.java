package dev.newsflow.processor.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ContentValueTest {
    private static byte[] text(int words, long seed) {
        Random r = new Random(seed);
        String[] vocabulary = {"the", "minister", "said", "on", "Tuesday", "that", "talks", "would", "resume", "in", "Geneva",
            "<p>", "</p>", "élection", "Путин", "2026"};
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < words; i++) {
            b.append(vocabulary[r.nextInt(vocabulary.length)]).append(' ');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldCompressTextDraftsAndReadThemBack() {
        byte[] draft = text(2_000, 1);
        byte[] value = ContentValue.of(1234L, draft);
        assertThat(value[0]).isEqualTo((byte) ContentValue.LZ4);
        assertThat(value.length).isLessThan(draft.length / 2);
        assertThat(ContentValue.draft(value)).isEqualTo(draft);
        assertThat(StoryState.timestampOf(value)).isEqualTo(1234L);
    }

    @Test
    void shouldStoreShortAndIncompressibleDraftsAsTheyAre() {
        byte[] random = new byte[20_000];
        new Random(7).nextBytes(random);
        for (byte[] draft : new byte[][] {new byte[0], text(3, 2), random}) {
            byte[] value = ContentValue.of(-5L, draft);
            assertThat(value[0]).isEqualTo((byte) ContentValue.PLAIN);
            assertThat(value).isEqualTo(new Bin.Out().u8(1).i64(-5L).bytes(draft).toBytes());
            assertThat(ContentValue.draft(value)).isEqualTo(draft);
            assertThat(StoryState.timestampOf(value)).isEqualTo(-5L);
        }
    }

    @Test
    void shouldRoundTripDraftsLargerThanTheKeptBuffer() {
        byte[] large = text(400_000, 5);
        assertThat(large.length).isGreaterThan(ContentValue.MAX_KEPT);
        byte[] small = text(2_000, 6);
        for (byte[] draft : new byte[][] {small, large, small}) {
            assertThat(ContentValue.draft(ContentValue.of(3L, draft))).isEqualTo(draft);
        }
    }

    @Test
    void shouldReadValuesWrittenBeforeCompression() {
        byte[] draft = text(500, 3);
        byte[] old = new Bin.Out().u8(1).i64(99L).bytes(draft).toBytes();
        assertThat(ContentValue.draft(old)).isEqualTo(draft);
        assertThat(StoryState.timestampOf(old)).isEqualTo(99L);
    }

    @Test
    void shouldRoundTripDraftsOfEverySize() {
        Random r = new Random(11);
        for (int i = 0; i < 300; i++) {
            int words = r.nextInt(3_000);
            byte[] draft = r.nextBoolean() ? text(words, i) : Arrays.copyOf(text(words, i), r.nextInt(words * 4 + 1));
            byte[] value = ContentValue.of(i, draft);
            assertThat(value.length).isLessThanOrEqualTo(draft.length + 9 + Bin.varlongSize(draft.length));
            assertThat(ContentValue.draft(value)).as("draft %d (%d bytes)", i, draft.length).isEqualTo(draft);
            assertThat(StoryState.timestampOf(value)).isEqualTo(i);
        }
    }

    @Test
    void shouldRefuseDamagedValuesWithAnException() {
        byte[] value = ContentValue.of(1L, text(2_000, 4));
        assertThatThrownBy(() -> ContentValue.draft(Arrays.copyOf(value, value.length - 10))).isInstanceOf(RuntimeException.class);
        byte[] unknown = value.clone();
        unknown[0] = 9;
        assertThatThrownBy(() -> ContentValue.draft(unknown)).hasMessageContaining("unknown dedup-content format 9");
        byte[] lying = new Bin.Out().u8(2).i64(1L).varlong(1_000).raw(new byte[] {0x10, 'a'}).toBytes();
        assertThatThrownBy(() -> ContentValue.draft(lying)).isInstanceOf(RuntimeException.class);
        byte[] huge = new Bin.Out().u8(2).i64(1L).varlong(Integer.MAX_VALUE).raw(new byte[] {0x10, 'a'}).toBytes();
        assertThatThrownBy(() -> ContentValue.draft(huge)).hasMessageContaining("impossible for an LZ4 block of 2 bytes");
    }
}
