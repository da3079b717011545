package dev.newsflow.fetcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.avro.DeadLetter;
import dev.newsflow.avro.RawPage;
import dev.newsflow.testkit.KafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Tag("integration")
@Timeout(120)
class FetcherHttpIT {
    @RegisterExtension
    static KafkaBroker kafka = new KafkaBroker();

    TestSite site;
    TestSite mirror;
    FetcherHarness h;
    SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @BeforeEach
    void setUp() throws Exception {
        site = new TestSite();
        mirror = new TestSite();
        h = new FetcherHarness(kafka);
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
        site.close();
        mirror.close();
    }

    private FetcherService run(String fetcherExtra, String... paths) throws Exception {
        String[] links = Arrays.stream(paths).map(p -> p.startsWith("http") ? p : site.base() + p).toArray(String[]::new);
        site.page("/feed.xml", "application/rss+xml", TestSite.rss(links));
        h.sources("sources:\n  - id: web\n    hosts: [127.0.0.1]\n    mirrors: [mirror.test]\n    allow-private-network: true\n"
                + "    schedule: {every: 1h}\n    politeness: {min-delay: 0ms, max-concurrency: 2, respect-robots: false}\n"
                + "    feeds: [" + site.base() + "/feed.xml]\n");
        FetcherService f = h.start(FetcherHarness.config(h.baseConfig("a", "resolve: {mirror.test: 127.0.0.1}\n" + fetcherExtra)), meters);
        await().atMost(Duration.ofSeconds(60)).until(() -> f.isIdle() && f.stats().pagesFetched() + f.stats().pagesFailed() >= paths.length);
        return f;
    }

    private static DeadLetter dl(List<DeadLetter> all, String urlSuffix) {
        return all.stream().filter(d -> d.getUrl().toString().endsWith(urlSuffix)).findFirst().orElseThrow();
    }

    @Test
    void shouldDetectRedirectLoopsAndFollowCrossHostRedirects() throws Exception {
        site.on("/loop/a", ex -> redirect(ex, "/loop/b"));
        site.on("/loop/b", ex -> redirect(ex, site.base() + "/loop/a"));
        site.on("/moved", ex -> redirect(ex, mirror.base("mirror.test") + "/landing"));
        site.on("/chain/", ex -> {
            int n = Integer.parseInt(ex.getRequestURI().getPath().substring(7));
            redirect(ex, "/chain/" + (n + 1));
        });
        mirror.html("/landing", "Landing");
        FetcherService f = run("max-redirects: 3\n", "/loop/a", "/moved", "/chain/0");

        List<RawPage> pages = h.rawPages();
        assertThat(pages).singleElement().satisfies(p -> {
            assertThat(p.getRequestedUrl().toString()).isEqualTo(site.base() + "/moved");
            assertThat(p.getFinalUrl().toString()).isEqualTo(mirror.base("mirror.test") + "/landing");
            assertThat(p.getRedirectChain()).extracting(CharSequence::toString).containsExactly(site.base() + "/moved");
        });
        assertThat(mirror.hits("/landing").get(0).host()).isEqualTo("mirror.test:" + mirror.port());
        List<DeadLetter> dls = h.deadLetters();
        assertThat(dl(dls, "/loop/a").getReason().toString()).isEqualTo("redirect-loop");
        assertThat(dl(dls, "/chain/0").getReason().toString()).isEqualTo("too-many-redirects");
        assertThat(site.hits.stream().filter(x -> x.path().startsWith("/chain/")).count()).isEqualTo(4);
        assertThat(FetcherHarness.count(meters, "news.fetch.requests", "outcome", "redirect-loop")).isEqualTo(1);
        assertThat(f.stats().pagesFailed()).isEqualTo(2);
    }

