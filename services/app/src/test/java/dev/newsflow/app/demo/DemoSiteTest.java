package dev.newsflow.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.common.sources.SourceDefinition;
import dev.newsflow.common.sources.SourcesConfig;
import dev.newsflow.common.sources.SourcesLoader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.NodeList;

@Timeout(60)
class DemoSiteTest {
    private static final String PRIMARY = DemoSite.PRIMARY_HOST;
    private static final String MIRROR = DemoSite.MIRROR_HOST;
    private static DemoSite site;

    @BeforeAll
    static void start() {
        site = DemoSite.start(0);
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void shouldServeTheSameArticleBodyOnBothHostsWithPrimaryCanonical() throws Exception {
        for (DemoArticle a : site.articles()) {
            for (String host : List.of(PRIMARY, MIRROR)) {
                RawHttp.Response r = RawHttp.get(site.port(), host, a.path());
                assertThat(r.status()).as(host + a.path()).isEqualTo(200);
                assertThat(r.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
                Document doc = Jsoup.parse(r.text(), site.baseUrl(host) + a.path());
                assertThat(bodyOf(doc)).as(host + a.path()).isEqualTo(a.bodyText());
                assertThat(doc.selectFirst("link[rel=canonical]").attr("href")).isEqualTo(site.baseUrl(PRIMARY) + a.path());
                assertThat(doc.selectFirst("html").attr("lang")).isEqualTo("en");
                assertThat(doc.selectFirst("h1").text()).isEqualTo(a.title());
                assertThat(doc.select(".breadcrumbs li")).hasSizeGreaterThanOrEqualTo(3);
                assertThat(doc.select(".share-buttons")).isNotEmpty();
                assertThat(doc.select(".related-links li")).hasSize(4);
                assertThat(doc.select(".site-footer a").size()).isGreaterThan(20);
                assertThat(doc.text()).contains("By " + String.join(" and ", a.authors()));
                assertThat(doc.select("time[datetime]")).isNotEmpty();
                assertThat(doc.select("meta[property=article:published_time]").attr("content")).isNotEmpty();
                assertThat(doc.select("a[href^=http]").eachAttr("href"))
                        .filteredOn(h -> h.startsWith("http://") && !h.contains("/authors/"))
                        .allMatch(h -> h.startsWith(site.baseUrl(host)));
                JsonNode ld = newsArticle(doc);
                assertThat(ld.path("headline").asText()).isEqualTo(a.title());
                assertThat(Instant.from(DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(ld.path("datePublished").asText())))
                        .isEqualTo(a.publishedAt());
                assertThat(ld.path("dateModified").asText()).isNotEmpty();
                List<String> authors = new ArrayList<>();
                JsonNode author = ld.path("author");
                (author.isArray() ? author : List.of(author)).forEach(p -> authors.add(p.path("name").asText()));
                assertThat(authors).isEqualTo(a.authors());
            }
        }
    }

    @Test
    void shouldListEveryArticleInEachHostsFeedWithHostLinks() throws Exception {
        for (String host : List.of(PRIMARY, MIRROR)) {
            String url = host.equals(PRIMARY) ? site.primaryFeedUrl() : site.mirrorFeedUrl();
            assertThat(url).isEqualTo(site.baseUrl(host) + "/rss.xml");
            RawHttp.Response r = RawHttp.get(site.port(), host, "/rss.xml");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.header("Content-Type")).startsWith("application/rss+xml");
            org.w3c.dom.Document xml = xml(r);
            NodeList items = xml.getElementsByTagName("item");
            Map<String, Instant> seen = new java.util.HashMap<>();
            for (int i = 0; i < items.getLength(); i++) {
                org.w3c.dom.Element item = (org.w3c.dom.Element) items.item(i);
                String link = item.getElementsByTagName("link").item(0).getTextContent();
                Instant pub = ZonedDateTime.parse(item.getElementsByTagName("pubDate").item(0).getTextContent(),
                        DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                assertThat(item.getElementsByTagName("title").item(0).getTextContent()).isNotBlank();
                seen.put(link, pub);
            }
            Map<String, Instant> expected = site.articles().stream()
                    .collect(Collectors.toMap(a -> site.baseUrl(host) + a.path(), DemoArticle::publishedAt));
            assertThat(seen).isEqualTo(expected);
        }
    }

    @Test
    void shouldServeAValidNewsSitemapOfEveryArticle() throws Exception {
        assertThat(site.sitemapUrl()).isEqualTo(site.baseUrl(PRIMARY) + "/sitemap.xml");
        RawHttp.Response r = RawHttp.get(site.port(), PRIMARY, "/sitemap.xml");
        assertThat(r.status()).isEqualTo(200);
        org.w3c.dom.Document xml = xml(r);
        assertThat(xml.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.sitemaps.org/schemas/sitemap/0.9");
        NodeList locs = xml.getElementsByTagNameNS("http://www.sitemaps.org/schemas/sitemap/0.9", "loc");
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < locs.getLength(); i++) {
            urls.add(locs.item(i).getTextContent());
        }
        assertThat(urls).containsExactlyInAnyOrderElementsOf(site.articles().stream().map(a -> site.baseUrl(PRIMARY) + a.path()).toList());
        assertThat(xml.getElementsByTagNameNS("http://www.google.com/schemas/sitemap-news/0.9", "publication_date").getLength())
                .isEqualTo(site.articles().size());
    }

    @Test
    void shouldAnswerConditionalGetsWith304() throws Exception {
        String path = site.articles().get(0).path();
        RawHttp.Response first = RawHttp.get(site.port(), PRIMARY, path);
        String etag = first.header("ETag");
        String lastModified = first.header("Last-Modified");
        assertThat(etag).startsWith("W/\"");
        assertThat(lastModified).endsWith("GMT");

        RawHttp.Response byTag = RawHttp.request(site.port(), "GET", PRIMARY, path, Map.of("If-None-Match", etag));
        assertThat(byTag.status()).isEqualTo(304);
        assertThat(byTag.body()).isEmpty();
        assertThat(byTag.header("ETag")).isEqualTo(etag);

        RawHttp.Response byDate = RawHttp.request(site.port(), "GET", PRIMARY, path, Map.of("If-Modified-Since", lastModified));
        assertThat(byDate.status()).isEqualTo(304);

        RawHttp.Response stale = RawHttp.request(site.port(), "GET", PRIMARY, path, Map.of("If-None-Match", "\"other\""));
        assertThat(stale.status()).isEqualTo(200);
        RawHttp.Response older = RawHttp.request(site.port(), "GET", PRIMARY, path,
                Map.of("If-Modified-Since", "Thu, 01 Jan 2026 00:00:00 GMT"));
        assertThat(older.status()).isEqualTo(200);
        RawHttp.Response mirror = RawHttp.request(site.port(), "GET", MIRROR, path, Map.of("If-None-Match", etag));
        assertThat(mirror.status()).as("the mirror page links to its own host, so it is another entity").isEqualTo(200);
    }

    @Test
    void shouldGzipOnlyWhenTheClientAsks() throws Exception {
        String path = site.articles().get(3).path();
        RawHttp.Response plain = RawHttp.get(site.port(), MIRROR, path);
        RawHttp.Response gz = RawHttp.request(site.port(), "GET", MIRROR, path, Map.of("Accept-Encoding", "gzip, deflate"));
        assertThat(plain.header("Content-Encoding")).isNull();
        assertThat(gz.header("Content-Encoding")).isEqualTo("gzip");
        assertThat(gz.header("Vary")).isEqualTo("Accept-Encoding");
        assertThat(gz.body().length).isLessThan(plain.body().length / 2);
        assertThat(gz.text()).isEqualTo(plain.text());
        assertThat(DemoSite.acceptsGzip("br;q=1, gzip;q=0")).isFalse();
        assertThat(DemoSite.acceptsGzip("GZIP;q=0.5")).isTrue();
    }

    @Test
    void shouldAnswer404ForUnknownPathsAndHosts() throws Exception {
        for (String path : List.of("/nope", "/world/2026/11/24/no-such-story", "/media/unknown.svg", "/rss.xml/x")) {
            RawHttp.Response r = RawHttp.get(site.port(), PRIMARY, path);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        }
        assertThat(RawHttp.get(site.port(), "unknown.test", "/").status()).isEqualTo(404);
        assertThat(RawHttp.request(site.port(), "POST", PRIMARY, "/", Map.of("Content-Length", "0")).status()).isEqualTo(405);
    }

    @Test
    void shouldServeRobotsFrontsAndMedia() throws Exception {
        String robots = RawHttp.get(site.port(), MIRROR, "/robots.txt").text();
        assertThat(robots).contains("User-agent: *").contains("Allow: /").contains("Sitemap: " + site.baseUrl(MIRROR) + "/sitemap.xml");
        for (String section : DemoCatalog.SECTIONS.keySet()) {
            RawHttp.Response front = RawHttp.get(site.port(), PRIMARY, "/" + section + "/");
            assertThat(front.status()).isEqualTo(200);
            Document doc = Jsoup.parse(front.text());
            assertThat(doc.select(".teaser a")).isNotEmpty().allMatch(e -> e.attr("href").startsWith(site.baseUrl(PRIMARY) + "/" + section + "/"));
        }
        Document home = Jsoup.parse(RawHttp.get(site.port(), MIRROR, "/").text());
        assertThat(home.select(".teaser")).hasSize(site.articles().size());
        Element img = Jsoup.parse(RawHttp.get(site.port(), PRIMARY, site.articles().stream()
                .filter(a -> a.path().contains("comet") == false).findFirst().orElseThrow().path()).text()).selectFirst("figure img");
        if (img != null) {
            RawHttp.Response svg = RawHttp.get(site.port(), PRIMARY, img.attr("src").replace(site.baseUrl(PRIMARY), ""));
            assertThat(svg.status()).isEqualTo(200);
            assertThat(svg.header("Content-Type")).isEqualTo("image/svg+xml");
        }
        RawHttp.Response head = RawHttp.request(site.port(), "HEAD", PRIMARY, "/rss.xml", Map.of());
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void shouldAcceptAbsoluteFormRequestsFromClientsUsingItAsAProxy() throws Exception {
        DemoArticle a = site.articles().get(5);
        RawHttp.Response r = RawHttp.request(site.port(), "GET", "ignored.test", a.path(), site.baseUrl(MIRROR) + a.path(), Map.of());
        assertThat(r.status()).isEqualTo(200);
        assertThat(Jsoup.parse(r.text()).selectFirst(".breadcrumbs a").attr("href")).isEqualTo(site.baseUrl(MIRROR) + "/");
    }

    @Test
    void shouldServeAnUnmodifiedJdkHttpClientRoutedThroughAProxySelector() throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .proxy(java.net.ProxySelector.of(new java.net.InetSocketAddress("127.0.0.1", site.port()))).build();
        for (String url : List.of(site.primaryFeedUrl(), site.mirrorFeedUrl())) {
            java.net.http.HttpResponse<String> r = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("<link>" + url.replace("/rss.xml", "/"));
        }
    }

    @Test
    void shouldCountRequests() throws Exception {
        long before = site.requests();
        RawHttp.get(site.port(), PRIMARY, "/");
        RawHttp.get(site.port(), PRIMARY, "/missing");
        assertThat(site.requests()).isGreaterThanOrEqualTo(before + 2);
    }

    @Test
    void shouldProduceASourcesFileTheLoaderAccepts() {
        SourcesLoader.Loaded loaded = SourcesLoader.parse("demo-sources.yml", DemoSite.sourcesYaml(site.port()));
        assertThat(loaded.report().problems()).isEmpty();
        SourcesConfig config = loaded.orThrow();
        SourceDefinition demo = config.byId("demo-daily").orElseThrow();
        assertThat(demo.name()).isEqualTo("Demo Daily");
        assertThat(demo.country()).isEqualTo("GB");
        assertThat(demo.language()).isEqualTo("en");
        assertThat(demo.hosts()).containsExactly(PRIMARY);
        assertThat(demo.mirrors()).containsExactly(MIRROR);
        assertThat(demo.feeds()).containsExactly(site.primaryFeedUrl(), site.mirrorFeedUrl());
        assertThat(demo.sitemaps()).containsExactly(site.sitemapUrl());
        assertThat(demo.allowPrivateNetwork()).isTrue();
        assertThat(demo.every()).isEqualTo(Duration.ofMinutes(1));
        assertThat(demo.politeness().minDelay()).isLessThanOrEqualTo(Duration.ofMillis(50));
        assertThat(config.byHost(MIRROR)).contains(demo);
    }

    /** The article paragraphs as an extractor that knows each layout's body container would see them. */
    private static String bodyOf(Document doc) {
        return doc.select(".article-body > p, .story-text > p, .column-body > p").eachText().stream()
                .collect(Collectors.joining("\n\n"));
    }

    private static JsonNode newsArticle(Document doc) throws Exception {
        JsonNode root = new ObjectMapper().readTree(doc.selectFirst("script[type=application/ld+json]").data());
        if (root.has("@graph")) {
            for (JsonNode n : root.get("@graph")) {
                if (n.path("@type").asText().equals("NewsArticle")) {
                    return n;
                }
            }
        }
        assertThat(root.path("@type").asText()).isEqualTo("NewsArticle");
        return root;
    }

    private static org.w3c.dom.Document xml(RawHttp.Response r) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(r.text().getBytes(StandardCharsets.UTF_8)));
    }
}
