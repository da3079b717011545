package dev.newsflow.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PromQlTest {
    @Test
    void shouldFindMetricsButNotFunctionsAggregationsOrLabels() {
        assertThat(PromQl.metricNames("histogram_quantile(0.95, sum by (le, kind) (rate(news_fetch_duration_seconds_bucket{kind=\"page\"}[$__rate_interval])))"))
                .containsExactly("news_fetch_duration_seconds_bucket");
    }

    @Test
    void shouldFindBothSidesOfBinaryOperatorsWithMatching() {
        assertThat(PromQl.metricNames("sum by (source) (increase(a_total[6h])) == 0 and on (source) (time() - b_gauge) < 3600"))
                .containsExactly("a_total", "b_gauge");
        assertThat(PromQl.metricNames("x / ignoring(outcome) group_left y * on(instance) group_right(job) z"))
                .containsExactly("x", "y", "z");
    }

    @Test
    void shouldIgnoreStringsNumbersDurationsAndGrafanaVariables() {
        assertThat(PromQl.metricNames("max(time() - m{source=~\"$source\", x='by (y)'}) offset 5m > 1e9 or vector(0) * 0x1F"))
                .containsExactly("m");
        assertThat(PromQl.metricNames("rate(m[${__rate_interval}]) > bool 1.5"))
                .containsExactly("m");
    }

    @Test
    void shouldTreatAggregationWithTrailingByAndNameMatchers() {
        assertThat(PromQl.metricNames("max(kafka_stream_client_state) by (application_id)")).containsExactly("kafka_stream_client_state");
        assertThat(PromQl.metricNames("count({__name__=\"up\", job=\"newsflow\"})")).containsExactly("up");
        assertThat(PromQl.metricNames("min_over_time(sum(m)[1h:5m])")).containsExactly("m");
    }

    @Test
    void shouldRejectUnbalancedBrackets() {
        assertThatThrownBy(() -> PromQl.metricNames("sum(rate(m[5m])")).isInstanceOf(IllegalArgumentException.class);
    }
}
