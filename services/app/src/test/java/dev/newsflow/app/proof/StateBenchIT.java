package dev.newsflow.app.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bench state} on 200 articles in two checkpoints (embedded broker, real processor): every checkpoint row, the per-store and
 * per-topic figures, the fitted growth and the per-million line are printed, and the synthetic articles are what the
 * benchmark claims: all new, distinct (no near-duplicate links), with mirror, tracking and revision copies recognised.
 */
@Tag("integration")
@Timeout(300) // 34 s at load average 3-5, 47 s at 11 on the shared 2-core machine; generous for a saturated one
class StateBenchIT {
    @TempDir
    Path tmp;

    @Test
    void shouldPrintStateFiguresPerCheckpointAndPerMillionArticles() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = new CommandLine(new StateBench(out)).execute("--articles", "200", "--checkpoints", "2",
                "--reference-texts", referenceTexts().toString(), "--work-dir", tmp.resolve("bench").toString());
        String report = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(report);

        assertThat(exit).as(report).isZero();
        assertThat(report).contains("state_disk_MB", "changelog_MB", "heap_after_gc_MB", "rss_MB")
                .containsPattern("(?m)^\\s+100\\s+\\d+")
                .containsPattern("(?m)^\\s+200\\s+\\d+")
                .containsPattern("(?m)^dedup-shingles\\s+\\d+\\.\\d")
                .containsPattern("(?m)^dedup-story-store\\s+\\d+\\.\\d")
                .contains("-dedup-shingles-changelog")
                .containsPattern("state on disk \\(after a clean close\\)\\s+\\d+\\.\\d per article")
                .containsPattern("per article: [1-9]\\d* bytes state on disk")
                .containsPattern("=> per million articles: \\d+\\.\\d\\d GB state on disk")
                .contains("steady stream over the 14-day retention");
        assertThat(report).contains("new=200", "mirror=", "tracking=20", "revision=").doesNotContainPattern("[{ ]duplicate=");
    }

    /** {@code ground-truth.json} of the article-extraction dev set, in {@code shared/benchmarks} above the repository. */
    private static Path referenceTexts() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/benchmarks/article-extraction/dev/ground-truth.json");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("../shared/benchmarks/article-extraction/dev/ground-truth.json not found above " + Path.of("").toAbsolutePath());
    }
}
