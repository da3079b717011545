package dev.newsflow.fetcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.newsflow.common.config.ConfigException;
import dev.newsflow.testkit.KafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Sources added, changed and removed while running; an invalid edit keeps the last good configuration. */
@Tag("integration")
@Timeout(120)
class FetcherReloadIT {
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

    private String src(String id, String feedPath) {
        String host = id + ".test";
        return "  - id: " + id + "\n    hosts: [" + host + "]\n    allow-private-network: true\n    schedule: {every: 1h}\n"
                + "    politeness: {min-delay: 0ms, respect-robots: false}\n    feeds: [" + site.base(host) + feedPath + "]\n";
    }

    @Test
    void shouldPickUpAnAddedSourceAndKeepTheLastGoodConfigOnAnInvalidEdit() throws Exception {
        site.page("/one.xml", "application/rss+xml", TestSite.rss(site.base("one.test") + "/p/1"));
        site.page("/two.xml", "application/rss+xml", TestSite.rss(site.base("two.test") + "/p/2"));
        site.html("/p/1", "1").html("/p/2", "2");
        h.sources("sources:\n" + src("one", "/one.xml"));
        FetcherService f = h.start(FetcherHarness.config(h.baseConfig("a", "resolve: {one.test: 127.0.0.1, two.test: 127.0.0.1}\n")), meters);
        await().atMost(Duration.ofSeconds(60)).until(() -> f.isIdle() && f.stats().pagesFetched() == 1);

        h.sources("sources:\n" + src("one", "/one.xml") + src("two", "/two.xml"));
        await().atMost(Duration.ofSeconds(30)).until(() -> f.stats().pagesFetched() == 2);
        assertThat(f.sources().byId("two")).isPresent();
        assertThat(FetcherHarness.count(meters, "news.sources.reloads", "outcome", "ok")).isEqualTo(1);

        h.sources("sources:\n" + src("one", "/one.xml") + "  - id: Bad Id\n    hosts: [bad.test]\n");
        await().atMost(Duration.ofSeconds(30)).until(() -> FetcherHarness.count(meters, "news.sources.reloads", "outcome", "invalid") == 1);
        assertThat(f.sources().all()).extracting(s -> s.id()).containsExactly("one", "two");

        h.sources("sources:\n" + src("one", "/one.xml"));
        await().atMost(Duration.ofSeconds(30)).until(() -> f.sources().byId("two").isEmpty());
        assertThat(FetcherHarness.meters(meters, "news.source.last.success")).extracting(m -> m.getId().getTag("source")).containsExactly("one");
        assertThat(h.rawPages()).hasSize(2);

        // a changed source (another feed) is polled at once, although its schedule (1h) is not due
        site.page("/one-b.xml", "application/rss+xml", TestSite.rss(site.base("one.test") + "/p/3"));
        site.html("/p/3", "3");
        h.sources("sources:\n" + src("one", "/one-b.xml"));
        await().atMost(Duration.ofSeconds(30)).until(() -> f.stats().pagesFetched() == 3);
        assertThat(site.hits("/one-b.xml")).hasSize(1);
        assertThat(h.rawPages()).extracting(p -> p.getRequestedUrl().toString()).containsExactlyInAnyOrder(
                site.base("one.test") + "/p/1", site.base("two.test") + "/p/2", site.base("one.test") + "/p/3");
    }

    @Test
    void shouldRefuseToStartOnAnInvalidSourcesFileListingEveryProblem() throws Exception {
        h.sources("sources:\n  - id: Bad Id\n    hosts: ['http://x']\n  - id: ok\n    hosts: [a.example]\n    feeds: [ftp://a.example/f]\n");
        assertThatThrownBy(() -> new FetcherService(FetcherConfig.defaults(), h.context(meters)))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSizeGreaterThanOrEqualTo(3)
                        .allSatisfy(p -> assertThat(p.line()).isPositive()));
    }
}
