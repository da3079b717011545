package dev.newsflow.fetcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.avro.RawPage;
import dev.newsflow.testkit.KafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("integration")
@Timeout(180)
class FetcherDiscoveryIT {
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

    private String source(String id, String lists, String extra) {
        return "  - id: " + id + "\n    hosts: [127.0.0.1]\n    allow-private-network: true\n"
                + "    politeness: {min-delay: 0ms, max-concurrency: 4, respect-robots: false}\n    schedule: {every: 1s}\n"
                + lists + extra;
    }

    @Test
    void shouldPublishEveryFeedItemOnceAndUseConditionalGet() throws Exception {
        site.on("/feed.xml", ex -> {
            if ("\"v1\"".equals(ex.getRequestHeaders().getFirst("If-None-Match"))) {
                TestSite.send(ex, 304, null, new byte[0]);
                return;
            }
            ex.getResponseHeaders().set("ETag", "\"v1\"");
            TestSite.send(ex, 200, "application/rss+xml", TestSite.rss(site.base() + "/a/1", site.base() + "/a/2", site.base() + "/a/3#frag"));
        });
        IntStream.rangeClosed(1, 3).forEach(i -> site.html("/a/" + i, "Article " + i));
        h.sources("sources:\n" + source("news", "    feeds: [" + site.base() + "/feed.xml]\n", ""));
        FetcherService f = h.start(FetcherHarness.config(h.baseConfig("a", "")), meters);

        await().atMost(Duration.ofSeconds(60)).until(f::isIdle);
        await().atMost(Duration.ofSeconds(10)).until(() -> site.hits("/feed.xml").size() >= 2);

        List<RawPage> pages = h.rawPages();
        assertThat(pages).extracting(p -> p.getRequestedUrl().toString())
                .containsExactlyInAnyOrder(site.base() + "/a/1", site.base() + "/a/2", site.base() + "/a/3");
        RawPage first = pages.stream().filter(p -> p.getRequestedUrl().toString().endsWith("/a/1")).findFirst().orElseThrow();
        assertThat(first.getStatus()).isEqualTo(200);
        assertThat(first.getSourceId().toString()).isEqualTo("news");
        assertThat(first.getHintTitle().toString()).isEqualTo("Item 0");
        assertThat(first.getHintPublishedAt()).isNotNull();
        assertThat(first.getCharset().toString()).isEqualTo("UTF-8");
        assertThat(first.getDiscoveredVia().toString()).isEqualTo(site.base() + "/feed.xml");
        assertThat(site.hits("/feed.xml").get(1).header("If-None-Match")).isEqualTo("\"v1\"");
        assertThat(site.hits("/a/1")).hasSize(1);
        assertThat(f.stats().pagesFetched()).isEqualTo(3);
        assertThat(f.stats().pagesFailed()).isZero();
        assertThat(FetcherHarness.count(meters, "news.fetch.requests", "kind", "page", "outcome", "ok", "source", "news")).isEqualTo(3);
        assertThat(FetcherHarness.count(meters, "news.fetch.requests", "kind", "feed", "outcome", "not-modified")).isPositive();
        assertThat(FetcherHarness.gauge(meters, "news.source.last.success", "source", "news")).isPositive();
        assertThat(FetcherHarness.gauge(meters, "news.source.consecutive.failures", "source", "news")).isZero();
    }

