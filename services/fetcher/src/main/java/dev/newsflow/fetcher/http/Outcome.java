package dev.newsflow.fetcher.http;

import java.util.Locale;

/**
 * Closed set of fetch outcomes: the {@code outcome} label of {@code news.fetch.requests} and the
 * {@code reason} of fetch dead letters.
 */
public enum Outcome {
    OK(false),
    NOT_MODIFIED(false),
    TRUNCATED(false),
    CLIENT_ERROR(false),
    NOT_FOUND(false),
    SERVER_ERROR(true),
    RATE_LIMITED(true),
    TIMEOUT(true),
    IO_ERROR(true),
    DNS_ERROR(true),
    BLOCKED_ADDRESS(false),
    ROBOTS_DENIED(false),
    REDIRECT_LOOP(false),
    TOO_MANY_REDIRECTS(false),
    BAD_REDIRECT(false),
    CONTENT_TYPE(false),
    TOO_LARGE(false),
    DECOMPRESSION_BOMB(false),
    UNSUPPORTED_ENCODING(false),
    PROTOCOL_ERROR(false),
    CIRCUIT_OPEN(true),
    UNKNOWN_SOURCE(false),
    BAD_REQUEST(false);

    private final boolean transientFailure;

    Outcome(boolean transientFailure) {
        this.transientFailure = transientFailure;
    }

    /** Worth retrying after a backoff. */
    public boolean isTransient() {
        return transientFailure;
    }

    /** Lower-case, dash-separated label (e.g. {@code rate-limited}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
