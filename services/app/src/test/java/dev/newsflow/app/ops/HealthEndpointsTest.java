package dev.newsflow.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.common.metrics.MetricsServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The endpoints the Kubernetes probes call: /health for liveness, /ready for readiness. */
class HealthEndpointsTest {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void readinessShouldFollowItsCheckAndNeverBeReadyWhenUnhealthy() throws Exception {
        AtomicBoolean healthy = new AtomicBoolean(true);
        AtomicBoolean ready = new AtomicBoolean(false);
        try (MetricsServer server = new MetricsServer().start("127.0.0.1", 0)) {
            assertThat(status(server, "/ready")).as("ready before any check is set (same as health)").isEqualTo(200);
            server.healthCheck(healthy::get);
            server.readinessCheck(ready::get);
            assertThat(status(server, "/health")).isEqualTo(200);
            assertThat(status(server, "/ready")).as("not ready yet").isEqualTo(503);
            ready.set(true);
            assertThat(status(server, "/ready")).isEqualTo(200);
            healthy.set(false);
            assertThat(status(server, "/health")).isEqualTo(503);
            assertThat(status(server, "/ready")).as("an unhealthy process is never ready").isEqualTo(503);
        }
    }

    private int status(MetricsServer server, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