    @Test
    void shouldFollowSitemapIndexIntoNewsSitemapAndTreatAFeedListedAsSitemap() throws Exception {
        site.page("/sitemap-index.xml", "application/xml", "<?xml version=\"1.0\"?><sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                + "<sitemap><loc>" + site.base() + "/news-sitemap.xml</loc><lastmod>2026-11-24</lastmod></sitemap></sitemapindex>");
        site.page("/news-sitemap.xml", "application/xml", "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
                + "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\"><url><loc>" + site.base() + "/n/1</loc><news:news>"
                + "<news:publication><news:name>T</news:name><news:language>en</news:language></news:publication>"
                + "<news:publication_date>2026-11-24T08:00:00Z</news:publication_date><news:title>Sitemap headline</news:title>"
                + "</news:news></url></urlset>");
        site.page("/actually-a-feed.xml", "text/xml", TestSite.rss(site.base() + "/n/2"));
        site.html("/n/1", "One").html("/n/2", "Two");
        h.sources("sources:\n" + source("maps", "    sitemaps: [" + site.base() + "/sitemap-index.xml, " + site.base() + "/actually-a-feed.xml]\n", ""));
        FetcherService f = h.start(FetcherHarness.config(h.baseConfig("a", "")), meters);
        await().atMost(Duration.ofSeconds(60)).until(() -> f.isIdle() && f.stats().pagesFetched() == 2);

        List<RawPage> pages = h.rawPages();
        RawPage one = pages.stream().filter(p -> p.getRequestedUrl().toString().endsWith("/n/1")).findFirst().orElseThrow();
        assertThat(one.getHintTitle().toString()).isEqualTo("Sitemap headline");
        assertThat(one.getHintPublishedAt()).hasToString("2026-11-24T08:00:00Z");
        assertThat(pages).hasSize(2);
        assertThat(FetcherHarness.count(meters, "news.fetch.requests", "kind", "sitemap", "outcome", "ok")).isGreaterThanOrEqualTo(3);
    }

    @Test
    void shouldAutodiscoverFeedsOnSeedPagesAndApplyAllowDeny() throws Exception {
        site.page("/section", "text/html", "<html><head><link rel=\"alternate\" type=\"application/rss+xml\" href=\"/auto.rss\"></head><body>"
                + "<a href=\"/story/1\">s1</a><a href=\"/story/2?utm_source=x\">s2</a><a href=\"/about\">about</a>"
                + "<a href=\"/story/ad-1\">ad</a><a href=\"http://elsewhere.example/story/9\">x</a></body></html>");
        site.page("/auto.rss", "application/rss+xml", TestSite.rss(site.base() + "/feed-story"));
        site.html("/story/1", "S1").html("/story/2", "S2").html("/feed-story", "F");
        h.sources("sources:\n" + source("seeded", "    seeds: [" + site.base() + "/section]\n",
                "    allow: ['/story/']\n    deny: ['/story/ad-']\n"));
        FetcherService f = h.start(FetcherHarness.config(h.baseConfig("a", "")), meters);
        await().atMost(Duration.ofSeconds(60)).until(() -> f.isIdle() && f.stats().pagesFetched() == 3);
        assertThat(h.rawPages()).extracting(p -> p.getRequestedUrl().toString()).containsExactlyInAnyOrder(
                site.base() + "/story/1", site.base() + "/story/2?utm_source=x", site.base() + "/feed-story");
        assertThat(site.hits("/about")).isEmpty();
        assertThat(site.hits("/story/ad-1")).isEmpty();
    }

    @Test
    void shouldPublishNoindexPagesWithTheirRobotsDirectivesAndNotFollowNofollow() throws Exception {
        site.page("/section", "text/html", "<html><body><a href=\"/story/meta\">m</a><a href=\"/story/header\">h</a>"
                + "<a href=\"/story/plain\">p</a><a href=\"/story/nf\" rel=\"nofollow\">nf</a></body></html>");
        site.page("/closed-section", "text/html", "<html><head><meta name=\"robots\" content=\"nofollow\"></head><body>"
                + "<a href=\"/story/hidden\">hidden</a></body></html>");
        site.page("/story/meta", "text/html", "<html><head><meta name=\"robots\" content=\"noindex, nofollow\"><title>M</title></head>"
                + "<body><p>meta noindex</p></body></html>");
        site.on("/story/header", ex -> {
            ex.getResponseHeaders().set("X-Robots-Tag", "noindex, noarchive");
            TestSite.send(ex, 200, "text/html", "<html><head><title>H</title></head><body><p>header noindex</p></body></html>");
        });
        site.html("/story/plain", "P").html("/story/nf", "NF").html("/story/hidden", "Hidden");
        h.sources("sources:\n" + source("robots", "    seeds: [" + site.base() + "/section, " + site.base() + "/closed-section]\n",
                "    allow: ['/story/']\n"));
        FetcherService f = h.start(FetcherHarness.config(h.baseConfig("a", "")), meters);
        await().atMost(Duration.ofSeconds(60)).until(() -> f.isIdle() && f.stats().pagesFetched() == 3);

        List<RawPage> pages = h.rawPages();
        assertThat(pages).extracting(p -> p.getRequestedUrl().toString()).containsExactlyInAnyOrder(
                site.base() + "/story/meta", site.base() + "/story/header", site.base() + "/story/plain");
        Map<String, Map<String, String>> headers = pages.stream().collect(java.util.stream.Collectors.toMap(
                p -> p.getRequestedUrl().toString().substring(site.base().length()),
                p -> p.getHeaders().entrySet().stream().collect(java.util.stream.Collectors.toMap(e -> e.getKey().toString(), e -> e.getValue().toString()))));
        assertThat(headers.get("/story/meta")).containsEntry("meta-robots", "noindex, nofollow").doesNotContainKey("x-robots-tag");
        assertThat(headers.get("/story/header")).containsEntry("x-robots-tag", "noindex, noarchive").doesNotContainKey("meta-robots");
        assertThat(headers.get("/story/plain")).doesNotContainKeys("meta-robots", "x-robots-tag");
        assertThat(FetcherHarness.count(meters, "news.fetch.noindex", "source", "robots")).isEqualTo(2);
        assertThat(site.hits("/story/nf")).as("rel=nofollow link").isEmpty();
        assertThat(site.hits("/story/hidden")).as("link on a meta robots nofollow page").isEmpty();
        assertThat(site.hits("/closed-section")).isNotEmpty();
    }

    @Test
    void shouldFollowRobotsSitemapLinesSendSourceHeadersAndSkipDisabledSources() throws Exception {
        site.page("/robots.txt", "text/plain", "User-agent: *\nAllow: /\nSitemap: " + site.base() + "/from-robots.xml\n");
        site.page("/from-robots.xml", "application/xml", "<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                + "<url><loc>" + site.base() + "/rs/1</loc></url></urlset>");
        site.page("/home", "text/html", "<html><body>no links</body></html>");
        site.html("/rs/1", "From robots").page("/disabled.xml", "application/rss+xml", TestSite.rss(site.base() + "/never"));
        h.sources("sources:\n  - id: keyed\n    hosts: [127.0.0.1]\n    allow-private-network: true\n    schedule: {every: 1h}\n"
                + "    politeness: {min-delay: 0ms}\n    robots-sitemaps: true\n    headers: {X-Api-Key: test-key}\n"
                + "    seeds: [" + site.base() + "/home]\n"
                + "  - id: off\n    enabled: false\n    hosts: [off.test]\n    allow-private-network: true\n    feeds: [" + site.base("off.test")
                + "/disabled.xml]\n");
        FetcherService f = h.start(FetcherHarness.config(h.baseConfig("a", "resolve: {off.test: 127.0.0.1}\n")), meters);
        await().atMost(Duration.ofSeconds(60)).until(() -> f.isIdle() && f.stats().pagesFetched() == 1);
        assertThat(h.rawPages()).singleElement().satisfies(p -> {
            assertThat(p.getRequestedUrl().toString()).isEqualTo(site.base() + "/rs/1");
            assertThat(p.getDiscoveredVia().toString()).isEqualTo(site.base() + "/from-robots.xml");
        });
        assertThat(site.hits("/rs/1")).singleElement().satisfies(hit -> assertThat(hit.header("X-Api-Key")).isEqualTo("test-key"));
        assertThat(site.hits("/disabled.xml")).isEmpty();
        assertThat(f.sources().enabled()).extracting(s -> s.id()).containsExactly("keyed");
    }

    @Test
    void shouldRejectXxeFeedWithoutReadingEntities() throws Exception {
        site.page("/evil.xml", "application/rss+xml", "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">"
                + "<!ENTITY remote SYSTEM \"" + site.base() + "/entity\">]><rss version=\"2.0\"><channel><title>&xxe;&remote;</title>"
                + "<item><title>&xxe;</title><link>" + site.base() + "/x/1</link></item></channel></rss>");
        site.page("/lol.xml", "application/rss+xml", "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">"
                + "<!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]><rss version=\"2.0\"><channel><title>&lol3;</title></channel></rss>");
        site.page("/evil-sitemap.xml", "application/xml", "<?xml version=\"1.0\"?><!DOCTYPE urlset [<!ENTITY xxe SYSTEM \"" + site.base() + "/entity\">]>"
                + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>" + site.base() + "/x/2&xxe;</loc></url></urlset>");
        site.html("/x/1", "X").html("/x/2", "X2").page("/entity", "text/plain", "SECRET");
        h.sources("sources:\n" + source("evil", "    feeds: [" + site.base() + "/evil.xml, " + site.base() + "/lol.xml]\n    sitemaps: ["
                + site.base() + "/evil-sitemap.xml]\n", ""));
        FetcherService f = h.start(FetcherHarness.config(h.baseConfig("a", "")), meters);
        await().atMost(Duration.ofSeconds(60)).until(f::isIdle);
        assertThat(site.hits("/entity")).isEmpty();
        assertThat(h.rawPages()).noneMatch(p -> new String(p.getBody().array()).contains("root:") || new String(p.getBody().array()).contains("SECRET"));
        assertThat(site.hits("/x/1")).isEmpty();
        assertThat(FetcherHarness.count(meters, "news.fetch.discovery.errors", "source", "evil")).isGreaterThanOrEqualTo(2);
    }

    @Test
    void shouldFetchAllItemsOfA10000ItemFeedExactlyOnce() throws Exception {
        String[] links = IntStream.range(0, 10_000).mapToObj(i -> site.base() + "/big/" + i).toArray(String[]::new);
        site.page("/big.xml", "application/rss+xml", TestSite.rss(links));
        site.on("/big/", ex -> TestSite.send(ex, 200, "text/html", "<html><title>" + ex.getRequestURI().getPath() + "</title></html>"));
        h.sources("sources:\n" + source("big", "    feeds: [" + site.base() + "/big.xml]\n", "").replace("every: 1s", "every: 1h"));
        FetcherService f = h.start(FetcherHarness.config(h.baseConfig("a", "worker-threads: 8\n")), meters);
        await().atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1)).until(() -> f.isIdle() && f.stats().pagesFetched() >= 10_000);
        List<RawPage> pages = h.rawPages();
        Set<String> urls = pages.stream().map(p -> p.getRequestedUrl().toString()).collect(Collectors.toSet());
        assertThat(pages).hasSize(10_000);
        assertThat(urls).hasSize(10_000);
        assertThat(f.stats().urlsEnqueued()).isEqualTo(10_000);
        assertThat(FetcherHarness.count(meters, "news.fetch.requests", "kind", "page", "outcome", "ok")).isEqualTo(10_000);
    }

    @Test
    void shouldLoseAndDuplicateNothingAcrossARestart() throws Exception {
        List<String> links = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            links.add(site.base() + "/r/" + i);
        }
        site.page("/r.xml", "application/rss+xml", TestSite.rss(links.toArray(String[]::new)));
        site.on("/r/", ex -> TestSite.send(ex, 200, "text/html", "<html><title>r</title></html>"));
        // 100 ms between requests: the first instance is stopped halfway through
        h.sources("sources:\n" + source("restart", "    feeds: [" + site.base() + "/r.xml]\n", "")
                .replace("min-delay: 0ms, max-concurrency: 4", "min-delay: 100ms, max-concurrency: 1"));
        FetcherConfig cfg = FetcherHarness.config(h.baseConfig("a", ""));
        FetcherService first = h.start(cfg, meters);
        await().atMost(Duration.ofSeconds(60)).until(() -> first.stats().pagesFetched() >= 8);
        first.close();
        long firstCount = first.stats().pagesFetched();
        assertThat(firstCount).isLessThan(30);

        links.add(site.base() + "/r/new");
        site.page("/r.xml", "application/rss+xml", TestSite.rss(links.toArray(String[]::new)));
        SimpleMeterRegistry meters2 = new SimpleMeterRegistry();
        FetcherService second = h.start(cfg, meters2);
        await().atMost(Duration.ofSeconds(90)).until(() -> second.isIdle() && firstCount + second.stats().pagesFetched() >= 31);

        List<String> published = h.rawPages().stream().map(p -> p.getRequestedUrl().toString()).toList();
        assertThat(published).hasSize(31).doesNotHaveDuplicates().containsAll(links);
        assertThat(second.stats().urlsEnqueued()).isEqualTo(1); // only the new item; the rest was remembered
        assertThat(firstCount + second.stats().pagesFetched()).isEqualTo(31);
    }
}
