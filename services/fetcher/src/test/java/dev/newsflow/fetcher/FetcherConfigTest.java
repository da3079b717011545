package dev.newsflow.fetcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.common.config.ConfigNode;
import dev.newsflow.common.config.ConfigProblem;
import dev.newsflow.common.config.ConfigReport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetcherConfigTest {

    @Test
    void shouldHaveSafeDefaults() {
        FetcherConfig c = FetcherConfig.defaults();
        assertThat(c.allowPrivateNetwork()).isFalse();
        assertThat(c.limits().maxBodyBytes()).isEqualTo(5L * 1024 * 1024);
        assertThat(c.truncateOversize()).isTrue();
        assertThat(c.limits().maxRedirects()).isEqualTo(5);
        assertThat(c.contentTypes()).containsExactlyInAnyOrder("text/html", "application/xhtml+xml");
        assertThat(c.robotsAgent()).isEqualTo("newsflow");
        assertThat(c.stateDir(Path.of("data"))).isEqualTo(Path.of("data", "fetcher"));
        assertThat(c.warcDir()).isEmpty();
        assertThat(c.seenUrlExpiry()).isEqualTo(Duration.ofDays(30));
        assertThat(c.compressionLevel()).isEqualTo(1);
    }

    @Test
    void shouldReadEveryKey() {
        ConfigNode n = ConfigReport.parse("newsflow.yml", "user-agent: 'bot/2 (+https://x)'\nworker-threads: 2\nmax-body-size: 2MiB\n"
                + "oversize: dead-letter\nresolve: {demo.local: 127.0.0.1, mirror.local: '::1'}\nallow-private-network: true\n"
                + "warc-dir: /tmp/w\npoliteness: {max-retries: 1, circuit-breaker-failures: 2}\ncompression-level: 3\n", Map.of());
        FetcherConfig c = FetcherConfig.from(n);
        assertThat(n.report().problems()).isEmpty();
        assertThat(c.robotsAgent()).isEqualTo("bot");
        assertThat(c.truncateOversize()).isFalse();
        assertThat(c.resolve()).containsOnlyKeys("demo.local", "mirror.local");
        assertThat(c.maxRetries()).isEqualTo(1);
        assertThat(c.circuitFailures()).isEqualTo(2);
        assertThat(c.warcDir()).contains(Path.of("/tmp/w"));
        assertThat(c.compressionLevel()).isEqualTo(3);
    }

    @Test
    void shouldCollectEveryProblemWithItsLine() {
        ConfigNode n = ConfigReport.parse("newsflow.yml", "worker-threads: 0\nread-timeout: soon\nmax-body-size: 100MiB\n"
                + "resolve: {demo.local: not-an-ip}\ncontent-types: ['text html']\nmax-redirect: 3\noversize: explode\n"
                + "compression-level: 23\n", Map.of());
        FetcherConfig.from(n);
        assertThat(n.report().problems()).extracting(ConfigProblem::line).containsExactlyInAnyOrder(1, 2, 3, 4, 5, 6, 7, 8);
    }

    @Test
    void shouldValidateASourcesFileAndPrintEveryProblemWithFileAndLine(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.yml");
        Files.writeString(good, "sources:\n  - id: a\n    hosts: [a.example]\n    feeds: [https://a.example/rss]\n"
                + "    discover-feeds: false\n    robots-sitemaps: true\n    headers: {X-Api-Key: secret}\n");
        Path bad = dir.resolve("bad.yml");
        Files.writeString(bad, "sources:\n  - id: A B\n    hosts: [https://a.example]\n    feeds: [ftp://x]\n    headers: {Host: evil}\n    colour: red\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(SourcesValidateCommand.run(good, print(out), print(err))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("OK, 1 source(s), 1 enabled");
        assertThat(SourcesValidateCommand.run(bad, print(out), print(err))).isEqualTo(1);
        String e = err.toString(StandardCharsets.UTF_8);
        assertThat(e).contains(bad + ":2:").contains(bad + ":3:").contains(bad + ":4:").contains(bad + ":5:").contains(bad + ":6:")
                .contains("6 problem(s) found");
    }

    private static PrintStream print(ByteArrayOutputStream b) {
        return new PrintStream(b, true, StandardCharsets.UTF_8);
    }
}
