package dev.newsflow.app.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndToEndBenchmarksTest {
    @Test
    void shouldSetTheAlternatedKeyToEachValueOverTheOtherSettings() {
        Map<String, String> base = Map.of("producer.batch.size", "262144", "producer.compression.type", "zstd");
        List<Map<String, String>> alternatives = EndToEndBenchmarks.alternatives("producer.compression.type=lz4|zstd|none", base);
        assertThat(alternatives).extracting(m -> m.get("producer.compression.type")).containsExactly("lz4", "zstd", "none");
        assertThat(alternatives).allSatisfy(m -> assertThat(m).containsEntry("producer.batch.size", "262144").hasSize(2));
        // a value may itself contain '=' (only the first one separates the key)
        assertThat(EndToEndBenchmarks.alternatives("k=a=1|b=2", Map.of())).extracting(m -> m.get("k")).containsExactly("a=1", "b=2");
    }

    @Test
    void shouldRefuseASpecWithoutKeyOrWithFewerThanTwoValues() {
        for (String bad : List.of("lz4|zstd", "=lz4|zstd", "k=lz4", "k=lz4|", "k=|zstd", "k=")) {
            assertThatThrownBy(() -> EndToEndBenchmarks.alternatives(bad, Map.of()))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("KEY=V1|V2");
        }
    }

    @Test
    void shouldWarmUpAtLeastMinRunsThenUntilTheJitSettlesAtMostMaxRuns() {
        assertThat(EndToEndBenchmarks.warmUpDone(0, Double.NaN, 1, 12, 1.0)).isFalse();
        assertThat(EndToEndBenchmarks.warmUpDone(1, 55.0, 1, 12, 1.0)).isFalse();
        assertThat(EndToEndBenchmarks.warmUpDone(3, 0.4, 4, 12, 1.0)).isFalse(); // settled early, but the minimum comes first
        assertThat(EndToEndBenchmarks.warmUpDone(4, 0.9, 4, 12, 1.0)).isTrue();
        assertThat(EndToEndBenchmarks.warmUpDone(12, 3.0, 1, 12, 1.0)).isTrue(); // never settled: stops at the maximum
        assertThat(EndToEndBenchmarks.warmUpDone(0, Double.NaN, 0, 12, 1.0)).isFalse(); // a bound needs a run to compare
        assertThat(EndToEndBenchmarks.warmUpDone(0, Double.NaN, 0, 12, 0)).isTrue(); // 0: exactly --warmup-runs
        assertThat(EndToEndBenchmarks.warmUpDone(2, 30.0, 2, 12, 0)).isTrue();
    }

    @Test
    void shouldPairEachRunWithTheReferenceMeasuredAfterIt() {
        List<Double> ratios = EndToEndBenchmarks.ratios(List.of(100.0, 90.0, 120.0), List.of(250.0, 300.0, 240.0));
        assertThat(ratios).containsExactly(0.4, 0.3, 0.5);
        assertThat(EndToEndBenchmarks.median(ratios)).isEqualTo(0.4);
        assertThat(EndToEndBenchmarks.rounded(ratios, 2)).isEqualTo("[0.40, 0.30, 0.50]");
        // fewer references than runs (an interrupted invocation): only the paired runs count
        assertThat(EndToEndBenchmarks.ratios(List.of(100.0, 90.0), List.of(200.0))).containsExactly(0.5);
    }
}