    @Test
    void shouldCutASlowDripServerAtTheTotalTimeout() throws Exception {
        site.on("/drip", ex -> {
            ex.getResponseHeaders().set("Content-Type", "text/html");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 100; i++) {
                    out.write('x');
                    out.flush();
                    Thread.sleep(200);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long t0 = System.nanoTime();
        FetcherService f = run("read-timeout: 1s\ntotal-timeout: 2s\npoliteness: {max-retries: 0}\n", "/drip");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
        assertThat(dl(h.deadLetters(), "/drip").getReason().toString()).isEqualTo("timeout");
        assertThat(h.rawPages()).isEmpty();
        assertThat(FetcherHarness.count(meters, "news.fetch.requests", "kind", "page", "outcome", "timeout")).isEqualTo(1);
        assertThat(f.stats().pagesFailed()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAGzipBombAndTruncateA20MbPage() throws Exception {
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) {
                out.write(zeros);
            }
        }
        byte[] bomb = gz.toByteArray();
        site.on("/bomb", ex -> {
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            TestSite.send(ex, 200, "text/html", bomb);
        });
        byte[] huge = new byte[20 * 1024 * 1024];
        Arrays.fill(huge, (byte) 'a');
        byte[] head = "<html><head><title>huge</title></head><body>".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, huge, 0, head.length);
        site.on("/huge", ex -> TestSite.send(ex, 200, "text/html", huge));
        FetcherService f = run("", "/bomb", "/huge");

        assertThat(dl(h.deadLetters(), "/bomb").getReason().toString()).isEqualTo("decompression-bomb");
        RawPage page = h.rawPages().stream().filter(p -> p.getRequestedUrl().toString().endsWith("/huge")).findFirst().orElseThrow();
        assertThat(page.getTruncated()).isTrue();
        assertThat(page.getBody().remaining()).isEqualTo(5 * 1024 * 1024);
        assertThat(FetcherHarness.count(meters, "news.fetch.requests", "kind", "page", "outcome", "truncated")).isEqualTo(1);
        assertThat(FetcherHarness.count(meters, "news.fetch.pages.published", "truncated", "true")).isEqualTo(1);
        assertThat(f.stats().pagesFetched()).isEqualTo(1);
    }

    @Test
    void shouldDeadLetterOversizePagesWhenConfigured() throws Exception {
        byte[] big = new byte[3 * 1024 * 1024];
        Arrays.fill(big, (byte) 'b');
        site.on("/big", ex -> TestSite.send(ex, 200, "text/html", big));
        site.page("/pdf", "application/pdf", "%PDF-1.4");
        run("max-body-size: 1MiB\noversize: dead-letter\n", "/big", "/pdf");
        assertThat(dl(h.deadLetters(), "/big").getReason().toString()).isEqualTo("too-large");
        assertThat(dl(h.deadLetters(), "/pdf").getReason().toString()).isEqualTo("content-type");
        assertThat(h.rawPages()).isEmpty();
    }

    @Test
    void shouldFindWrongAndMissingCharsetsAndKeepTheRawBytes() throws Exception {
        Charset cp1256 = Charset.forName("windows-1256");
        byte[] arabic = ("<html><head><title>خبر</title></head><body><p>" + "هذا نص عربي طويل عن الأخبار العاجلة في المنطقة. ".repeat(20)
                + "</p></body></html>").getBytes(cp1256);
        byte[] persian = ("<html><head><title>خبر</title></head><body><p>" + "این یک متن فارسی درباره اخبار امروز است. ".repeat(20)
                + "</p></body></html>").getBytes(cp1256);
        byte[] japanese = ("<html><head><meta charset=\"Shift_JIS\"><title>ニュース</title></head><body><p>"
                + "東京で新しいニュースが報道されました。".repeat(20) + "</p></body></html>").getBytes(Charset.forName("Shift_JIS"));
        site.on("/ar", ex -> TestSite.send(ex, 200, "text/html", arabic));
        site.on("/fa", ex -> TestSite.send(ex, 200, "text/html; charset=utf-8", persian));
        site.on("/ja", ex -> TestSite.send(ex, 200, "text/html", japanese));
        run("", "/ar", "/fa", "/ja");
        List<RawPage> pages = h.rawPages();
        assertThat(page(pages, "/ar").getCharset().toString()).isEqualTo("windows-1256");
        assertThat(page(pages, "/fa").getCharset().toString()).isEqualTo("windows-1256");
        assertThat(page(pages, "/ja").getCharset().toString()).isEqualTo("Shift_JIS");
        assertThat(bytes(page(pages, "/ar"))).isEqualTo(arabic);
        assertThat(bytes(page(pages, "/ja"))).isEqualTo(japanese);
        assertThat(page(pages, "/fa").getHeaders().get("content-type").toString()).isEqualTo("text/html; charset=utf-8");
    }

    private static RawPage page(List<RawPage> pages, String suffix) {
        return pages.stream().filter(p -> p.getRequestedUrl().toString().endsWith(suffix)).findFirst().orElseThrow();
    }

    private static byte[] bytes(RawPage p) {
        byte[] b = new byte[p.getBody().remaining()];
        p.getBody().duplicate().get(b);
        return b;
    }

    private static void redirect(com.sun.net.httpserver.HttpExchange ex, String location) throws java.io.IOException {
        ex.getResponseHeaders().set("Location", location);
        TestSite.send(ex, 302, "text/plain", "moved");
    }
}
