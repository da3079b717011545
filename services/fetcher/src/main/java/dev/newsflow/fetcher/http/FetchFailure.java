package dev.newsflow.fetcher.http;

import java.io.IOException;

/** A fetch that ended without a usable response; {@link #outcome()} says why, from a closed set. */
public final class FetchFailure extends IOException {
    private static final long serialVersionUID = 1L;
    private final Outcome outcome;

    public FetchFailure(Outcome outcome, String message) {
        super(message);
        this.outcome = outcome;
    }

    public FetchFailure(Outcome outcome, String message, Throwable cause) {
        super(message, cause);
        this.outcome = outcome;
    }

    public Outcome outcome() {
        return outcome;
    }
}
