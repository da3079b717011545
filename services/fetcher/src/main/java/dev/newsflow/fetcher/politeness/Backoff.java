package dev.newsflow.fetcher.politeness;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: attempt n waits a random time in [base·2ⁿ⁻¹/2, base·2ⁿ⁻¹],
 * capped at {@code max}. Half the window is kept so retries never collapse to zero delay.
 */
public record Backoff(Duration initial, Duration max) {

    public Duration delay(int attempt) {
        return delay(attempt, ThreadLocalRandom.current().nextDouble());
    }

    /** Deterministic variant for tests: {@code random} in [0, 1). */
    public Duration delay(int attempt, double random) {
        int exp = Math.max(0, Math.min(attempt - 1, 30));
        double ceiling = Math.min((double) max.toMillis(), initial.toMillis() * Math.pow(2, exp));
        long millis = (long) (ceiling / 2 + ceiling / 2 * random);
        return Duration.ofMillis(Math.max(1, millis));
    }
}
