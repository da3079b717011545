package dev.newsflow.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class SinkMetricsTest {
    @Test
    void shouldKeepTheSourceLabelSetClosed() {
        SinkMetrics m = new SinkMetrics(new SimpleMeterRegistry());
        assertThat(m.sourceLabel(null)).isEqualTo("unknown");
        assertThat(m.sourceLabel(" ")).isEqualTo("unknown");
        for (int i = 0; i < SinkMetrics.MAX_SOURCE_LABELS; i++) {
            assertThat(m.sourceLabel("source-" + i)).isEqualTo("source-" + i);
        }
        assertThat(m.sourceLabel("one-too-many")).isEqualTo("other");
        assertThat(m.sourceLabel("source-7")).as("known ids keep their label").isEqualTo("source-7");
    }
}
