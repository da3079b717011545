package dev.newsflow.fetcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.avro.DeadLetter;
import dev.newsflow.avro.RawPage;
import dev.newsflow.testkit.KafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("integration")
@Timeout(120)
class FetcherPolitenessIT {
    @RegisterExtension
    static KafkaBroker kafka = new KafkaBroker();

    TestSite site;
    FetcherHarness h;
    SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void setUp() throws Exception {
        site = new TestSite();
        h = new FetcherHarness(kafka);
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
        site.close();
    }

    private void oneFeedSource(String politeness, String... paths) throws Exception {
        String[] links = java.util.Arrays.stream(paths).map(p -> site.base() + p).toArray(String[]::new);
        site.page("/feed.xml", "application/rss+xml", TestSite.rss(links));
        h.sources("sources:\n  - id: polite\n    hosts: [127.0.0.1]\n    allow-private-network: true\n    schedule: {every: 1h}\n"
                + "    politeness: " + politeness + "\n    feeds: [" + site.base() + "/feed.xml]\n");
    }

    @Test
    void shouldHonourRobotsDisallowAndCrawlDelay() throws Exception {
        site.page("/robots.txt", "text/plain", "User-agent: *\nDisallow: /private/\nCrawl-delay: 1\n");
        site.html("/ok/1", "1").html("/ok/2", "2").html("/ok/3", "3").html("/private/1", "secret");
        oneFeedSource("{min-delay: 0ms, max-concurrency: 1}", "/ok/1", "/ok/2", "/private/1", "/ok/3");
        FetcherService f = h.start(FetcherHarness.config(h.baseConfig("a", "")), meters);
        await().atMost(Duration.ofSeconds(60)).until(() -> f.isIdle() && f.stats().pagesFetched() == 3);

        assertThat(site.hits("/private/1")).isEmpty();
        assertThat(h.rawPages()).extracting(p -> p.getRequestedUrl().toString()).doesNotContain(site.base() + "/private/1").hasSize(3);
        List<DeadLetter> dl = h.deadLetters();
        assertThat(dl).singleElement().satisfies(d -> {
            assertThat(d.getReason().toString()).isEqualTo("robots-denied");
            assertThat(d.getStage().toString()).isEqualTo("fetch");
            assertThat(d.getUrl().toString()).isEqualTo(site.base() + "/private/1");
        });
        assertThat(FetcherHarness.count(meters, "news.fetch.robots.denied", "source", "polite")).isEqualTo(1);
        assertThat(f.stats().pagesFailed()).isEqualTo(1);
        List<TestSite.Hit> pageHits = site.hits.stream().filter(x -> x.path().startsWith("/ok/") || x.path().equals("/feed.xml"))
                .sorted(Comparator.comparingLong(TestSite.Hit::startNanos)).toList();
        for (int i = 1; i < pageHits.size(); i++) {
            assertThat(pageHits.get(i).startNanos() - pageHits.get(i - 1).startNanos()).as("gap before " + pageHits.get(i).path())
                    .isGreaterThanOrEqualTo(Duration.ofMillis(950).toNanos());
        }
        assertThat(site.hits("/robots.txt")).hasSize(1); // cached
    }

    @Test
    void shouldCheckRobotsOfACrossHostRedirectTarget() throws Exception {
        try (TestSite other = new TestSite()) {
            other.page("/robots.txt", "text/plain", "User-agent: newsflow\nDisallow: /\n");
            other.html("/target", "T");
            site.on("/hop", ex -> {
                ex.getResponseHeaders().set("Location", other.base("other.test") + "/target");
                TestSite.send(ex, 301, "text/plain", "");
            });
            oneFeedSource("{min-delay: 0ms}", "/hop");
            FetcherService f = h.start(FetcherHarness.config(h.baseConfig("a", "resolve: {other.test: 127.0.0.1}\n")), meters);
            await().atMost(Duration.ofSeconds(60)).until(() -> f.isIdle() && f.stats().pagesFailed() == 1);
            assertThat(other.hits("/target")).isEmpty();
            assertThat(other.hits("/robots.txt")).hasSize(1);
            assertThat(h.deadLetters()).singleElement().satisfies(d -> assertThat(d.getReason().toString()).isEqualTo("robots-denied"));
            assertThat(FetcherHarness.count(meters, "news.fetch.robots.denied", "source", "polite")).isEqualTo(1);
            assertThat(h.rawPages()).isEmpty();
        }
    }

