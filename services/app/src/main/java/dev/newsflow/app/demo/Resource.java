package dev.newsflow.app.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * One rendered response of the demo site: status, type, body and validators. The ETag is weak because the
 * same entity is also sent gzip-encoded; Last-Modified is whole seconds, as HTTP dates are.
 */
record Resource(int status, String contentType, byte[] body, Instant lastModified, String etag) {

    static Resource of(int status, String contentType, String body, Instant lastModified) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return new Resource(status, contentType, bytes,
                lastModified == null ? null : lastModified.truncatedTo(ChronoUnit.SECONDS), status == 200 ? etag(bytes) : null);
    }

    static Resource html(String body, Instant lastModified) {
        return of(200, "text/html; charset=utf-8", body, lastModified);
    }

    static Resource notFound(String body) {
        return of(404, "text/html; charset=utf-8", body, null);
    }

    private static String etag(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return "W/\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
