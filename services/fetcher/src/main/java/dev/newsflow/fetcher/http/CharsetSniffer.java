package dev.newsflow.fetcher.http;

import dev.newsflow.common.text.Utf8;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the charset of an HTML page: BOM, then the Content-Type header, then {@code <meta>} in the first
 * 4 KiB, then detection. A declared UTF-8 that does not decode as UTF-8 is treated as wrong and skipped
 * (the common Arabic/Persian mojibake case: windows-1256 pages served as UTF-8). BOM wins over the header,
 * as in the WHATWG encoding standard.
 */
public final class CharsetSniffer {
    private static final Pattern META_CHARSET = Pattern.compile("<meta[^>]+charset\\s*=\\s*[\"']?\\s*([A-Za-z0-9_:.+-]+)", Pattern.CASE_INSENSITIVE);
    private static final int META_WINDOW = 4096;
    private static final int DETECT_WINDOW = 64 * 1024;
    private static final List<String> DETECT_ORDER = List.of("Shift_JIS", "EUC-JP", "windows-1256", "windows-1251", "windows-1252");

    /** How the charset was found. */
    public enum Source { BOM, HEADER, META, DETECTED, DEFAULT }

    /** The charset and where it came from. */
    public record Result(Charset charset, Source source) {
    }

    private CharsetSniffer() {
    }

    public static Result sniff(byte[] body, String headerCharset) {
        Charset bom = bom(body);
        if (bom != null) {
            return new Result(bom, Source.BOM);
        }
        Charset header = usable(headerCharset, body);
        if (header != null) {
            return new Result(header, Source.HEADER);
        }
        Charset meta = usable(metaCharset(body), body);
        if (meta != null) {
            return new Result(meta, Source.META);
        }
        return detect(body);
    }

    static Charset bom(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xef && (b[1] & 0xff) == 0xbb && (b[2] & 0xff) == 0xbf) {
            return StandardCharsets.UTF_8;
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xfe && (b[1] & 0xff) == 0xff) {
            return StandardCharsets.UTF_16BE;
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xfe) {
            return StandardCharsets.UTF_16LE;
        }
        return null;
    }

    static String metaCharset(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, META_WINDOW), StandardCharsets.ISO_8859_1);
        Matcher m = META_CHARSET.matcher(head);
        return m.find() ? m.group(1) : null;
    }

    private static Charset usable(String name, byte[] body) {
        Charset cs = lookup(name);
        if (cs == null) {
            return null;
        }
        if (cs.equals(StandardCharsets.UTF_8) && !isUtf8(body)) {
            return null; // declared UTF-8 but the bytes say otherwise
        }
        return cs;
    }

    static Charset lookup(String name) {
        if (name == null) {
            return null;
        }
        String n = name.trim().toLowerCase(Locale.ROOT);
        // WHATWG: these labels mean windows-1252 / windows-1254 in browsers, and pages rely on it
        if (n.equals("iso-8859-1") || n.equals("latin1") || n.equals("us-ascii") || n.equals("ascii")) {
            n = "windows-1252";
        } else if (n.equals("iso-8859-9")) {
            n = "windows-1254";
        }
        try {
            return Charset.isSupported(n) ? Charset.forName(n) : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static Result detect(byte[] body) {
        byte[] sample = body.length > DETECT_WINDOW ? java.util.Arrays.copyOf(body, DETECT_WINDOW) : body;
        if (isAscii(sample) || Utf8.isValidPrefix(sample, sample.length)) {
            return new Result(StandardCharsets.UTF_8, isAscii(sample) ? Source.DEFAULT : Source.DETECTED);
        }
        Charset best = Charset.forName("windows-1252");
        double bestScore = -1;
        for (String name : DETECT_ORDER) {
            Charset cs = Charset.forName(name);
            String text = strictDecode(cs, sample, true);
            if (text == null) {
                continue;
            }
            double score = scriptScore(name, text);
            if (score > bestScore) {
                bestScore = score;
                best = cs;
            }
        }
        return new Result(best, Source.DETECTED);
    }

    /** Share of non-ASCII characters that belong to the script the charset is made for. */
    private static double scriptScore(String charset, String text) {
        int nonAscii = 0;
        int fit = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                continue;
            }
            nonAscii++;
            Character.UnicodeScript s = Character.UnicodeScript.of(c);
            boolean ok = switch (charset) {
                case "Shift_JIS", "EUC-JP" -> s == Character.UnicodeScript.HIRAGANA || s == Character.UnicodeScript.KATAKANA
                        || s == Character.UnicodeScript.HAN || c >= 0x3000 && c <= 0x303f || c >= 0xff00 && c <= 0xffef;
                case "windows-1256" -> s == Character.UnicodeScript.ARABIC;
                case "windows-1251" -> s == Character.UnicodeScript.CYRILLIC;
                default -> s == Character.UnicodeScript.LATIN && Character.isLetter(c);
            };
            if (ok) {
                fit++;
            }
        }
        // multi-byte charsets consume two bytes per character: compare on bytes, with a small bias to single-byte Latin
        double ratio = nonAscii == 0 ? 0 : (double) fit / nonAscii;
        return charset.equals("windows-1252") ? ratio * 0.9 : ratio;
    }

    private static boolean isAscii(byte[] b) {
        for (byte x : b) {
            if (x < 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether the body (its first 64 KB, which may end inside a character) is UTF-8. */
    public static boolean isUtf8(byte[] body) {
        return body.length > DETECT_WINDOW ? Utf8.isValidPrefix(body, DETECT_WINDOW) : Utf8.isValid(body, 0, body.length);
    }

    /** Decodes strictly; a sample cut mid-character may end with up to 3 malformed bytes. */
    private static String strictDecode(Charset cs, byte[] b, boolean mayBeCut) {
        int len = b.length;
        for (int drop = 0; drop <= (mayBeCut ? 3 : 0) && drop <= len; drop++) {
            CharsetDecoder d = cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
            try {
                return d.decode(ByteBuffer.wrap(b, 0, len - drop)).toString();
            } catch (CharacterCodingException e) {
                // try a shorter tail
            }
        }
        return null;
    }
}
