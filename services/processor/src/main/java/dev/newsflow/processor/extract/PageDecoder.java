package dev.newsflow.processor.extract;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Turns raw page bytes into text: charset from the HTTP header, then BOM, then meta, then UTF-8 validity, then windows-1252. */
public final class PageDecoder {
    private static final Pattern META = Pattern.compile("<meta[^>]+charset\\s*=\\s*[\"']?([A-Za-z0-9_:.-]+)", Pattern.CASE_INSENSITIVE);

    private PageDecoder() {
    }

    /** The decoded text and the charset used. */
    public record Decoded(String html, Charset charset, String evidence) {
    }

    public static Decoded decode(byte[] body, String headerCharset) {
        Charset cs = lookup(headerCharset);
        if (cs != null) {
            return new Decoded(new String(body, cs), cs, "header");
        }
        if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            return new Decoded(new String(body, 3, body.length - 3, StandardCharsets.UTF_8), StandardCharsets.UTF_8, "bom");
        }
        String head = new String(body, 0, Math.min(body.length, 4096), StandardCharsets.ISO_8859_1);
        Matcher m = META.matcher(head);
        if (m.find() && lookup(m.group(1)) != null) {
            Charset meta = lookup(m.group(1));
            return new Decoded(new String(body, meta), meta, "meta");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(body)).toString();
            return new Decoded(text, StandardCharsets.UTF_8, "utf8-valid");
        } catch (CharacterCodingException e) {
            Charset fallback = Charset.forName("windows-1252");
            return new Decoded(new String(body, fallback), fallback, "fallback");
        }
    }

    private static Charset lookup(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return Charset.forName(name.trim().toLowerCase(Locale.ROOT));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
