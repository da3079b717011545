package dev.newsflow.processor.dedup;

/** 64-bit SimHash (Charikar 2002) over pre-hashed features, each weighing one. */
public final class SimHash {
    private SimHash() {
    }

    /** SimHash of the first {@code n} feature hashes. */
    public static long of(long[] features, int n) {
        if (n == 0) {
            return 0L;
        }
        int[] ones = new int[64];
        for (int i = 0; i < n; i++) {
            long f = features[i];
            while (f != 0) {
                ones[Long.numberOfTrailingZeros(f)]++;
                f &= f - 1;
            }
        }
        long out = 0;
        for (int bit = 0; bit < 64; bit++) {
            if (2 * ones[bit] > n) {
                out |= 1L << bit;
            }
        }
        return out;
    }

    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }
}
