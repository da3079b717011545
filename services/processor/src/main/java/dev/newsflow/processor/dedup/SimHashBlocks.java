package dev.newsflow.processor.dedup;

/**
 * Splits the 64 SimHash bits into {@code blocks} contiguous blocks, one index table each. By the pigeonhole
 * principle two hashes within {@code blocks - 1} bits agree exactly on at least one block, so looking a hash up
 * under each of its blocks finds every such neighbour; farther neighbours are still found whenever one block
 * happens to be intact (e.g. 8 blocks find 96% of pairs 10 bits apart). Immutable and thread-safe.
 */
public final class SimHashBlocks {
    private final int blocks;
    private final int[] offset;
    private final long[] mask;

    public SimHashBlocks(int blocks) {
        if (blocks < 1 || blocks > 32) {
            throw new IllegalArgumentException("blocks must be between 1 and 32, was " + blocks);
        }
        this.blocks = blocks;
        this.offset = new int[blocks];
        this.mask = new long[blocks];
        int at = 0;
        for (int i = 0; i < blocks; i++) {
            int width = 64 / blocks + (i < 64 % blocks ? 1 : 0);
            offset[i] = at;
            mask[i] = width == 64 ? -1L : ((1L << width) - 1) << at;
            at += width;
        }
    }

    public int blocks() {
        return blocks;
    }

    /** The bits of block {@code i} of {@code simhash} (other bits zero). */
    public long block(long simhash, int i) {
        return simhash & mask[i];
    }

    /** Lowest block on which {@code a} and {@code b} agree, or -1 when they agree on none. */
    public int firstSharedBlock(long a, long b) {
        for (int i = 0; i < blocks; i++) {
            if ((a & mask[i]) == (b & mask[i])) {
                return i;
            }
        }
        return -1;
    }

    /** Repartition key of block {@code i} of {@code simhash}: the table number and the block bits in hex. */
    public String tableKey(long simhash, int i) {
        return i + ":" + Long.toHexString(block(simhash, i) >>> offset[i]);
    }
}