    @Test
    void shouldWaitForRetryAfterThenSucceed() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        site.on("/limited", ex -> {
            if (calls.getAndIncrement() == 0) {
                ex.getResponseHeaders().set("Retry-After", "2");
                TestSite.send(ex, 429, "text/plain", "slow down");
            } else {
                TestSite.send(ex, 200, "text/html", "<html><title>ok</title></html>");
            }
        });
        oneFeedSource("{min-delay: 0ms, respect-robots: false}", "/limited");
        FetcherService f = h.start(FetcherHarness.config(h.baseConfig("a", "")), meters);
        await().atMost(Duration.ofSeconds(60)).until(() -> f.isIdle() && f.stats().pagesFetched() == 1);
        List<TestSite.Hit> hits = site.hits("/limited");
        assertThat(hits).hasSize(2);
        assertThat(hits.get(1).startNanos() - hits.get(0).endNanos()).isGreaterThanOrEqualTo(Duration.ofMillis(1900).toNanos());
        assertThat(h.rawPages()).hasSize(1);
        assertThat(h.deadLetters()).isEmpty();
        assertThat(FetcherHarness.count(meters, "news.fetch.requests", "kind", "page", "outcome", "rate-limited")).isEqualTo(1);
        assertThat(FetcherHarness.count(meters, "news.fetch.retries", "source", "polite")).isEqualTo(1);
    }

    @Test
    void shouldOpenTheCircuitAfterRepeatedFailuresAndDeadLetterEveryPage() throws Exception {
        site.on("/down/", ex -> TestSite.send(ex, 500, "text/plain", "boom"));
        oneFeedSource("{min-delay: 0ms, respect-robots: false}", "/down/1", "/down/2", "/down/3", "/down/4", "/down/5");
        FetcherService f = h.start(FetcherHarness.config(h.baseConfig("a", "politeness: {max-retries: 0, backoff-initial: 50ms, "
                + "backoff-max: 100ms, circuit-breaker-failures: 3, circuit-breaker-open-for: 2s}\n")), meters);
        await().atMost(Duration.ofSeconds(30)).until(() -> FetcherHarness.gauge(meters, "news.fetch.circuit.open") == 1.0);
        await().atMost(Duration.ofSeconds(60)).until(() -> f.isIdle() && f.stats().pagesFailed() == 5);
        assertThat(FetcherHarness.count(meters, "news.fetch.circuit.opened", "source", "polite")).isGreaterThanOrEqualTo(1);
        assertThat(h.deadLetters()).hasSize(5).allSatisfy(d -> assertThat(d.getReason().toString()).isEqualTo("server-error"));
        assertThat(FetcherHarness.count(meters, "news.fetch.dead.letters", "reason", "server-error")).isEqualTo(5);
        assertThat(FetcherHarness.gauge(meters, "news.source.consecutive.failures", "source", "polite")).isEqualTo(5.0);
        assertThat(h.rawPages()).isEmpty();
    }

    @Test
    void shouldKeepOneConnectionPerHostByDefault() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        site.on("/c/", ex -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            TestSite.send(ex, 200, "text/html", "<html><title>c</title></html>");
        });
        oneFeedSource("{min-delay: 0ms, respect-robots: false}", "/c/1", "/c/2", "/c/3", "/c/4", "/c/5", "/c/6");
        FetcherService f = h.start(FetcherHarness.config(h.baseConfig("a", "worker-threads: 6\n")), meters);
        await().atMost(Duration.ofSeconds(60)).until(() -> f.isIdle() && f.stats().pagesFetched() == 6);
        assertThat(maxInFlight.get()).isEqualTo(1);
        List<RawPage> pages = h.rawPages();
        assertThat(pages).hasSize(6);
    }
}
