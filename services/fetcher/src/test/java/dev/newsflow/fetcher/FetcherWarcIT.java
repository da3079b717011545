package dev.newsflow.fetcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.avro.RawPage;
import dev.newsflow.common.runtime.ServiceContext;
import dev.newsflow.fetcher.warc.ReplayCommand;
import dev.newsflow.testkit.KafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every response goes to a WARC file; replaying that file publishes the same pages again. */
@Tag("integration")
@Timeout(120)
class FetcherWarcIT {
    @RegisterExtension
    static KafkaBroker kafka = new KafkaBroker();

    TestSite site;
    FetcherHarness h;
    FetcherHarness replayTarget;

    @BeforeEach
    void setUp() throws Exception {
        site = new TestSite();
        h = new FetcherHarness(kafka);
        replayTarget = new FetcherHarness(kafka);
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
        replayTarget.close();
        site.close();
    }

    @Test
    void shouldWriteWarcAndReplayItAsRawPages() throws Exception {
        byte[] plain = "<html><head><title>Gz</title></head><body>zipped body</body></html>".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(plain);
        }
        site.on("/gz", ex -> {
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            TestSite.send(ex, 200, "text/html; charset=utf-8", gz.toByteArray());
        });
        site.html("/plain", "Plain").page("/feed.xml", "application/rss+xml", TestSite.rss(site.base() + "/gz", site.base() + "/plain"));
        h.sources("sources:\n  - id: archived\n    hosts: [127.0.0.1]\n    allow-private-network: true\n    schedule: {every: 1h}\n"
                + "    politeness: {min-delay: 0ms, respect-robots: false}\n    feeds: [" + site.base() + "/feed.xml]\n");
        Path warcDir = h.dir.resolve("warc");
        FetcherService f = h.start(FetcherHarness.config(h.baseConfig("a", "warc-dir: " + warcDir + "\n")), new SimpleMeterRegistry());
        await().atMost(Duration.ofSeconds(60)).until(() -> f.isIdle() && f.stats().pagesFetched() == 2);
        f.close();

        List<Path> files;
        try (var s = Files.list(warcDir)) {
            files = s.toList();
        }
        assertThat(files).singleElement().satisfies(p -> assertThat(p.getFileName().toString()).endsWith(".warc.gz"));
        Map<String, String> fetched = h.rawPages().stream().collect(Collectors.toMap(p -> p.getRequestedUrl().toString(), FetcherWarcIT::body));
        assertThat(fetched.get(site.base() + "/gz")).isEqualTo(new String(plain, StandardCharsets.UTF_8));

        ServiceContext target = replayTarget.context(new SimpleMeterRegistry());
        Files.copy(h.sourcesFile, replayTarget.sourcesFile);
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        int code = ReplayCommand.run(files.get(0), target, new PrintStream(console, true, StandardCharsets.UTF_8));
        assertThat(code).isZero();
        assertThat(console.toString(StandardCharsets.UTF_8)).contains("100%").contains("2 raw page(s) published").contains("1 skipped");

        List<RawPage> replayed = replayTarget.rawPages();
        assertThat(replayed).extracting(p -> p.getRequestedUrl().toString())
                .containsExactlyInAnyOrder(site.base() + "/gz", site.base() + "/plain"); // the RSS response is not HTML
        RawPage gzPage = replayed.stream().filter(p -> p.getRequestedUrl().toString().endsWith("/gz")).findFirst().orElseThrow();
        assertThat(body(gzPage)).isEqualTo(fetched.get(site.base() + "/gz"));
        assertThat(gzPage.getSourceId().toString()).isEqualTo("archived");
        assertThat(gzPage.getCharset().toString()).isEqualTo("UTF-8");
    }

    private static String body(RawPage p) {
        byte[] b = new byte[p.getBody().remaining()];
        p.getBody().duplicate().get(b);
        return new String(b, StandardCharsets.UTF_8);
    }
}
