package dev.newsflow.processor.dedup;

import java.util.Arrays;

/**
 * Sorts int arrays in signed order with an LSD radix sort (four 8-bit passes): for the few hundred to few thousand
 * shingle hashes of a body it is several times faster than a comparison sort, whose branches on random hashes
 * mispredict. Same result as {@link Arrays#sort(int[])}.
 */
final class IntSort {
    private static final int SMALL = 256;

    private IntSort() {
    }

    static void sort(int[] a) {
        int n = a.length;
        if (n < SMALL) {
            Arrays.sort(a);
            return;
        }
        int[] buf = new int[n];
        int[] src = a;
        int[] dst = buf;
        int[] count = new int[256];
        for (int shift = 0; shift < 32; shift += 8) {
            Arrays.fill(count, 0);
            int flip = shift == 24 ? 0x80 : 0;
            for (int v : src) {
                count[((v >>> shift) & 0xFF) ^ flip]++;
            }
            int sum = 0;
            for (int b = 0; b < 256; b++) {
                int c = count[b];
                count[b] = sum;
                sum += c;
            }
            for (int v : src) {
                dst[count[((v >>> shift) & 0xFF) ^ flip]++] = v;
            }
            int[] t = src;
            src = dst;
            dst = t;
        }
        // four passes: the sorted data is back in a
    }
}
