package dev.newsflow.common.dlq;

import dev.newsflow.avro.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;

/**
 * Builds dead-letter records. The envelope carries the reason and original bytes; the same facts go into
 * {@code nf.dlq.*} headers so tools that don't decode Avro can still route and count them.
 */
public final class DeadLetters {
    public static final String HEADER_PREFIX = "nf.dlq.";

    private DeadLetters() {
    }

    /** Starts an envelope for a failure at {@code stage} with closed-set {@code reason} and a readable message. */
    public static DeadLetter.Builder of(String stage, String reason, String message, Instant at) {
        return DeadLetter.newBuilder().setStage(stage).setReason(reason).setMessage(abbreviate(message, 2000))
                .setFailedAt(at);
    }

    public static DeadLetter.Builder fromException(String stage, String reason, Throwable e, Instant at) {
        return of(stage, reason, e.getClass().getSimpleName() + ": " + String.valueOf(e.getMessage()), at)
                .setExceptionClass(e.getClass().getName());
    }

    public static void addHeaders(Headers headers, DeadLetter dl) {
        put(headers, "stage", dl.getStage());
        put(headers, "reason", dl.getReason());
        put(headers, "message", dl.getMessage());
        put(headers, "exception", dl.getExceptionClass());
        put(headers, "topic", dl.getSourceTopic());
        put(headers, "partition", dl.getSourcePartition() == null ? null : dl.getSourcePartition().toString());
        put(headers, "offset", dl.getSourceOffset() == null ? null : dl.getSourceOffset().toString());
    }

    private static void put(Headers headers, String name, String value) {
        if (value != null) {
            headers.remove(HEADER_PREFIX + name);
            headers.add(HEADER_PREFIX + name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    public static String abbreviate(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }
}
