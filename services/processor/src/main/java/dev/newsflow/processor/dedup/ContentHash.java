package dev.newsflow.processor.dedup;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** SHA-256 of a body normalized for comparison: case folded, punctuation and whitespace runs collapsed. */
public final class ContentHash {
    private ContentHash() {
    }

    public static String of(String body) {
        String normalized = body.toLowerCase(Locale.ROOT).replaceAll("[\\p{Punct}\\s\\p{Z}]+", " ").trim();
        return sha256Hex(normalized);
    }

    public static String sha256Hex(String s) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(md.digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Deterministic article id for a story key: the first 128 bits of its SHA-256, in hex. */
    public static String articleId(String storyKey) {
        return sha256Hex("story:" + storyKey).substring(0, 32);
    }
}
