package dev.newsflow.processor.dedup;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Records the CPU time of each {@code process} call of a dedup stage into {@code news.dedup.stage.cpu{stage=...}}
 * (thread CPU time, so a busy machine does not inflate it; falls back to elapsed time where the JVM cannot tell),
 * and its elapsed time into {@code news.stage.duration{stage=dedup-...}}.
 */
final class TimedProcessor<KI, VI, KO, VO> implements Processor<KI, VI, KO, VO> {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean CPU = THREADS.isCurrentThreadCpuTimeSupported();

    private final Processor<KI, VI, KO, VO> delegate;
    private final DedupMetrics.Stage timers;

    TimedProcessor(Processor<KI, VI, KO, VO> delegate, DedupMetrics.Stage timers) {
        this.delegate = delegate;
        this.timers = timers;
    }

    @Override
    public void init(ProcessorContext<KO, VO> context) {
        delegate.init(context);
    }

    @Override
    public void process(Record<KI, VI> record) {
        long start = now();
        long startNanos = System.nanoTime();
        try {
            delegate.process(record);
        } finally {
            timers.cpu().record(now() - start, TimeUnit.NANOSECONDS);
            timers.elapsed().record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        }
    }

    private static long now() {
        return CPU ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
