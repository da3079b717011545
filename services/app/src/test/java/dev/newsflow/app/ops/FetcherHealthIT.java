package dev.newsflow.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.app.runtime.Pipeline;
import dev.newsflow.common.runtime.NewsflowConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A fetcher whose worker or consumer thread died must make /health fail, so that the orchestrator restarts it. */
@Tag("integration")
@Timeout(180)
class FetcherHealthIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldReportUnhealthyOnceAFetcherThreadHasDied() throws Exception {
        Path dir = Files.createTempDirectory("newsflow-fetcher-health-");
        Path sources = dir.resolve("sources.yml");
        Files.writeString(sources, "sources:\n  - id: quiet\n    hosts: [quiet.test]\n    allow-private-network: true\n"
                + "    schedule: {every: 1h}\n    feeds: [http://quiet.test:9/feed.xml]\n", StandardCharsets.UTF_8);
        NewsflowConfig config = NewsflowConfig.parse("data-dir: '" + dir.resolve("data") + "'\nsources: '" + sources + "'\n"
                + "metrics:\n  host: 127.0.0.1\n  port: 0\nfetcher:\n  resolve:\n    quiet.test: 127.0.0.1\n", Map.of());
        try (Pipeline pipeline = new Pipeline(config, EnumSet.of(Pipeline.Role.FETCHER)).start(true)) {
            int port = pipeline.runtime().metrics().port();
            await().atMost(Duration.ofSeconds(60)).until(() -> status(port, "/health") == 200 && status(port, "/ready") == 200);
            assertThat(pipeline.fetcher().failure()).isEmpty();

            fetcherThread("fetcher-worker-0-").interrupt();
            await().atMost(Duration.ofSeconds(30)).until(() -> status(port, "/health") == 503);
            assertThat(status(port, "/ready")).isEqualTo(503);
            assertThat(pipeline.fetcher().failure()).hasValueSatisfying(m -> assertThat(m).contains("fetcher-worker-0-"));

            fetcherThread("fetcher-requests-").interrupt();
            await().atMost(Duration.ofSeconds(30)).until(() -> pipeline.fetcher().failure().orElse("").contains("fetcher-requests-"));
        }
    }

    private static Thread fetcherThread(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)).findFirst().orElseThrow();
    }

    private int status(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
