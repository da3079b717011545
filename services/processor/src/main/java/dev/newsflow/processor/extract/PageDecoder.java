package dev.newsflow.processor.extract;

import dev.newsflow.common.text.Utf8;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns fetched bytes into text. Order: byte-order mark (it is unambiguous, as in the WHATWG encoding sniffing
 * algorithm), then the HTTP header charset, then a {@code <meta>} declaration in the first 4 KiB, then detection
 * (valid UTF-8, else Shift_JIS / windows-1256 / windows-1252 by byte statistics). A declared UTF-8 that is not valid
 * UTF-8, and a declared single-byte charset on bytes that are valid multi-byte UTF-8, are treated as mislabelled.
 * Pure function; never throws on any byte content.
 */
public final class PageDecoder {
    private static final int PRESCAN_BYTES = 4096;
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final Pattern META_CHARSET = Pattern.compile(
            "<meta[^>]{0,200}?charset\\s*=\\s*[\"']?\\s*([a-z0-9_:.\\-]{2,40})", Pattern.CASE_INSENSITIVE);

    private PageDecoder() {
    }

    /**
     * The decoded page.
     *
     * @param html     the text
     * @param charset  the charset used
     * @param evidence how it was chosen: bom, header, meta, detected
     */
    public record Decoded(String html, Charset charset, String evidence) {
    }

    /** Decodes {@code body} (null means empty) using {@code headerCharset} (the Content-Type charset, may be null). */
    public static Decoded decode(byte[] body, String headerCharset) {
        byte[] bytes = body == null ? new byte[0] : body;
        Decoded bom = fromBom(bytes);
        if (bom != null) {
            return bom;
        }
        Charset declared = lookup(headerCharset);
        String source = "header";
        if (declared == null) {
            declared = lookup(prescanMeta(bytes));
            source = "meta";
        }
        if (declared != null) {
            declared = htmlAlias(declared);
            if (declared.equals(StandardCharsets.UTF_8)) {
                String text = utf8OrNull(bytes);
                return text != null ? new Decoded(text, StandardCharsets.UTF_8, source) : detect(bytes, null);
            }
            if (isSingleByteLatin(declared) && hasMultiByte(bytes) && isValidUtf8(bytes)) {
                return new Decoded(new String(bytes, StandardCharsets.UTF_8), StandardCharsets.UTF_8, "detected");
            }
            return new Decoded(new String(bytes, declared), declared, source);
        }
        return detect(bytes, utf8OrNull(bytes));
    }

    /**
     * The bytes as UTF-8 text, or null if they are not well-formed UTF-8. One decoding pass for the usual, valid page:
     * the JDK's decoder replaces every malformed sequence with U+FFFD, so text without U+FFFD came from valid bytes;
     * only text with one (malformed input, or a page that really contains U+FFFD) is checked byte by byte.
     */
    static String utf8OrNull(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.indexOf('\uFFFD') < 0 || isValidUtf8(bytes) ? text : null;
    }

