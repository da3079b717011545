package dev.newsflow.processor.dedup;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * The value of a {@code dedup-content} entry: an article draft (Avro bytes) stamped with the stream time it was
 * stored at, the draft LZ4-compressed. The store holds one draft per article for {@code late-window} (a day by
 * default), i.e. most of the processor's state bytes; body text and HTML compress ~2.6×, so RocksDB's flushes and
 * compactions move that much less (docs/BENCHMARKS.md). The changelog does not shrink: Kafka's producer compressed
 * these values already, batch by batch.
 *
 * <p>Layout: format byte, 8-byte big-endian time (read by {@link StoryState#timestampOf} for any format), then
 * <ul>
 *   <li>format 1: varint length, the draft (values written before compression; still read);</li>
 *   <li>format 2: varint length of the draft, the LZ4 block (written when it is smaller than the draft).</li>
 * </ul>
 */
final class ContentValue {
    static final int PLAIN = 1;
    static final int LZ4 = 2;
    /** Drafts shorter than this are stored as they are: too little text to gain from compression. */
    static final int MIN_COMPRESSED = 512;
    private static final LZ4Factory FACTORY = LZ4Factory.fastestInstance();
    private static final LZ4Compressor COMPRESSOR = FACTORY.fastCompressor();
    private static final LZ4SafeDecompressor DECOMPRESSOR = FACTORY.safeDecompressor();
    /** Largest compression buffer kept per thread between drafts. */
    static final int MAX_KEPT = 1 << 20;
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[64 * 1024]);

    private ContentValue() {
    }

    /** The stored value of {@code draft} at stream time {@code timestamp} (an array of the exact size). */
    static byte[] of(long timestamp, byte[] draft) {
        if (draft.length >= MIN_COMPRESSED) {
            byte[] block = scratch(COMPRESSOR.maxCompressedLength(draft.length));
            int n = COMPRESSOR.compress(draft, 0, draft.length, block, 0, block.length);
            if (n < draft.length) {
                return new Bin.Out(9 + Bin.varlongSize(draft.length) + n)
                        .u8(LZ4).i64(timestamp).varlong(draft.length).raw(block, 0, n).toBytes();
            }
        }
        return new Bin.Out(9 + Bin.varlongSize(draft.length) + draft.length).u8(PLAIN).i64(timestamp).bytes(draft).toBytes();
    }

    /**
     * This thread's compression buffer, at least {@code size} bytes (kept: drafts come one after another); a buffer for
     * an unusually large draft (over {@link #MAX_KEPT}) is not kept.
     */
    private static byte[] scratch(int size) {
        if (size > MAX_KEPT) {
            return new byte[size];
        }
        byte[] b = SCRATCH.get();
        if (b.length < size) {
            b = new byte[Math.min(MAX_KEPT, Math.max(size, b.length * 2))];
            SCRATCH.set(b);
        }
        return b;
    }

    /** The draft of a stored value (either format). */
    static byte[] draft(byte[] value) {
        Bin.In in = new Bin.In(value);
        int format = in.u8();
        in.i64();
        if (format == PLAIN) {
            return in.bytes();
        }
        if (format != LZ4) {
            throw new IllegalArgumentException("unknown dedup-content format " + format);
        }
        int length = in.varint();
        int at = value.length - in.remaining();
        // LZ4 expands a block at most ~255-fold: a larger length is a damaged value, not a reason to allocate it
        if (length < 0 || length > (long) (value.length - at) * 255 + 16) {
            throw new IllegalArgumentException("draft length " + length + " impossible for an LZ4 block of "
                    + (value.length - at) + " bytes");
        }
        byte[] draft = new byte[length];
        int n = DECOMPRESSOR.decompress(value, at, value.length - at, draft, 0, length);
        if (n != length) {
            throw new IllegalArgumentException("LZ4 draft of " + n + " bytes, expected " + length);
        }
        return draft;
    }
}
