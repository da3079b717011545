package dev.newsflow.common.text;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** UTF-8 checks on bytes, without decoding them. */
public final class Utf8 {
    /** Eight bytes at a time, in any alignment, for skipping ASCII runs (most of an HTML page's bytes). */
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    private Utf8() {
    }

    /**
     * Whether {@code bytes[from, to)} is well-formed UTF-8 (Unicode 15, table 3-7: no overlong forms, no surrogates,
     * nothing above U+10FFFF) — the same verdict as the JDK's reporting decoder, without allocating: checking a page
     * by decoding it costs a char array twice its size.
     */
    public static boolean isValid(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to) {
            while (i + 8 <= to && ((long) LONGS.get(bytes, i) & HIGH_BITS) == 0) {
                i += 8;
            }
            if (i >= to) {
                break;
            }
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            int lead = b & 0xff;
            if (lead < 0xC2 || lead > 0xF4) {
                return false; // continuation byte without a lead, overlong 2-byte lead, or beyond U+10FFFF
            }
            int len = lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
            if (i + len > to) {
                return false;
            }
            int second = bytes[i + 1] & 0xff;
            int lo = 0x80;
            int hi = 0xBF;
            if (lead == 0xE0) {
                lo = 0xA0; // overlong 3-byte form
            } else if (lead == 0xED) {
                hi = 0x9F; // surrogates
            } else if (lead == 0xF0) {
                lo = 0x90; // overlong 4-byte form
            } else if (lead == 0xF4) {
                hi = 0x8F; // above U+10FFFF
            }
            if (second < lo || second > hi) {
                return false;
            }
            for (int k = 2; k < len; k++) {
                if ((bytes[i + k] & 0xC0) != 0x80) {
                    return false;
                }
            }
            i += len;
        }
        return true;
    }

    /**
     * Whether the first {@code length} bytes are well-formed UTF-8 once up to 3 trailing bytes — a character cut by
     * the end of a sample — are left out.
     */
    public static boolean isValidPrefix(byte[] bytes, int length) {
        for (int drop = 0; drop <= 3 && drop <= length; drop++) {
            if (isValid(bytes, 0, length - drop)) {
                return true;
            }
        }
        return false;
    }
}
