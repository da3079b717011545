package dev.newsflow.processor.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.processor.bench.DateBench;
import dev.newsflow.processor.bench.ExtractBench;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Runs the extractor on the shared benchmark dev parts and fails when quality drops below the floor (measured value
 * minus at most 0.005; see docs/BENCHMARKS.md). The data lives outside the repository, next to it.
 */
public class BenchmarkFloorTest {
    /** Measured 0.971 (P 0.966, R 0.976). */
    static final double BODY_F1_FLOOR = 0.966;
    /** Measured 0.939 (629 of 670). */
    static final double DATE_ACCURACY_FLOOR = 0.935;

    /**
     * {@code ../shared/benchmarks} relative to the repository root: {@code ../../../shared/benchmarks} from this module in
     * the main checkout; walking further up also covers worktrees nested one level deeper. {@code -Dnewsflow.benchmarks}
     * overrides.
     */
    public static Path benchmarks() {
        String override = System.getProperty("newsflow.benchmarks");
        if (override != null) {
            return Path.of(override);
        }
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < 6 && dir != null; up++, dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/benchmarks");
            if (Files.isDirectory(candidate.resolve("article-extraction/dev"))) {
                return candidate;
            }
        }
        throw new AssertionError("benchmark data not found: expected ../shared/benchmarks next to the repository root"
                + " (searched upwards from " + Path.of("").toAbsolutePath() + "; or set -Dnewsflow.benchmarks=DIR)");
    }

    @Test
    void shouldKeepBodyF1AboveFloor() throws Exception {
        ExtractBench.Report r = ExtractBench.score(ExtractBench.load(benchmarks().resolve("article-extraction/dev")),
                new ArticleExtractor());
        assertThat(r.aggregate().f1()).as("body F1").isGreaterThanOrEqualTo(BODY_F1_FLOOR);
        assertThat(r.aggregate().precision()).as("precision").isGreaterThanOrEqualTo(0.95);
        assertThat(r.aggregate().recall()).as("recall").isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void shouldKeepDateAccuracyAboveFloor() throws Exception {
        DateBench.Report r = DateBench.score(DateBench.load(benchmarks().resolve("publication-date/dev")), new ArticleExtractor());
        assertThat(r.accuracy()).as("date accuracy").isGreaterThanOrEqualTo(DATE_ACCURACY_FLOOR);
    }
}
