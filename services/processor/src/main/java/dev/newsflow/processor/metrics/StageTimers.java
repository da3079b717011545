package dev.newsflow.processor.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * {@code news.stage.duration{stage}}: elapsed time of one record in a processor stage. Every stage gets the same
 * fixed buckets, so that their latencies compare on one panel (a full percentile histogram per stage would be
 * hundreds of series for a few quantiles).
 */
public final class StageTimers {
    public static final String NAME = "news.stage.duration";

    private static final Duration[] BUCKETS = {Duration.ofNanos(50_000), Duration.ofNanos(100_000), Duration.ofNanos(250_000),
        Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofNanos(2_500_000), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private StageTimers() {
    }

    /** The timer of {@code stage} (registered once per registry; later calls return the same timer). */
    public static Timer of(MeterRegistry meters, String stage) {
        return Timer.builder(NAME).description("Processing time of one record in a processor stage").tag("stage", stage)
                .serviceLevelObjectives(BUCKETS).register(meters);
    }
}
