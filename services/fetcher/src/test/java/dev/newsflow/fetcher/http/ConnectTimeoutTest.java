package dev.newsflow.fetcher.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The connect timeout, on loopback: a listening socket that never accepts, with its accept queue filled, makes the
 * kernel drop further SYNs, so a new connection neither succeeds nor fails — exactly a server that does not answer.
 */
class ConnectTimeoutTest {
    @Test
    void shouldGiveUpOnAServerThatNeverCompletesTheHandshake() throws Exception {
        List<Socket> fillers = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            InetSocketAddress at = new InetSocketAddress("127.0.0.1", silent.getLocalPort());
            for (int i = 0; i < 4; i++) { // fill the accept queue (backlog 1 holds up to 2); later connects hang
                Socket s = new Socket();
                fillers.add(s);
                try {
                    s.connect(at, 300);
                } catch (java.io.IOException hung) {
                    break; // the queue is full
                }
            }
            SafeResolver resolver = new SafeResolver(Map.of(), (a, allowPrivate) -> true);
            HttpFetcher fetcher = new HttpFetcher(new Http1Client(resolver),
                    new HttpLimits(Duration.ofMillis(500), Duration.ofSeconds(5), Duration.ofSeconds(20), 1 << 20, true, 5), "newsflow-test/1");
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> fetcher.get(URI.create("http://127.0.0.1:" + silent.getLocalPort() + "/"), Map.of(), "*/*", true))
                    .isInstanceOfSatisfying(FetchFailure.class, f -> assertThat(f.outcome()).isEqualTo(Outcome.TIMEOUT));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("the connect timeout, not the total timeout, ended it")
                    .isLessThan(Duration.ofSeconds(4));
        } finally {
            for (Socket s : fillers) {
                s.close();
            }
        }
    }
}
