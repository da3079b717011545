package dev.newsflow.fetcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import dev.newsflow.avro.DeadLetter;
import dev.newsflow.avro.RawPage;
import dev.newsflow.fetcher.http.AlpnClient;
import dev.newsflow.fetcher.http.FetchFailure;
import dev.newsflow.fetcher.http.FetchResult;
import dev.newsflow.fetcher.http.HttpFetcher;
import dev.newsflow.fetcher.http.HttpLimits;
import dev.newsflow.fetcher.http.Outcome;
import dev.newsflow.fetcher.http.SafeResolver;
import dev.newsflow.fetcher.http.WireResponse;
import dev.newsflow.testkit.KafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** HTTPS with ALPN against a real loopback Jetty server: HTTP/2 when offered, HTTP/1.1 otherwise, same limits. */
@Tag("integration")
@Timeout(120)
class FetcherHttp2IT {
    @RegisterExtension
    static KafkaBroker kafka = new KafkaBroker();

    Path dir;
    TlsTestSite site;
    FetcherHarness h;
    SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("fetcher-h2-");
        site = new TlsTestSite(dir, "news.test");
        h = new FetcherHarness(kafka);
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
        site.close();
        KafkaBroker.deleteTree(dir);
    }

    private String base() {
        return "https://news.test:" + site.port();
    }

    @Test
    void shouldFetchOverHttp2WithTheSameLimitsAndRecordTheProtocol() throws Exception {
        byte[] html = resource("page.html");
        site.page("/a", "text/html; charset=utf-8", page("A"));
        site.page("/a2", "text/html; charset=utf-8", page("A2"));
        site.page("/br", "text/html; charset=utf-8", resource("page.html.br"), "Content-Encoding", "br");
        site.page("/bomb", "text/html", resource("bomb-64mib-zeros.br"), "Content-Encoding", "br");
        site.on("/moved", (req, resp, out) -> {
            resp.setStatus(302);
            resp.getHeaders().put(HttpHeader.LOCATION, base() + "/a2");
        });
        byte[] huge = new byte[20 * 1024 * 1024];
        Arrays.fill(huge, (byte) 'a');
        site.page("/huge", "text/html", huge);
        site.on("/drip", (req, resp, out) -> {
            resp.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html");
            for (int i = 0; i < 100; i++) {
                out.write('x');
                out.flush();
                Thread.sleep(200);
            }
        });
        String old = "https://news.test:" + site.http11Port() + "/old";
        site.page("/old", "text/html; charset=utf-8", page("Old"));
        String[] links = {base() + "/a", base() + "/br", base() + "/bomb", base() + "/moved", base() + "/huge", base() + "/drip", old};
        site.page("/feed.xml", "application/rss+xml", TestSite.rss(links).getBytes(StandardCharsets.UTF_8));
        h.sources("sources:\n  - id: tls\n    hosts: [news.test]\n    allow-private-network: true\n"
                + "    schedule: {every: 1h}\n    politeness: {min-delay: 0ms, max-concurrency: 2}\n"
                + "    feeds: [" + base() + "/feed.xml]\n");
        FetcherService f = h.start(FetcherHarness.config(h.baseConfig("a", "resolve: {news.test: 127.0.0.1}\nread-timeout: 1s\n"
                + "total-timeout: 8s\npoliteness: {max-retries: 0}\n")), meters, site.trust());
        await().atMost(Duration.ofSeconds(60)).until(() -> f.isIdle() && f.stats().pagesFetched() + f.stats().pagesFailed() >= links.length);

        List<RawPage> pages = h.rawPages();
        assertThat(pages).extracting(p -> p.getRequestedUrl().toString()).containsExactlyInAnyOrder(
                base() + "/a", base() + "/br", base() + "/moved", base() + "/huge", old);
        assertThat(page(pages, "/a").getHeaders().get("http-version").toString()).isEqualTo("HTTP/2");
        assertThat(bytes(page(pages, "/br"))).isEqualTo(html);
        assertThat(page(pages, "/br").getHeaders().get("http-version").toString()).isEqualTo("HTTP/2");
        RawPage moved = page(pages, "/moved");
        assertThat(moved.getFinalUrl().toString()).isEqualTo(base() + "/a2");
        assertThat(moved.getRedirectChain()).extracting(CharSequence::toString).containsExactly(base() + "/moved");
        assertThat(page(pages, "/huge").getTruncated()).isTrue();
        assertThat(page(pages, "/huge").getBody().remaining()).isEqualTo(5 * 1024 * 1024);
        assertThat(page(pages, "/old").getHeaders().get("http-version").toString()).isEqualTo("HTTP/1.1");

        List<DeadLetter> dls = h.deadLetters();
        assertThat(dl(dls, "/bomb").getReason().toString()).isEqualTo("decompression-bomb");
        assertThat(dl(dls, "/drip").getReason().toString()).isEqualTo("timeout");
        assertThat(site.hits("/a")).singleElement().satisfies(hit -> {
            assertThat(hit.protocol()).isEqualTo("HTTP/2.0");
            assertThat(hit.acceptEncoding()).isEqualTo("gzip, deflate, br");
        });
        assertThat(site.hits("/robots.txt")).extracting(TlsTestSite.Hit::protocol).contains("HTTP/2.0");
        assertThat(site.hits("/old")).singleElement().satisfies(hit -> assertThat(hit.protocol()).isEqualTo("HTTP/1.1"));
        assertThat(FetcherHarness.count(meters, "news.fetch.requests", "kind", "page", "outcome", "timeout")).isEqualTo(1);
        assertThat(FetcherHarness.count(meters, "news.fetch.requests", "kind", "page", "outcome", "truncated")).isEqualTo(1);
    }

    @Test
    void shouldRefuseARedirectIntoABlockedAddressOverHttp2() throws Exception {
        InetAddress publicLoopback = InetAddress.getByName("127.0.0.1");
        site.page("/a", "text/html", page("A"));
        site.on("/to-metadata", (req, resp, out) -> {
            resp.setStatus(301);
            resp.getHeaders().put(HttpHeader.LOCATION, "https://metadata.test:" + site.port() + "/latest/meta-data/");
        });
        site.on("/to-private", (req, resp, out) -> {
            resp.setStatus(301);
            resp.getHeaders().put(HttpHeader.LOCATION, "https://intranet.test:" + site.port() + "/a");
        });
        // 127.0.0.1 plays a public address; intranet.test is another loopback address, metadata.test the cloud metadata one
        SafeResolver resolver = new SafeResolver(Map.of("news.test", publicLoopback, "intranet.test", InetAddress.getByName("127.0.0.2"),
                "metadata.test", InetAddress.getByName("169.254.169.254")), (a, allowPrivate) -> a.equals(publicLoopback));
        HttpLimits limits = new HttpLimits(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5), 1 << 20, true, 5);
        try (HttpFetcher fetcher = new HttpFetcher(new AlpnClient(resolver, Duration.ofSeconds(2), site.trust()), limits, "newsflow-test")) {
            FetchResult ok = fetcher.get(URI.create(base() + "/a"), Map.of(), "text/html", false);
            assertThat(ok.protocol()).isEqualTo(WireResponse.HTTP_2);
            assertThat(ok.exchanges().get(0).response().address()).isEqualTo(publicLoopback);
            for (String path : List.of("/to-metadata", "/to-private")) {
                FetchFailure e = catchThrowableOfType(FetchFailure.class, () -> fetcher.get(URI.create(base() + path), Map.of(), "text/html", false));
                assertThat(e.outcome()).as(path).isEqualTo(Outcome.BLOCKED_ADDRESS);
            }
        }
        assertThat(site.hits.stream().filter(hit -> hit.path().startsWith("/latest"))).isEmpty();
        assertThat(site.hits("/a")).hasSize(1);
    }

    private static byte[] page(String title) {
        return ("<html><head><title>" + title + "</title></head><body><h1>" + title + "</h1><p>Body of " + title + ".</p></body></html>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in = FetcherHttp2IT.class.getResourceAsStream("/encoding/" + name)) {
            return in.readAllBytes();
        }
    }

    private static RawPage page(List<RawPage> pages, String suffix) {
        return pages.stream().filter(p -> p.getRequestedUrl().toString().endsWith(suffix)).findFirst().orElseThrow();
    }

    private static DeadLetter dl(List<DeadLetter> all, String urlSuffix) {
        return all.stream().filter(d -> d.getUrl().toString().endsWith(urlSuffix)).findFirst().orElseThrow();
    }

    private static byte[] bytes(RawPage p) {
        byte[] b = new byte[p.getBody().remaining()];
        p.getBody().duplicate().get(b);
        return b;
    }
}
