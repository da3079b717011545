package dev.newsflow.fetcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.avro.DeadLetter;
import dev.newsflow.testkit.KafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SSRF protection against real sockets: private addresses are refused unless a source allows them; metadata never. */
@Tag("integration")
@Timeout(120)
class FetcherSafetyIT {
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

    @Test
    void shouldRefuseLoopbackAndResolvedPrivateHostsWithoutAllowPrivateNetwork() throws Exception {
        site.page("/feed.xml", "application/rss+xml", TestSite.rss(site.base() + "/a"));
        site.html("/a", "A");
        h.sources("sources:\n"
                + "  - id: direct\n    hosts: [127.0.0.1]\n    schedule: {every: 1h}\n    feeds: [" + site.base() + "/feed.xml]\n"
                + "  - id: named\n    hosts: [intranet.test]\n    schedule: {every: 1h}\n    feeds: [" + site.base("intranet.test") + "/feed.xml]\n");
        FetcherService f = h.start(FetcherHarness.config(h.baseConfig("a", "resolve: {intranet.test: 127.0.0.1}\n")), meters);
        await().atMost(Duration.ofSeconds(60)).until(f::isIdle);

        assertThat(site.hits).isEmpty(); // not a single byte reached the loopback server
        assertThat(FetcherHarness.count(meters, "news.fetch.requests", "outcome", "blocked-address", "source", "direct")).isPositive();
        assertThat(FetcherHarness.count(meters, "news.fetch.requests", "outcome", "blocked-address", "source", "named")).isPositive();
        assertThat(FetcherHarness.gauge(meters, "news.source.consecutive.failures", "source", "direct")).isPositive();
        assertThat(h.rawPages()).isEmpty();
    }

    @Test
    void shouldRefuseMetadataAddressesAndRedirectsIntoThemEvenWhenPrivateNetworksAreAllowed() throws Exception {
        site.on("/to-metadata", ex -> {
            ex.getResponseHeaders().set("Location", "http://169.254.169.254/latest/meta-data/iam/");
            TestSite.send(ex, 302, "text/plain", "");
        });
        site.on("/to-metadata-by-name", ex -> {
            ex.getResponseHeaders().set("Location", "http://metadata.test/computeMetadata/v1/");
            TestSite.send(ex, 301, "text/plain", "");
        });
        site.page("/feed.xml", "application/rss+xml", TestSite.rss(site.base() + "/to-metadata", site.base() + "/to-metadata-by-name",
                "http://169.254.169.254/latest/meta-data/", "http://[::ffff:169.254.169.254]/latest/"));
        h.sources("sources:\n  - id: local\n    hosts: [127.0.0.1]\n    allow-private-network: true\n    schedule: {every: 1h}\n"
                + "    politeness: {min-delay: 0ms, respect-robots: false}\n    feeds: [" + site.base() + "/feed.xml]\n");
        FetcherService f = h.start(FetcherHarness.config(h.baseConfig("a", "resolve: {metadata.test: 169.254.169.254}\n")), meters);
        await().atMost(Duration.ofSeconds(60)).until(() -> f.isIdle() && f.stats().pagesFailed() == 4);

        List<DeadLetter> dls = h.deadLetters();
        assertThat(dls).hasSize(4).allSatisfy(d -> assertThat(d.getReason().toString()).isEqualTo("blocked-address"));
        assertThat(site.hits("/to-metadata")).hasSize(1);
        assertThat(FetcherHarness.count(meters, "news.fetch.dead.letters", "reason", "blocked-address")).isEqualTo(4);
        assertThat(h.rawPages()).isEmpty();
    }
}
