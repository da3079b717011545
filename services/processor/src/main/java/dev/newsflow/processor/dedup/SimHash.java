package dev.newsflow.processor.dedup;

/**
 * 64-bit SimHash (Charikar 2002) over pre-hashed features, each weighing one: bit i is set when more than half of
 * the features have bit i set. Counting is byte-sliced (SWAR): a table maps each byte value to eight one-byte
 * counters packed in a long, so a feature costs eight look-ups and additions instead of 64 bit tests.
 */
public final class SimHash {
    private static final long[] SPREAD = new long[256];

    static {
        for (int b = 0; b < 256; b++) {
            long v = 0;
            for (int bit = 0; bit < 8; bit++) {
                v |= (long) ((b >>> bit) & 1) << (bit * 8);
            }
            SPREAD[b] = v;
        }
    }

    private SimHash() {
    }

    /** SimHash of the first {@code n} feature hashes. */
    public static long of(long[] features, int n) {
        if (n == 0) {
            return 0L;
        }
        int[] ones = new int[64];
        long[] packed = new long[8];
        int pending = 0;
        for (int i = 0; i < n; i++) {
            long f = features[i];
            for (int byteIndex = 0; byteIndex < 8; byteIndex++) {
                packed[byteIndex] += SPREAD[(int) (f >>> (byteIndex * 8)) & 0xFF];
            }
            if (++pending == 255) {
                flush(packed, ones);
                pending = 0;
            }
        }
        flush(packed, ones);
        long out = 0;
        for (int bit = 0; bit < 64; bit++) {
            if (2 * ones[bit] > n) {
                out |= 1L << bit;
            }
        }
        return out;
    }

    private static void flush(long[] packed, int[] ones) {
        for (int byteIndex = 0; byteIndex < 8; byteIndex++) {
            long p = packed[byteIndex];
            for (int bit = 0; bit < 8; bit++) {
                ones[byteIndex * 8 + bit] += (int) ((p >>> (bit * 8)) & 0xFF);
            }
            packed[byteIndex] = 0;
        }
    }

    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }
}
