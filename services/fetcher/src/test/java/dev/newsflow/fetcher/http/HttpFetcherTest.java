package dev.newsflow.fetcher.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The redirect target is checked again on every hop: here 127.0.0.2 plays a "public" origin (custom policy)
 * and redirects into 127.0.0.1, which the real policy refuses.
 */
class HttpFetcherTest {
    private HttpServer origin;
    private HttpServer internal;
    private final AtomicInteger internalHits = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        internal = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        internal.createContext("/", ex -> {
            internalHits.incrementAndGet();
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        internal.start();
        origin = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
        origin.createContext("/redirect", ex -> {
            ex.getResponseHeaders().set("Location", "http://127.0.0.1:" + internal.getAddress().getPort() + "/admin");
            ex.sendResponseHeaders(302, -1);
            ex.close();
        });
        origin.createContext("/chunked", ex -> {
            ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            ex.sendResponseHeaders(200, 0); // chunked
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 50; i++) {
                    out.write(("<p>chunk " + i + "</p>").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        });
        origin.start();
    }

    @AfterEach
    void stop() {
        origin.stop(0);
        internal.stop(0);
    }

    private HttpFetcher fetcher() {
        SafeResolver resolver = new SafeResolver(Map.of(), (a, allowPrivate) -> a.getHostAddress().equals("127.0.0.2") || AddressPolicy.allowed(a, allowPrivate));
        return new HttpFetcher(new Http1Client(resolver), new HttpLimits(Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5),
                1 << 20, true, 5), "newsflow-test/1");
    }

    @Test
    void shouldRefuseARedirectFromAPublicHostIntoLoopback() {
        URI start = URI.create("http://127.0.0.2:" + origin.getAddress().getPort() + "/redirect");
        assertThatThrownBy(() -> fetcher().get(start, Map.of(), "*/*", false))
                .isInstanceOfSatisfying(FetchFailure.class, f -> assertThat(f.outcome()).isEqualTo(Outcome.BLOCKED_ADDRESS));
        assertThat(internalHits.get()).isZero();
    }

    @Test
    void shouldReadChunkedBodies() throws Exception {
        FetchResult r = fetcher().get(URI.create("http://127.0.0.2:" + origin.getAddress().getPort() + "/chunked"), Map.of(), "*/*", false);
        assertThat(r.status()).isEqualTo(200);
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).startsWith("<p>chunk 0</p>").endsWith("<p>chunk 49</p>");
        assertThat(r.mediaType()).isEqualTo("text/html");
    }
}
