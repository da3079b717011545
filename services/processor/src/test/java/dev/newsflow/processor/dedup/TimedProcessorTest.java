package dev.newsflow.processor.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class TimedProcessorTest {
    @Test
    void shouldTimeEveryRecordAndReadTheCpuClockForOneInEight() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Timer cpu = meters.timer("cpu");
        Timer elapsed = meters.timer("elapsed");
        int[] seen = {0};
        long[] sink = {0};
        Processor<String, String, String, String> busy = record -> {
            seen[0]++;
            long x = seen[0];
            for (int i = 0; i < 300_000; i++) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
            sink[0] += x;
        };
        TimedProcessor<String, String, String, String> timed = new TimedProcessor<>(busy, new DedupMetrics.Stage(cpu, elapsed));
        for (int i = 0; i < 8 * TimedProcessor.CPU_SAMPLE_EVERY; i++) {
            timed.process(new Record<>("k", "v", i));
        }
        assertThat(seen[0]).isEqualTo(64);
        assertThat(elapsed.count()).isEqualTo(64);
        boolean cpuClock = ManagementFactory.getThreadMXBean().isCurrentThreadCpuTimeSupported();
        assertThat(cpu.count()).isEqualTo(cpuClock ? 8 : 64);
        // the sampled mean is still the CPU per record: each record does the same fixed work (~0.1-0.3 ms)
        assertThat(cpu.mean(TimeUnit.MICROSECONDS)).isGreaterThan(20);
        assertThat(sink[0]).isNotZero();
    }
}
