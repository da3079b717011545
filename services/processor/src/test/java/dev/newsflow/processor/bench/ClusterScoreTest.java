package dev.newsflow.processor.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ClusterScoreTest {
    /** The dev set relative to the module (main checkout and worktrees sit at different depths under /work). */
    static final Path DEV = java.util.stream.Stream.of("../../../shared", "../../../../shared", "/work/shared")
            .map(p -> Path.of(p, "benchmarks/story-dedup/dev")).filter(Files::isDirectory).findFirst()
            .orElse(Path.of("../../../shared/benchmarks/story-dedup/dev"));

    @Test
    void shouldScoreASmallClustering() {
        Map<String, DedupDataset.Gold> gold = Map.of(
                "a", new DedupDataset.Gold("s1", "original"), "b", new DedupDataset.Gold("s1", "mirror"),
                "c", new DedupDataset.Gold("s2", "original"), "d", new DedupDataset.Gold("s2", "syndicated"),
                "e", new DedupDataset.Gold("s3", "distinct-same-template"));
        ClusterScore s = ClusterScore.of(gold, Map.of("a", "x", "b", "x", "c", "y", "d", "z", "e", "y"));
        assertThat(s.precision()).isEqualTo(0.5);
        assertThat(s.recall()).isEqualTo(0.5);
        assertThat(s.falseMerges()).isEqualTo(1);
        assertThat(s.storiesSplit()).isEqualTo(1);
        assertThat(s.recallByKind()).containsEntry("mirror", 1.0).containsEntry("syndicated", 0.0)
                .containsEntry("distinct-same-template", 0.0);
    }

    @Test
    void shouldReproduceTheReadmeUrlNormalizedBaseline() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(DEV), "story-dedup dev set not present");
        DedupDataset ds = DedupDataset.load(DEV);
        Map<String, String> predicted = new HashMap<>();
        for (DedupDataset.Fetch f : ds.fetches()) {
            String u = f.url().replaceFirst("[?#].*$", "").replaceFirst("^[a-zA-Z]+://", "");
            int slash = u.indexOf('/');
            String host = (slash < 0 ? u : u.substring(0, slash)).toLowerCase(Locale.ROOT).replaceFirst("^www\\.", "");
            predicted.put(f.page(), host + (slash < 0 ? "" : u.substring(slash)));
        }
        ClusterScore s = ClusterScore.of(ds.gold(), predicted);
        assertThat(s.precision()).isCloseTo(0.9820, within(0.00005));
        assertThat(s.recall()).isCloseTo(0.3743, within(0.00005));
        assertThat(s.f1()).isCloseTo(0.5420, within(0.00005));
        assertThat(s.recallByKind().get("tracking")).isEqualTo(1.0);
        assertThat(s.recallByKind().get("mirror")).isEqualTo(0.0);
        assertThat(s.recallByKind().get("distinct-same-template")).isCloseTo(0.9688, within(0.00005));
        assertThat(s.falseMerges()).isEqualTo(7);
        assertThat(s.storiesSplit()).isEqualTo(127);
    }
}
