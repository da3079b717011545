package dev.newsflow.app.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

    private static void spin(long nanos) {
        long end = System.nanoTime() + nanos;
        long x = 0;
        while (System.nanoTime() < end) {
            x += Long.numberOfTrailingZeros(x + 1);
        }
        if (x == 42) {
            System.out.print("");
        }
    }

    @Test
    void shouldChargeEachThreadsCpuToItsGroup() throws Exception {
        ThreadCpu before = ThreadCpu.snapshot();
        Thread worker = new Thread(() -> spin(200_000_000L), "parse-ahead-7");
        worker.start();
        worker.join();
        // a finished thread is gone from the next snapshot: measure while a second one still runs
        Thread stream = new Thread(() -> spin(600_000_000L), "newsflow-processor-1234-StreamThread-1");
        stream.start();
        Thread.sleep(300);
        Map<String, Long> groups = ThreadCpu.snapshot().since(before);
        stream.join();
        assertThat(groups.keySet()).startsWith("stream threads", "parse-ahead").endsWith("other Java threads");
        assertThat(groups.get("stream threads")).isGreaterThan(100_000_000L);
        assertThat(groups.get("parse-ahead")).as("a thread that ended before the snapshot is not counted").isZero();
        String line = ThreadCpu.perArticle(groups, groups.values().stream().mapToLong(Long::longValue).sum() + 5_000_000L, 10);
        assertThat(line).startsWith("stream threads ").contains("parse-ahead 0.00").endsWith("GC/JIT/VM (not Java threads) 0.50");
    }
}
