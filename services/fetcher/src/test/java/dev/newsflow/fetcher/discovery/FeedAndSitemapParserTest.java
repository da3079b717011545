package dev.newsflow.fetcher.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeedAndSitemapParserTest {
    private static final URI BASE = URI.create("https://news.example/feed");
    private final FeedParser feeds = new FeedParser(100, 2048);
    private final SitemapParser sitemaps = new SitemapParser(100, 2048);

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldReadRss2AtomAndJsonFeedItemsWithHints() throws Exception {
        Discovery rss = feeds.parseXml(b("<rss version=\"2.0\"><channel><title>t</title><item><title> Hello\n world </title>"
                + "<link>/a/1</link><pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate></item></channel></rss>"), BASE);
        assertThat(rss.articles()).singleElement().satisfies(d -> {
            assertThat(d.url()).isEqualTo(URI.create("https://news.example/a/1"));
            assertThat(d.title()).isEqualTo("Hello world");
            assertThat(d.published()).hasToString("2026-11-24T10:00:00Z");
        });
        Discovery atom = feeds.parseXml(b("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>t</title><id>x</id><updated>2026-11-24T10:00:00Z</updated>"
                + "<entry><title>A</title><id>urn:1</id><link rel=\"alternate\" href=\"https://news.example/b\"/><updated>2026-11-24T11:00:00Z</updated></entry></feed>"), BASE);
        assertThat(atom.articles()).extracting(DiscoveredUrl::url).containsExactly(URI.create("https://news.example/b"));
        Discovery json = feeds.parseJson(b("{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[{\"id\":\"1\",\"url\":\"https://news.example/c\","
                + "\"title\":\"C\",\"date_published\":\"2026-11-24T12:00:00+01:00\"},{\"id\":\"2\",\"url\":\"javascript:x\"}]}"), BASE);
        assertThat(json.articles()).singleElement().satisfies(d -> assertThat(d.published()).hasToString("2026-11-24T11:00:00Z"));
        assertThat(DocumentKind.sniff(b("{\"version\":\"https://jsonfeed.org/version/1\"}"), "")).isEqualTo(DocumentKind.JSON_FEED);
    }

    @Test
    void shouldCapItemsPerDocument() throws Exception {
        StringBuilder sb = new StringBuilder("<rss version=\"2.0\"><channel><title>t</title>");
        for (int i = 0; i < 150; i++) {
            sb.append("<item><link>https://news.example/").append(i).append("</link></item>");
        }
        Discovery d = feeds.parseXml(b(sb.append("</channel></rss>").toString()), BASE);
        assertThat(d.articles()).hasSize(100);
        assertThat(d.capped()).isTrue();
    }

    @Test
    void shouldRefuseDoctypesSoNoEntityIsEverResolved(@TempDir Path dir) throws Exception {
        Path secret = dir.resolve("secret.txt");
        Files.writeString(secret, "TOP-SECRET");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE rss [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<rss version=\"2.0\"><channel><title>&x;</title><item><title>&x;</title><link>https://news.example/x</link></item></channel></rss>";
        assertThatThrownBy(() -> feeds.parseXml(b(xxe), BASE)).isInstanceOf(DiscoveryException.class);
        String lol = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]><rss version=\"2.0\"><channel><title>&d;</title></channel></rss>";
        assertThatThrownBy(() -> feeds.parseXml(b(lol), BASE)).isInstanceOf(DiscoveryException.class);
        String sitemapXxe = "<?xml version=\"1.0\"?><!DOCTYPE urlset [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>https://news.example/&x;</loc></url></urlset>";
        try {
            Discovery d = sitemaps.parse(b(sitemapXxe), "application/xml", URI.create("https://news.example/sitemap.xml"));
            assertThat(d.articles()).noneMatch(u -> u.url().toString().contains("TOP-SECRET"));
        } catch (DiscoveryException e) {
            assertThat(e).hasMessageNotContaining("TOP-SECRET");
        }
    }

    @Test
    void shouldReadSitemapIndexesNewestFirstAndNewsSitemaps() throws Exception {
        Discovery index = sitemaps.parse(b("<?xml version=\"1.0\"?><sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"
                + "<sitemap><loc>https://news.example/old.xml</loc><lastmod>2020-01-01</lastmod></sitemap>"
                + "<sitemap><loc>https://news.example/new.xml</loc><lastmod>2026-11-24</lastmod></sitemap></sitemapindex>"),
                "application/xml", URI.create("https://news.example/index.xml"));
        assertThat(index.kind()).isEqualTo(DocumentKind.SITEMAP_INDEX);
        assertThat(index.documents()).containsExactly(URI.create("https://news.example/new.xml"), URI.create("https://news.example/old.xml"));
        Discovery news = sitemaps.parse(b("<?xml version=\"1.0\"?><urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
                + "xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\"><url><loc>https://news.example/s/1</loc><news:news>"
                + "<news:publication><news:name>N</news:name><news:language>fa</news:language></news:publication>"
                + "<news:publication_date>2026-11-24T08:00:00+03:30</news:publication_date><news:title>خبر</news:title></news:news></url></urlset>"),
                "text/xml", URI.create("https://news.example/news.xml"));
        assertThat(news.articles()).singleElement().satisfies(d -> {
            assertThat(d.title()).isEqualTo("خبر");
            assertThat(d.published()).hasToString("2026-11-24T04:30:00Z");
        });
        assertThat(DocumentKind.sniff(b("<?xml version=\"1.0\"?>\n<!-- c --><urlset>"), "text/html")).isEqualTo(DocumentKind.SITEMAP);
        assertThat(DocumentKind.sniff(b("<rdf:RDF xmlns:rdf=\"x\">"), "")).isEqualTo(DocumentKind.FEED);
        assertThat(DocumentKind.sniff(b("https://news.example/a\nhttps://news.example/b\n"), "text/plain")).isEqualTo(DocumentKind.TEXT_SITEMAP);
    }

    @Test
    void shouldExtractSeedLinksAndAnnouncedFeedsButNotFollowNofollow() {
        LinkExtractor links = new LinkExtractor(100, 2048);
        Discovery d = links.parse(b("<html><head><link rel=\"alternate\" type=\"application/atom+xml\" href=\"/atom.xml\"></head><body>"
                + "<a href=\"/a\">a</a><a href=\"/b\" rel=\"nofollow\">b</a><a href=\"mailto:x@y\">m</a></body></html>"),
                StandardCharsets.UTF_8, URI.create("https://news.example/section"), true);
        assertThat(d.documents()).containsExactly(URI.create("https://news.example/atom.xml"));
        assertThat(d.articles()).extracting(DiscoveredUrl::url).containsExactly(URI.create("https://news.example/a"));
        Discovery none = links.parse(b("<html><head><meta name=\"robots\" content=\"noindex, nofollow\"></head><body><a href=\"/a\">a</a></body></html>"),
                StandardCharsets.UTF_8, URI.create("https://news.example/section"), true);
        assertThat(none.articles()).isEmpty();
    }
}
