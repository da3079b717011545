package dev.newsflow.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigNodeTest {

    @Test
    void shouldReadTypedValuesWithDefaults() {
        ConfigNode root = ConfigReport.parse("x.yml", "a:\n  every: 5m\n  size: 8MiB\n  n: 3\n  on: yes\n", Map.of());
        ConfigNode a = root.section("a");
        assertThat(a.duration("every", Duration.ZERO)).isEqualTo(Duration.ofMinutes(5));
        assertThat(a.bytes("size", 0)).isEqualTo(8L * 1024 * 1024);
        assertThat(a.integer("n", 0, 0, 10)).isEqualTo(3);
        assertThat(a.bool("on", false)).isTrue();
        assertThat(a.integer("missing", 7, 0, 10)).isEqualTo(7);
        root.report().throwIfAny();
    }

    @Test
    void shouldReportEveryProblemWithItsLine() {
        ConfigNode root = ConfigReport.parse("x.yml", "a:\n  every: soon\n  n: 99\n  typo: 1\n", Map.of());
        ConfigNode a = root.section("a");
        a.allowOnly(Set.of("every", "n"));
        a.duration("every", Duration.ZERO);
        a.integer("n", 0, 0, 10);
        assertThat(root.report().problems()).extracting(ConfigProblem::toString).containsExactlyInAnyOrder(
                "x.yml:4: 'a.typo' is not a known key (known: every, n)".replace("every, n", String.join(", ", Set.of("every", "n"))),
                "x.yml:2: 'a.every' value 'soon' is invalid: must be a duration like 500ms, 30s, 5m, 2h or 14d",
                "x.yml:3: 'a.n' value '99' is invalid: must be between 0 and 10");
        assertThatThrownBy(() -> root.report().throwIfAny()).isInstanceOf(ConfigException.class).hasMessageContaining("3 configuration problem(s)");
    }

    @Test
    void shouldLetEnvironmentOverrideFileValues() {
        ConfigNode root = ConfigReport.parse("x.yml", "kafka:\n  bootstrap-servers: a:1\n",
                Map.of("NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS", "b:2"));
        assertThat(root.section("kafka").string("bootstrap-servers", "")).isEqualTo("b:2");
    }

    @Test
    void shouldReportYamlSyntaxErrorsWithLine() {
        ConfigNode root = ConfigReport.parse("x.yml", "a: [1, 2\nb: c\n", Map.of());
        assertThat(root.report().problems()).hasSize(1);
        assertThat(root.report().problems().get(0).message()).startsWith("is not valid YAML");
    }
}
