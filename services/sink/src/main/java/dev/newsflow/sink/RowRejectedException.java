package dev.newsflow.sink;

/** A record the sink refuses before it reaches the database (e.g. a text longer than max-text-length). */
public final class RowRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String reason;

    public RowRejectedException(String reason, String message) {
        super(message);
        this.reason = reason;
    }

    /** Closed-set reason class for the dead letter and the metric. */
    public String reason() {
        return reason;
    }
}
