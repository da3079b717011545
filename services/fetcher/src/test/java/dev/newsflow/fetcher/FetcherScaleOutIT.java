package dev.newsflow.fetcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.avro.RawPage;
import dev.newsflow.testkit.KafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two fetcher instances in one group split the hosts through the request topic; per-host politeness holds across them. */
@Tag("integration")
@Timeout(180)
class FetcherScaleOutIT {
    @RegisterExtension
    static KafkaBroker kafka = new KafkaBroker();

    TestSite site;
    FetcherHarness h;

    @BeforeEach
    void setUp() throws Exception {
        site = new TestSite();
        h = new FetcherHarness(kafka);
    }

    @AfterEach
    void tearDown() throws Exception {
        h.close();
        site.close();
    }

    /** Two host names per request-topic partition, so both instances get work whatever the assignment. */
    private static List<String> hostsCoveringPartitions(int partitions) {
        Map<Integer, List<String>> byPartition = new HashMap<>();
        for (int i = 0; byPartition.values().stream().mapToInt(List::size).sum() < 2 * partitions; i++) {
            String host = "h" + i + ".test";
            int p = Utils.toPositive(Utils.murmur2(host.getBytes(StandardCharsets.UTF_8))) % partitions;
            List<String> l = byPartition.computeIfAbsent(p, k -> new ArrayList<>());
            if (l.size() < 2) {
                l.add(host);
            }
        }
        return byPartition.values().stream().flatMap(List::stream).sorted().toList();
    }

    @Test
    void shouldSplitHostsBetweenTwoInstancesAndFetchEveryPageOnce() throws Exception {
        List<String> hosts = hostsCoveringPartitions(3);
        StringBuilder sources = new StringBuilder("sources:\n");
        StringBuilder resolve = new StringBuilder("resolve: {");
        List<String> expected = new ArrayList<>();
        for (String host : hosts) {
            String id = host.replace(".test", "");
            List<String> links = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                links.add(site.base(host) + "/" + id + "/a" + i);
            }
            expected.addAll(links);
            site.page("/" + id + "/feed.xml", "application/rss+xml", TestSite.rss(links.toArray(String[]::new)));
            site.on("/" + id + "/", ex -> TestSite.send(ex, 200, "text/html", "<html><title>" + ex.getRequestURI() + "</title></html>"));
            sources.append("  - id: ").append(id).append("\n    hosts: [").append(host).append("]\n    allow-private-network: true\n")
                    .append("    schedule: {every: 1h}\n    politeness: {min-delay: 200ms, max-concurrency: 1, respect-robots: false}\n")
                    .append("    feeds: [").append(site.base(host)).append("/").append(id).append("/feed.xml]\n");
            resolve.append(host).append(": 127.0.0.1, ");
        }
        String fetcherYaml = resolve.substring(0, resolve.length() - 2) + "}\n";
        h.sources("sources:\n  - id: placeholder\n    hosts: [placeholder.test]\n    enabled: false\n");
        SimpleMeterRegistry ma = new SimpleMeterRegistry();
        SimpleMeterRegistry mb = new SimpleMeterRegistry();
        FetcherService a = h.start(FetcherHarness.config(h.baseConfig("a", fetcherYaml)), ma);
        FetcherService b = h.start(FetcherHarness.config(h.baseConfig("b", fetcherYaml)), mb);
        await().atMost(Duration.ofSeconds(60)).until(() -> !a.ownedPartitions().isEmpty() && !b.ownedPartitions().isEmpty()
                && a.ownedPartitions().size() + b.ownedPartitions().size() == 3);
        h.sources(sources.toString());

        await().atMost(Duration.ofSeconds(120)).until(() -> a.stats().pagesFetched() + b.stats().pagesFetched() == expected.size()
                && a.isIdle() && b.isIdle());

        List<RawPage> pages = h.rawPages();
        assertThat(pages).extracting(p -> p.getRequestedUrl().toString()).hasSize(expected.size()).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(a.stats().pagesFetched()).isPositive();
        assertThat(b.stats().pagesFetched()).isPositive();
        assertThat(FetcherHarness.count(ma, "news.fetch.requests", "kind", "page", "outcome", "ok")
                + FetcherHarness.count(mb, "news.fetch.requests", "kind", "page", "outcome", "ok")).isEqualTo(expected.size());
        for (String host : hosts) {
            List<TestSite.Hit> hits = site.hits.stream().filter(x -> x.host().startsWith(host + ":"))
                    .sorted(Comparator.comparingLong(TestSite.Hit::startNanos)).toList();
            assertThat(hits).hasSize(6);
            for (int i = 1; i < hits.size(); i++) {
                assertThat(hits.get(i).startNanos()).as("no overlap on " + host).isGreaterThan(hits.get(i - 1).endNanos());
                assertThat(hits.get(i).startNanos() - hits.get(i - 1).endNanos()).as("delay on " + host)
                        .isGreaterThanOrEqualTo(Duration.ofMillis(150).toNanos());
            }
        }
    }
}
