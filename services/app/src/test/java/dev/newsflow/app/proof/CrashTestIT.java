package dev.newsflow.app.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Short crash test: 2,000 articles (500 with a mirror copy), broker/fetcher/processor/sink in separate JVMs,
 * four kill -9 events on the processor and sink (the last one both at once) and one broker restart. The fetcher is
 * paced at 20 pages/s per host so the run lasts about two minutes and the events land while articles flow.
 */
@Tag("integration")
@Timeout(480)
class CrashTestIT {

    @TempDir
    Path tmp;

    @Test
    void shouldStoreEveryArticleExactlyOnceDespiteKillsAndABrokerRestart() throws Exception {
        long seed = Long.getLong("crash.seed", System.currentTimeMillis());
        CrashTest.Result r = new CrashTest(new CrashTest.Settings(2000, 4, 4, seed, "256m", Duration.ofMinutes(6), "50ms"), tmp).run();
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        r.print(new PrintStream(text, true, StandardCharsets.UTF_8));
        String report = "seed " + seed + "\n" + text.toString(StandardCharsets.UTF_8);
        System.out.println(report);
        assertThat(r.problems()).as(report).isEmpty();
        assertThat(r.events()).as(report).filteredOn(e -> e.startsWith("kill -9")).hasSizeGreaterThanOrEqualTo(3);
        assertThat(r.events()).as(report).anyMatch(e -> e.startsWith("broker restarted"));
        assertThat(r.figures()).as(report).containsEntry("db.articles.current", 2000L).containsEntry("topic.articles.duplicates", 0L);
    }
}
