package dev.newsflow.fetcher.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import org.brotli.dec.BrotliInputStream;

/**
 * Undoes {@code Content-Encoding} (gzip, x-gzip, deflate, br) with a cap on the decoded size; every decoder
 * is stream-based, so a decompression bomb is stopped as soon as it passes the cap.
 */
public final class ContentDecoder {

    /** Decoded body. */
    public record Decoded(byte[] body, boolean truncated) {
    }

    private ContentDecoder() {
    }

    /**
     * @param truncateOversize when false an oversize body fails with too-large; a body whose decoded size
     *                         passes the cap at a ratio over {@link HttpLimits#BOMB_RATIO} always fails as a bomb
     */
    public static Decoded decode(byte[] wire, String contentEncoding, long maxBytes, boolean truncateOversize) throws FetchFailure {
        String enc = contentEncoding == null ? "" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        if (enc.isEmpty() || enc.equals("identity")) {
            return wire.length > maxBytes ? cut(wire, maxBytes, truncateOversize) : new Decoded(wire, false);
        }
        ByteArrayInputStream source = new ByteArrayInputStream(wire);
        try (InputStream in = stream(enc, source)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(8192, Math.min(wire.length * 4, 1 << 20)));
            byte[] buf = new byte[16384];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0) {
                if (total + n > maxBytes) {
                    long consumed = Math.max(1, wire.length - source.available());
                    if (total + n > consumed * HttpLimits.BOMB_RATIO) {
                        throw new FetchFailure(Outcome.DECOMPRESSION_BOMB, "decoded body passes " + maxBytes
                                + " bytes at a compression ratio (decoded/compressed so far) over " + HttpLimits.BOMB_RATIO);
                    }
                    if (!truncateOversize) {
                        throw new FetchFailure(Outcome.TOO_LARGE, "decoded body exceeds the cap of " + maxBytes + " bytes");
                    }
                    out.write(buf, 0, (int) (maxBytes - total));
                    return new Decoded(out.toByteArray(), true);
                }
                out.write(buf, 0, n);
                total += n;
            }
            return new Decoded(out.toByteArray(), false);
        } catch (FetchFailure e) {
            throw e;
        } catch (IOException e) {
            throw new FetchFailure(Outcome.PROTOCOL_ERROR, "corrupt " + enc + " body", e);
        }
    }

    private static InputStream stream(String enc, ByteArrayInputStream wire) throws IOException {
        return switch (enc) {
            case "gzip", "x-gzip" -> new GZIPInputStream(wire, 8192);
            // "deflate" is meant to be zlib-wrapped, but many servers send raw deflate: look at the header
            case "deflate" -> new InflaterInputStream(wire, new Inflater(!isZlib(peek(wire))), 8192);
            case "br" -> new BrotliInputStream(wire);
            default -> throw new FetchFailure(Outcome.UNSUPPORTED_ENCODING, "unsupported Content-Encoding " + enc);
        };
    }

    private static byte[] peek(ByteArrayInputStream in) {
        in.mark(2);
        byte[] b = new byte[2];
        int n = in.read(b, 0, 2);
        in.reset();
        return n == 2 ? b : new byte[0];
    }

    private static boolean isZlib(byte[] b) {
        return b.length >= 2 && (b[0] & 0x0f) == 8 && (((b[0] & 0xff) << 8) | (b[1] & 0xff)) % 31 == 0;
    }

    private static Decoded cut(byte[] wire, long maxBytes, boolean truncate) throws FetchFailure {
        if (!truncate) {
            throw new FetchFailure(Outcome.TOO_LARGE, "body exceeds the cap of " + maxBytes + " bytes");
        }
        return new Decoded(java.util.Arrays.copyOf(wire, (int) maxBytes), true);
    }
}
