package dev.newsflow.processor.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.common.sources.SourcesConfig;
import dev.newsflow.common.sources.SourcesLoader;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LastArticleGaugesTest {
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final AtomicReference<SourcesConfig> sources = new AtomicReference<>(sources("a", "b"));

    private static SourcesConfig sources(String... ids) {
        StringBuilder yaml = new StringBuilder("sources:\n");
        for (String id : ids) {
            boolean disabled = id.startsWith("off-");
            yaml.append("  - id: ").append(id).append("\n    hosts: [www.").append(id).append(".example]\n")
                    .append("    feeds: [https://www.").append(id).append(".example/rss]\n")
                    .append(disabled ? "    enabled: false\n" : "");
        }
        return SourcesLoader.parse("sources.yml", yaml.toString()).orThrow();
    }

    private LastArticleGauges gauges() {
        return new LastArticleGauges(meters, new SourceLabels(sources::get), clock::get);
    }

    private Double seconds(String source) {
        Gauge g = meters.find(LastArticleGauges.NAME).tag("source", source).gauge();
        return g == null ? null : g.value();
    }

    @Test
    void shouldStartEachEnabledSourceAtTheTimeTrackingBegan() {
        sources.set(sources("a", "off-c"));
        gauges();
        assertThat(seconds("a")).isEqualTo(1_000.0);
        assertThat(seconds("off-c")).as("disabled source").isNull();
    }

    @Test
    void shouldKeepTheLatestNewArticleTimeAndIgnoreUntrackedSources() {
        LastArticleGauges g = gauges();
        clock.set(5_000_000);
        g.newArticle("a");
        clock.set(4_000_000);    // an earlier clock reading (another thread) must not move it back
        g.newArticle("a");
        g.newArticle(SourceLabels.UNKNOWN);
        assertThat(seconds("a")).isEqualTo(5_000.0);
        assertThat(seconds("b")).isEqualTo(1_000.0);
        assertThat(seconds(SourceLabels.UNKNOWN)).isNull();
    }

    @Test
    void shouldHoldTheMaximumWhenManyThreadsRecordAtOnce() throws Exception {
        AtomicLong ticking = new AtomicLong(2_000_000);
        LastArticleGauges shared = new LastArticleGauges(meters, new SourceLabels(sources::get), ticking::incrementAndGet);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < 20_000; i++) {
                    shared.newArticle(i % 2 == 0 ? "a" : "b");
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        // the last clock reading of all is the maximum, and it belongs to one of the two sources
        assertThat(Math.max(seconds("a"), seconds("b"))).isEqualTo(ticking.get() / 1000.0);
        assertThat(Math.min(seconds("a"), seconds("b"))).isGreaterThan(ticking.get() / 1000.0 - 1);
    }

    @Test
    void shouldFollowReloadsOfTheSourcesFile() {
        LastArticleGauges g = gauges();
        clock.set(7_000_000);
        sources.set(sources("a", "new", "off-b"));
        g.newArticle("a");
        assertThat(seconds("new")).as("added: starts at the reload").isEqualTo(7_000.0);
        assertThat(seconds("b")).as("disabled: series removed").isNull();
        assertThat(seconds("a")).isEqualTo(7_000.0);
    }

    @Test
    void aTopologyBuiltAgainOnTheSameRegistryShouldTakeTheSeriesOver() {
        gauges();
        clock.set(9_000_000);
        LastArticleGauges second = gauges();
        clock.set(9_500_000);
        second.newArticle("a");
        assertThat(seconds("a")).isEqualTo(9_500.0);
        assertThat(meters.find(LastArticleGauges.NAME).tag("source", "a").gauges()).hasSize(1);
    }
}
