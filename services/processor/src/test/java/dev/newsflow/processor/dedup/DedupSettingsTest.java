package dev.newsflow.processor.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.common.config.ConfigNode;
import dev.newsflow.common.config.ConfigReport;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DedupSettingsTest {

    @Test
    void shouldReadEveryKey() {
        ConfigNode n = ConfigReport.parse("newsflow.yml", """
                retention: 7d
                purge-interval: 30m
                max-urls: 20
                min-words: 80
                shingle: 4
                blocks: 10
                anchors: 6
                max-distance: 14
                min-containment: 0.85
                min-jaccard: 0.3
                max-candidates: 4
                decision-timeout: 2m
                mirror-evidence: 5
                late-window: 6h
                layout: Partitioned
                """, Map.of());
        DedupSettings s = DedupSettings.from(n);
        n.report().throwIfAny();
        assertThat(s).isEqualTo(new DedupSettings(Duration.ofDays(7), Duration.ofMinutes(30), 20, 80, 4, 10, 6, 14, 0.85, 0.3, 4,
                Duration.ofMinutes(2), 5, Duration.ofHours(6), DedupLayout.PARTITIONED));
    }

    @Test
    void shouldDefaultToFourteenDaysRetention() {
        assertThat(DedupSettings.from(ConfigReport.empty(Map.of())).retention()).isEqualTo(Duration.ofDays(14));
    }

    @Test
    void shouldDefaultToTheSingleTaskLayout() {
        assertThat(DedupSettings.from(ConfigReport.empty(Map.of())).layout()).isEqualTo(DedupLayout.SINGLE_TASK);
    }

    @Test
    void shouldReportEveryBadValueTogether() {
        ConfigNode n = ConfigReport.parse("newsflow.yml", """
                retention: 0s
                min-containment: 1.5
                blocks: 10
                max-distance: 3
                colour: blue
                layout: sharded
                """, Map.of());
        DedupSettings.from(n);
        assertThat(n.report().problems()).extracting(p -> p.path()).containsExactlyInAnyOrder("colour", "retention", "min-containment",
                "max-distance", "layout");
        assertThat(n.report().problems()).filteredOn(p -> p.path().equals("layout")).singleElement().extracting(p -> p.message()).asString()
                .contains("single-task, partitioned");
    }
}
