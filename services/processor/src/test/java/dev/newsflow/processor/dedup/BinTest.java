package dev.newsflow.processor.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BinTest {

    @Test
    void shouldRoundTripSortedIntsIncludingExtremes() {
        Random rnd = new Random(3);
        for (int n : new int[] {0, 1, 2, 100, 3000}) {
            int[] a = rnd.ints(n).sorted().distinct().toArray();
            assertThat(Bin.decodeInts(Bin.encodeInts(a))).isEqualTo(a);
        }
        int[] extremes = {Integer.MIN_VALUE, -1, 0, 1, Integer.MAX_VALUE};
        assertThat(Bin.decodeInts(Bin.encodeInts(extremes))).isEqualTo(extremes);
        // unsorted input (never written, but encodable): negative deltas survive
        int[] unsorted = {5, -7, Integer.MAX_VALUE, Integer.MIN_VALUE};
        assertThat(Bin.decodeInts(Bin.encodeInts(unsorted))).isEqualTo(unsorted);
    }

    @Test
    void shouldWriteStringsAsLengthPrefixedUtf8() {
        for (String s : new String[] {"", "abc", "x".repeat(63), "y".repeat(64), "caf\u00E9", "\uD83D\uDE00 emoji", "a".repeat(300)}) {
            byte[] bytes = new Bin.Out().str(s).toBytes();
            byte[] utf8 = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] expected = new Bin.Out().varlong(utf8.length).raw(utf8).toBytes();
            assertThat(bytes).as(s).isEqualTo(expected);
            assertThat(new Bin.In(bytes).str()).isEqualTo(s);
        }
        Bin.In in = new Bin.In(new Bin.Out().str(null).strings(List.of("a", "bé")).i64(-5).bool(true).toBytes());
        assertThat(in.str()).isNull();
        assertThat(in.strings()).containsExactly("a", "bé");
        assertThat(in.i64()).isEqualTo(-5);
        assertThat(in.bool()).isTrue();
        assertThat(in.more()).isFalse();
    }

    @Test
    void shouldSizeVarlongsAsWritten() {
        for (long v : new long[] {0, 1, -1, 63, 64, -64, -65, 8191, 8192, Integer.MAX_VALUE, Long.MAX_VALUE, Long.MIN_VALUE}) {
            assertThat(Bin.varlongSize(v)).as("%d", v).isEqualTo(new Bin.Out().varlong(v).toBytes().length);
        }
    }

    @Test
    void shouldRefuseTruncatedInput() {
        byte[] ok = Bin.encodeInts(new int[] {1, 2, 3});
        assertThatThrownBy(() -> Bin.decodeInts(Arrays.copyOf(ok, ok.length - 1))).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> new Bin.In(new byte[] {4, 'a'}).str()).isInstanceOf(RuntimeException.class);
    }
}
