package dev.newsflow.fetcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.fetcher.http.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The series the alerts take increase() of exist at 0 for every tracked source; source labels stay a closed set. */
class FetcherMetricsTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final FetcherMetrics metrics = new FetcherMetrics(meters, () -> 0, () -> 0, () -> 1);

    private Map<String, Double> deadLetters(String source) {
        return meters.find("news.fetch.dead.letters").tag("source", source).counters().stream()
                .collect(Collectors.toMap(c -> c.getId().getTag("reason"), Counter::count));
    }

    @Test
    void shouldRegisterDeadLettersByReasonAndPublishedPagesAtZeroForATrackedSource() {
        metrics.trackSource("daily", Duration.ofMinutes(5));
        assertThat(deadLetters("daily")).containsEntry("not-found", 0.0).containsEntry("server-error", 0.0)
                .containsEntry("robots-denied", 0.0).doesNotContainKeys("ok", "not-modified", "truncated", "unknown-source");
        assertThat(deadLetters("daily").values()).containsOnly(0.0);
        assertThat(meters.counter("news.fetch.pages.published", "source", "daily", "truncated", "false").count()).isZero();
        assertThat(deadLetters("unknown")).containsOnly(Map.entry("unknown-source", 0.0), Map.entry("bad-request", 0.0));
    }

    @Test
    void shouldCountADeadLetterOfAnUnconfiguredSourceAsUnknown() {
        metrics.trackSource("daily", Duration.ofMinutes(5));
        metrics.deadLetter("daily", Outcome.NOT_FOUND.label());
        metrics.deadLetter("removed-yesterday", Outcome.UNKNOWN_SOURCE.label());
        assertThat(deadLetters("daily")).containsEntry("not-found", 1.0);
        assertThat(deadLetters("unknown")).containsEntry("unknown-source", 1.0);
        assertThat(meters.find("news.fetch.dead.letters").tag("source", "removed-yesterday").counters()).isEmpty();
    }

    @Test
    void shouldRemoveTheSeriesOfAnUntrackedSource() {
        metrics.trackSource("daily", Duration.ofMinutes(5));
        metrics.untrackSource("daily");
        assertThat(meters.find("news.fetch.dead.letters").tag("source", "daily").counters()).isEmpty();
        assertThat(meters.find("news.source.schedule").tag("source", "daily").gauges()).isEmpty();
    }
}
