package dev.newsflow.fetcher.politeness;

import static org.assertj.core.api.Assertions.assertThat;

import crawlercommons.robots.BaseRobotRules;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PolitenessTest {

    /** A clock tests move by hand. */
    static final class ManualClock extends Clock {
        final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-25T10:00:00Z"));

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now.get();
        }

        void advance(Duration d) {
            now.updateAndGet(i -> i.plus(d));
        }
    }

    @Test
    void shouldGrowBackoffExponentiallyWithJitterAndACap() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));
        assertThat(b.delay(1, 0.0)).isEqualTo(Duration.ofMillis(500));
        assertThat(b.delay(1, 0.999)).isLessThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(b.delay(3, 0.0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(b.delay(20, 0.999)).isLessThanOrEqualTo(Duration.ofSeconds(30)).isGreaterThanOrEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void shouldSpaceRequestsPerHostAndAllowOtherHostsMeanwhile() throws Exception {
        ManualClock clock = new ManualClock();
        HostScheduler<String> s = new HostScheduler<>(clock, new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1)), 3, Duration.ofMinutes(5));
        HostScheduler.Rules rules = new HostScheduler.Rules(Duration.ofSeconds(2), 1);
        s.submit("a", rules, "a1");
        s.submit("a", rules, "a2");
        s.submit("b", rules, "b1");
        assertThat(s.take(Duration.ZERO).map(HostScheduler.Lease::task)).contains("a1");
        assertThat(s.take(Duration.ZERO).map(HostScheduler.Lease::task)).contains("b1");
        assertThat(s.take(Duration.ofMillis(20))).isEmpty(); // a is busy
        s.complete("a", HostScheduler.Result.SUCCESS, null);
        assertThat(s.take(Duration.ofMillis(20))).isEmpty(); // a must wait its min-delay
        clock.advance(Duration.ofSeconds(2));
        assertThat(s.take(Duration.ofMillis(50)).map(HostScheduler.Lease::task)).contains("a2");
    }

    @Test
    void shouldHonourRetryAfterAndOpenTheCircuitAfterRepeatedFailures() throws Exception {
        ManualClock clock = new ManualClock();
        HostScheduler<String> s = new HostScheduler<>(clock, new Backoff(Duration.ofMillis(10), Duration.ofMillis(10)), 2, Duration.ofMinutes(5));
        HostScheduler.Rules rules = new HostScheduler.Rules(Duration.ZERO, 1);
        s.submit("h", rules, "1");
        s.take(Duration.ZERO);
        s.complete("h", HostScheduler.Result.FAILURE, Duration.ofSeconds(30));
        s.submit("h", rules, "2");
        assertThat(s.take(Duration.ofMillis(20))).isEmpty();
        clock.advance(Duration.ofSeconds(31));
        assertThat(s.take(Duration.ofMillis(50))).isPresent();
        assertThat(s.complete("h", HostScheduler.Result.FAILURE, null)).isTrue();
        assertThat(s.openCircuits()).isEqualTo(1);
        s.submit("h", rules, "3");
        clock.advance(Duration.ofMinutes(1));
        assertThat(s.take(Duration.ofMillis(20))).isEmpty();
        clock.advance(Duration.ofMinutes(5));
        assertThat(s.take(Duration.ofMillis(50))).isPresent(); // half-open probe
        s.complete("h", HostScheduler.Result.SUCCESS, null);
        assertThat(s.openCircuits()).isZero();
        assertThat(s.size()).isZero();
    }

    /** Before 2026-11-27 a host whose last request failed stayed in memory (and in the scan of every take) forever. */
    @Test
    void shouldForgetFailingHostsNobodyAsksForAnyMore() throws Exception {
        ManualClock clock = new ManualClock();
        HostScheduler<String> s = new HostScheduler<>(clock, new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1)), 2, Duration.ofMinutes(5));
        HostScheduler.Rules rules = new HostScheduler.Rules(Duration.ZERO, 1);
        for (int i = 0; i < 100; i++) { // 100 dead hosts, each failing twice: circuits open
            String host = "dead" + i;
            for (int attempt = 0; attempt < 2; attempt++) {
                s.submit(host, rules, host + "/" + attempt);
                clock.advance(Duration.ofMinutes(2));
                assertThat(s.take(Duration.ofMillis(50))).isPresent();
                s.complete(host, HostScheduler.Result.FAILURE, null);
            }
        }
        s.submit("live", rules, "live/1");
        assertThat(s.take(Duration.ofMillis(50))).isPresent();
        s.complete("live", HostScheduler.Result.SUCCESS, null);
        assertThat(s.openCircuits()).isEqualTo(3); // the last hosts' circuits are still within their 5 minutes
        clock.advance(Duration.ofMinutes(11)); // past every pause and circuit, plus 5 minutes
        assertThat(s.take(Duration.ZERO)).isEmpty();
        assertThat(s.trackedHosts()).isZero();
        assertThat(s.openCircuits()).isZero();
        // asked for again: a fresh start, the circuit opens again after two failures
        s.submit("dead0", rules, "dead0/again");
        assertThat(s.take(Duration.ofMillis(50))).isPresent();
        s.complete("dead0", HostScheduler.Result.FAILURE, null);
        assertThat(s.isCircuitOpen("dead0")).isFalse();
        assertThat(s.consecutiveFailures("dead0")).isEqualTo(1);
    }

    @Test
    void shouldKeepAFailingHostWhileItsPauseOrCircuitMatters() throws Exception {
        ManualClock clock = new ManualClock();
        HostScheduler<String> s = new HostScheduler<>(clock, new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1)), 2, Duration.ofMinutes(5));
        HostScheduler.Rules rules = new HostScheduler.Rules(Duration.ZERO, 1);
        for (int attempt = 0; attempt < 2; attempt++) {
            s.submit("h", rules, "h/" + attempt);
            clock.advance(Duration.ofMinutes(2));
            assertThat(s.take(Duration.ofMillis(50))).isPresent();
            s.complete("h", HostScheduler.Result.FAILURE, null);
        }
        clock.advance(Duration.ofMinutes(9)); // circuit ended 4 minutes ago: still remembered
        assertThat(s.take(Duration.ZERO)).isEmpty();
        assertThat(s.isCircuitOpen("h")).isTrue();
        assertThat(s.trackedHosts()).isEqualTo(1);
    }

    @Test
    void shouldCacheRobotsRulesWithExpiryAndTreatServerErrorsAsDisallowAll() {
        ManualClock clock = new ManualClock();
        RobotsCache cache = new RobotsCache("newsflow", Duration.ofHours(1), Duration.ofMinutes(10), clock);
        BaseRobotRules rules = cache.parsed("https://a.example:443", "https://a.example/robots.txt",
                "User-agent: other\nDisallow: /\n\nUser-agent: newsflow\nDisallow: /private\nCrawl-delay: 3\nSitemap: https://a.example/s.xml\n"
                        .getBytes(StandardCharsets.UTF_8), "text/plain");
        assertThat(rules.isAllowed("https://a.example/news/1")).isTrue();
        assertThat(rules.isAllowed("https://a.example/private/1")).isFalse();
        assertThat(rules.getCrawlDelay()).isEqualTo(3000);
        assertThat(rules.getSitemaps()).containsExactly("https://a.example/s.xml");
        assertThat(cache.get("https://a.example:443")).isSameAs(rules);
        clock.advance(Duration.ofHours(2));
        assertThat(cache.get("https://a.example:443")).isNull();
        assertThat(cache.failed("https://b.example:443", 503).isAllowNone()).isTrue();
        assertThat(cache.failed("https://c.example:443", 404).isAllowAll()).isTrue();
    }

    @Test
    void shouldDropExpiredRobotsEntriesFromMemory() {
        ManualClock clock = new ManualClock();
        RobotsCache cache = new RobotsCache("newsflow", Duration.ofHours(1), Duration.ofMinutes(10), clock);
        for (int i = 0; i < 1_000; i++) {
            cache.failed("https://o" + i + ".example:443", 404);
        }
        assertThat(cache.size()).isEqualTo(1_000);
        clock.advance(Duration.ofHours(2));
        cache.failed("https://new.example:443", 503);
        assertThat(cache.size()).isEqualTo(1);
        assertThat(cache.get("https://new.example:443")).isNotNull();
    }
}
