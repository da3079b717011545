package dev.newsflow.processor.dedup;

import dev.newsflow.avro.Article;
import dev.newsflow.common.serde.AvroTrust;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Compact binary encoding for the processor's internal dedup records (repartition topics and stores only,
 * never a public contract). Varints, length-prefixed UTF-8, delta-encoded sorted int arrays; embedded
 * articles as plain Avro binary of the current {@link Article} schema (writer = reader: internal topics
 * are drained on upgrade).
 */
final class Bin {
    private Bin() {
    }

    /** Growable writer. */
    static final class Out {
        private byte[] buf;
        private int len;

        Out() {
            this(128);
        }

        /** A writer with room for {@code capacity} bytes (large payloads are then copied once, not on every doubling). */
        Out(int capacity) {
            buf = new byte[Math.max(16, capacity)];
        }

        private void ensure(int n) {
            if (len + n > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n));
            }
        }

        Out u8(int v) {
            ensure(1);
            buf[len++] = (byte) v;
            return this;
        }

        Out varlong(long v) {
            ensure(10);
            long z = (v << 1) ^ (v >> 63);
            while ((z & ~0x7FL) != 0) {
                buf[len++] = (byte) ((z & 0x7F) | 0x80);
                z >>>= 7;
            }
            buf[len++] = (byte) z;
            return this;
        }

        Out i64(long v) {
            ensure(8);
            for (int i = 7; i >= 0; i--) {
                buf[len++] = (byte) (v >>> (i * 8));
            }
            return this;
        }

        Out bool(boolean b) {
            return u8(b ? 1 : 0);
        }

        Out str(String s) {
            if (s == null) {
                return varlong(-1);
            }
            int n = s.length();
            if (n < 64) {
                // short ASCII strings (ids, hosts, keys) written in place: the same bytes as UTF-8
                ensure(n + 1);
                int at = len + 1;
                int i = 0;
                while (i < n) {
                    char c = s.charAt(i);
                    if (c >= 0x80) {
                        break;
                    }
                    buf[at + i++] = (byte) c;
                }
                if (i == n) {
                    buf[len] = (byte) (n << 1); // zig-zag varint of n < 64: one byte
                    len = at + n;
                    return this;
                }
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            varlong(b.length);
            return raw(b);
        }

        Out raw(byte[] b) {
            ensure(b.length);
            System.arraycopy(b, 0, buf, len, b.length);
            len += b.length;
            return this;
        }

        Out raw(byte[] b, int offset, int length) {
            ensure(length);
            System.arraycopy(b, offset, buf, len, length);
            len += length;
            return this;
        }

        Out bytes(byte[] b) {
            varlong(b.length);
            return raw(b);
        }

        Out strings(List<String> list) {
            varlong(list.size());
            for (String s : list) {
                str(s);
            }
            return this;
        }

        /** Sorted ints, delta-encoded: about two bytes per shingle hash. */
        Out sortedInts(int[] values) {
            varlong(values.length);
            ensure(5 * values.length); // |delta| < 2^33: its zig-zag varint takes at most five bytes
            byte[] b = buf;
            int at = len;
            long prev = Integer.MIN_VALUE;
            for (int v : values) {
                long d = v - prev;
                long z = (d << 1) ^ (d >> 63);
                while ((z & ~0x7FL) != 0) {
                    b[at++] = (byte) ((z & 0x7F) | 0x80);
                    z >>>= 7;
                }
                b[at++] = (byte) z;
                prev = v;
            }
            len = at;
            return this;
        }

        Out article(Article a) {
            return bytes(articleBytes(a));
        }

        /** The bytes written (the buffer itself when it is exactly full: a writer is not used after this). */
        byte[] toBytes() {
            return len == buf.length ? buf : Arrays.copyOf(buf, len);
        }
    }

    /** Reader over a byte array. */
    static final class In {
        private final byte[] b;
        private int pos;

        In(byte[] bytes) {
            this.b = bytes;
        }

        private void need(int n) {
            if (n < 0 || pos + n > b.length) {
                throw new java.nio.BufferUnderflowException();
            }
        }

        int u8() {
            need(1);
            return b[pos++] & 0xff;
        }

        /** Whether bytes remain (fields appended by a later version are read only when present). */
        boolean more() {
            return pos < b.length;
        }

        /** Bytes not read yet. */
        int remaining() {
            return b.length - pos;
        }

        long varlong() {
            long z = 0;
            int shift = 0;
            while (true) {
                byte x = b[pos++];
                z |= (long) (x & 0x7F) << shift;
                if ((x & 0x80) == 0) {
                    break;
                }
                shift += 7;
                if (shift > 63) {
                    throw new IllegalArgumentException("malformed varint");
                }
            }
            return (z >>> 1) ^ -(z & 1);
        }

        int varint() {
            return Math.toIntExact(varlong());
        }

        long i64() {
            need(8);
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (b[pos++] & 0xff);
            }
            return v;
        }

        boolean bool() {
            return u8() != 0;
        }

        String str() {
            int n = varint();
            if (n < 0) {
                return null;
            }
            need(n);
            String s = new String(b, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }

        byte[] bytes() {
            int n = varint();
            need(n);
            byte[] raw = Arrays.copyOfRange(b, pos, pos + n);
            pos += n;
            return raw;
        }

        List<String> strings() {
            int n = varint();
            List<String> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(str());
            }
            return out;
        }

        int[] sortedInts() {
            int n = varint();
            if (n < 0 || n > b.length - pos) {
                throw new IllegalArgumentException("malformed int set");
            }
            int[] out = new int[n];
            byte[] in = b;
            int at = pos;
            long prev = Integer.MIN_VALUE;
            for (int i = 0; i < n; i++) {
                long z = 0;
                int shift = 0;
                byte x;
                do {
                    x = in[at++];
                    z |= (long) (x & 0x7F) << shift;
                    shift += 7;
                } while (x < 0 && shift < 64);
                if (x < 0) {
                    throw new IllegalArgumentException("malformed varint");
                }
                prev += (z >>> 1) ^ -(z & 1);
                out[i] = (int) prev;
            }
            pos = at;
            return out;
        }

        Article article() {
            return articleOf(bytes());
        }
    }

    /** Bytes {@link Out#varlong} writes for {@code v}. */
    static int varlongSize(long v) {
        long z = (v << 1) ^ (v >> 63);
        int n = 1;
        while ((z & ~0x7FL) != 0) {
            z >>>= 7;
            n++;
        }
        return n;
    }

    /** A sorted int array in the compact form {@link Out#sortedInts} writes. */
    static byte[] encodeInts(int[] sorted) {
        return new Out(5 * sorted.length + 5).sortedInts(sorted).toBytes();
    }

    static int[] decodeInts(byte[] encoded) {
        return new In(encoded).sortedInts();
    }

    static {
        AvroTrust.install();
    }

    private static final SpecificDatumWriter<Article> WRITER = new SpecificDatumWriter<>(Article.class);
    private static final SpecificDatumReader<Article> READER = new SpecificDatumReader<>(Article.class);

    static byte[] articleBytes(Article a) {
        try {
            int hint = 1024 + 2 * (a.getBodyText() == null ? 0 : a.getBodyText().length())
                    + (a.getBodyHtml() == null ? 0 : a.getBodyHtml().length());
            ByteArrayOutputStream out = new ByteArrayOutputStream(hint);
            BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(out, null);
            synchronized (WRITER) {
                WRITER.write(a, enc);
            }
            enc.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Article articleOf(byte[] bytes) {
        try {
            BinaryDecoder dec = DecoderFactory.get().binaryDecoder(bytes, null);
            synchronized (READER) {
                return READER.read(null, dec);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
