package dev.newsflow.app.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ThreadCpuTest {
    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    private static Thread spinning(String name, AtomicBoolean stop) {
        Thread t = new Thread(() -> {
            long x = 0;
            while (!stop.get()) {
                x += Long.numberOfTrailingZeros(x + 1);
            }
            if (x == 42) {
                System.out.print("");
            }
        }, name);
        t.start();
        return t;
    }

    private static long cpu(Thread t) {
        return MX.getThreadCpuTime(t.getId());
    }

    @Test
    void shouldChargeEachThreadsCpuToItsGroup() throws Exception {
        ThreadCpu before = ThreadCpu.snapshot();
        AtomicBoolean stopFirst = new AtomicBoolean();
        Thread worker = spinning("parse-ahead-7", stopFirst);
        Thread.sleep(50);
        stopFirst.set(true);
        worker.join();
        // a finished thread is gone from the next snapshot; these two still run when it is taken
        AtomicBoolean stop = new AtomicBoolean();
        Thread stream = spinning("newsflow-processor-1234-StreamThread-1", stop);
        Thread producer = spinning("kafka-producer-network-thread | newsflow-processor-1234-StreamThread-1-producer", stop);
        while (cpu(stream) < 100_000_000L || cpu(producer) < 100_000_000L) {
            Thread.sleep(20);
        }
        Map<String, Long> groups = ThreadCpu.snapshot().since(before);
        long streamCpu = cpu(stream); // later than the snapshot: at least what it saw (a finished thread has no CPU time)
        stop.set(true);
        stream.join();
        producer.join();
        assertThat(groups.keySet()).startsWith("producer I/O", "stream threads", "parse-ahead").endsWith("other Java threads");
        assertThat(groups.get("producer I/O")).isGreaterThanOrEqualTo(100_000_000L);
        // the stream thread's producer, named after its client id, is not charged to the stream threads
        assertThat(groups.get("stream threads")).isGreaterThanOrEqualTo(100_000_000L).isLessThanOrEqualTo(streamCpu);
        assertThat(groups.get("parse-ahead")).as("a thread that ended before the snapshot is not counted").isZero();
        String line = ThreadCpu.perArticle(groups, groups.values().stream().mapToLong(Long::longValue).sum() + 5_000_000L, 10);
        assertThat(line).startsWith("producer I/O ").contains("parse-ahead 0.00").endsWith("GC/JIT/VM (not Java threads) 0.50");
    }
}
