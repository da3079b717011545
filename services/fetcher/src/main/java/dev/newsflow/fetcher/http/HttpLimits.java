package dev.newsflow.fetcher.http;

import java.time.Duration;

/**
 * Bounds of one HTTP exchange.
 *
 * @param connectTimeout  TCP (and TLS) connect timeout
 * @param readTimeout     longest silence between two reads
 * @param totalTimeout    whole exchange including body; a server that trickles bytes is cut here
 * @param maxBodyBytes    decoded body cap
 * @param truncateOversize true: keep the first {@code maxBodyBytes} and mark truncated; false: fail with too-large
 * @param maxRedirects    redirects followed at most
 */
public record HttpLimits(Duration connectTimeout, Duration readTimeout, Duration totalTimeout, long maxBodyBytes,
                         boolean truncateOversize, int maxRedirects) {
    /** Headers larger than this are a protocol error (no legitimate site sends more). */
    public static final int MAX_HEADER_BYTES = 64 * 1024;
    /** Compressed-to-decoded ratio above which an oversize body is treated as a decompression bomb. */
    public static final int BOMB_RATIO = 100;
}
