package dev.newsflow.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/metrics.md agrees with the code, and nothing deployed relies on a meter that is only planned. */
class MetricsCatalogueTest {
    @Test
    void shouldDocumentEveryKindOfMeterTheIssueAsksFor() {
        List<String> meters = MetricsCatalogue.load().stream().map(MetricsCatalogue.Entry::meter).toList();
        assertThat(meters).contains("news.fetch.requests", "news.source.last.success", "news.extract.fields", "news.dead.letters",
                "news.dedup.decisions", "news.sink.rows", "news.sink.commit.duration", "news.source.last.article", "news.article.ingest.delay",
                "news.consumer.lag");
    }

    @Test
    void shouldReadTheDocumentedLabelsOfEachMeter() {
        java.util.Map<String, java.util.Set<String>> labels = MetricsCatalogue.existing().stream()
                .collect(java.util.stream.Collectors.toMap(MetricsCatalogue.Entry::meter, MetricsCatalogue.Entry::labels));
        assertThat(labels.get("news.dedup.decisions")).contains("kind", "source");
        assertThat(labels.get("news.source.last.article")).contains("source");
        assertThat(labels.get("news.stage.duration")).contains("stage");
        assertThat(labels.get("news.fetch.requests")).contains("kind", "source", "outcome");
    }

    @Test
    void everyDocumentedMeterShouldBeRegisteredUnderThatNameInTheCode() {
        String code = mainSources();
        List<String> missing = new ArrayList<>();
        for (MetricsCatalogue.Entry e : MetricsCatalogue.existing()) {
            if (!code.contains("\"" + e.meter() + "\"")) {
                missing.add(e.meter());
            }
        }
        assertThat(missing).as("meters documented in docs/metrics.md but not registered in services/*/src/main").isEmpty();
    }

    @Test
    void documentedSeriesNamesShouldFollowMicrometersPrometheusNaming() {
        for (MetricsCatalogue.Entry e : MetricsCatalogue.existing()) {
            assertThat(e.prometheus()).as(e.meter()).startsWith(e.meter().replace('.', '_'));
        }
    }

    @Test
    void noDashboardOrAlertShouldUseAPlannedSeries() {
        List<String> used = new ArrayList<>();
        Dashboards.queries().forEach(q -> used.addAll(PromQl.metricNames(q.expr())));
        PromtoolRulesTest.allAlerts().forEach(a -> used.addAll(PromQl.metricNames(a.expr())));
        List<MetricsCatalogue.Entry> existing = MetricsCatalogue.existing();
        for (MetricsCatalogue.Entry planned : MetricsCatalogue.planned()) {
            if (existing.stream().anyMatch(e -> e.prometheus().equals(planned.prometheus()))) {
                continue;    // a label to add to an existing meter
            }
            assertThat(used).as("planned " + planned.meter()).noneMatch(planned::covers);
        }
    }

    private static String mainSources() {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(RepoFiles.path("services"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/")).toList()) {
                all.append(Files.readString(f, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return all.toString();
    }
}