    private static Decoded fromBom(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            return new Decoded(new String(b, 3, b.length - 3, StandardCharsets.UTF_8), StandardCharsets.UTF_8, "bom");
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            return new Decoded(new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE), StandardCharsets.UTF_16BE, "bom");
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            return new Decoded(new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE), StandardCharsets.UTF_16LE, "bom");
        }
        return null;
    }

    static String prescanMeta(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, PRESCAN_BYTES), StandardCharsets.ISO_8859_1);
        Matcher m = META_CHARSET.matcher(head);
        return m.find() ? m.group(1) : null;
    }

    private static Charset lookup(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            String n = name.trim().replace("\"", "").replace("'", "").toLowerCase(Locale.ROOT);
            return Charset.isSupported(n) ? Charset.forName(n) : null;
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    /** HTML's aliases: latin-1 and ASCII labels mean windows-1252; a UTF-16 label in a byte-oriented page means UTF-8. */
    private static Charset htmlAlias(Charset c) {
        String n = c.name().toLowerCase(Locale.ROOT);
        if (n.equals("iso-8859-1") || n.equals("us-ascii")) {
            return WINDOWS_1252;
        }
        if (n.startsWith("utf-16") || n.startsWith("utf-32")) {
            return StandardCharsets.UTF_8;
        }
        return c;
    }

    private static boolean isSingleByteLatin(Charset c) {
        String n = c.name().toLowerCase(Locale.ROOT);
        return n.equals("windows-1252") || n.startsWith("iso-8859-") || n.equals("windows-1250");
    }

    /** {@code utf8} is the page decoded as UTF-8 if its bytes are well-formed UTF-8, else null. */
    private static Decoded detect(byte[] bytes, String utf8) {
        if (utf8 != null) {
            return new Decoded(utf8, StandardCharsets.UTF_8, "detected");
        }
        Charset guess = ByteStatistics.guessLegacy(bytes);
        return new Decoded(new String(bytes, guess), guess, "detected");
    }

    /** Whether {@code bytes} are well-formed UTF-8 (the JDK reporting decoder's verdict, without decoding: {@link Utf8}). */
    static boolean isValidUtf8(byte[] bytes) {
        return Utf8.isValid(bytes, 0, bytes.length);
    }

    private static boolean hasMultiByte(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }

    /** Byte-frequency guesses between the legacy charsets news pages still use. */
    static final class ByteStatistics {
        private static final Charset SHIFT_JIS = Charset.forName("Shift_JIS");
        private static final Charset WINDOWS_1256 = Charset.forName("windows-1256");

        private ByteStatistics() {
        }

        static Charset guessLegacy(byte[] bytes) {
            int high = 0;
            int arabicLetters = 0;
            for (byte b : bytes) {
                int v = b & 0xff;
                if (v >= 0x80) {
                    high++;
                    // windows-1256 puts Arabic letters at C1-DA and DC-DF, E1, E3-E6, EC-ED; in windows-1252 runs of
                    // these bytes would be accented capitals, which Latin text rarely strings together.
                    if (v >= 0xC1 && v <= 0xDA || v >= 0xDC && v <= 0xDF || v == 0xE1 || v >= 0xE3 && v <= 0xE6) {
                        arabicLetters++;
                    }
                }
            }
            if (high > 20 && decodesStrictly(bytes, SHIFT_JIS) && !decodesStrictly(bytes, WINDOWS_1252)) {
                return SHIFT_JIS;
            }
            if (high > 20 && arabicLetters * 10 > high * 7 && !looksLatin(bytes)) {
                return WINDOWS_1256;
            }
            if (high > 20 && decodesStrictly(bytes, SHIFT_JIS) && japaneseShare(bytes) > 0.5) {
                return SHIFT_JIS;
            }
            return WINDOWS_1252;
        }

        /** Latin text has high bytes isolated between ASCII letters; Arabic text has them in long runs. */
        private static boolean looksLatin(byte[] bytes) {
            int isolated = 0;
            int runs = 0;
            for (int i = 1; i + 1 < bytes.length; i++) {
                if (bytes[i] < 0) {
                    boolean prevAscii = bytes[i - 1] >= 0x41;
                    boolean nextAscii = bytes[i + 1] >= 0x41;
                    if (prevAscii && nextAscii) {
                        isolated++;
                    } else if (bytes[i - 1] < 0 && bytes[i + 1] < 0) {
                        runs++;
                    }
                }
            }
            return isolated > runs;
        }

        private static double japaneseShare(byte[] bytes) {
            CharBuffer chars = decodeLenient(bytes, SHIFT_JIS);
            int nonAscii = 0;
            int japanese = 0;
            for (int i = 0; i < chars.length(); i++) {
                char c = chars.charAt(i);
                if (c > 0x7f) {
                    nonAscii++;
                    Character.UnicodeScript s = Character.UnicodeScript.of(c);
                    if (s == Character.UnicodeScript.HIRAGANA || s == Character.UnicodeScript.KATAKANA
                            || s == Character.UnicodeScript.HAN) {
                        japanese++;
                    }
                }
            }
            return nonAscii == 0 ? 0 : (double) japanese / nonAscii;
        }

        private static boolean decodesStrictly(byte[] bytes, Charset cs) {
            try {
                cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes));
                return true;
            } catch (CharacterCodingException e) {
                return false;
            }
        }

        private static CharBuffer decodeLenient(byte[] bytes, Charset cs) {
            try {
                return cs.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(ByteBuffer.wrap(bytes));
            } catch (CharacterCodingException e) {
                return CharBuffer.wrap("");
            }
        }
    }
}
