package dev.newsflow.processor.dedup;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Records the CPU time of one {@code process} call in {@value #CPU_SAMPLE_EVERY} of a dedup stage into
 * {@code news.dedup.stage.cpu{stage=...}} (thread CPU time, so a busy machine does not inflate it; falls back to
 * elapsed time, for every call, where the JVM cannot tell), and the elapsed time of every call into
 * {@code news.stage.duration{stage=dedup-...}}. Reading the thread's CPU clock is a system call (~0.8 % of the
 * pipeline's CPU when done twice per record): the sampled timer's mean is still the CPU per record, and
 * mean × the elapsed timer's count the stage's total.
 */
final class TimedProcessor<KI, VI, KO, VO> implements Processor<KI, VI, KO, VO> {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final boolean CPU = THREADS.isCurrentThreadCpuTimeSupported();
    /** CPU time is read for one call in this many (a power of two). */
    static final int CPU_SAMPLE_EVERY = 8;

    private final Processor<KI, VI, KO, VO> delegate;
    private final DedupMetrics.Stage timers;
    private int calls;

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
        boolean cpu = CPU && (calls++ & (CPU_SAMPLE_EVERY - 1)) == 0;
        long startCpu = cpu ? THREADS.getCurrentThreadCpuTime() : 0;
        long startNanos = System.nanoTime();
        try {
            delegate.process(record);
        } finally {
            long elapsed = System.nanoTime() - startNanos;
            if (cpu) {
                timers.cpu().record(THREADS.getCurrentThreadCpuTime() - startCpu, TimeUnit.NANOSECONDS);
            } else if (!CPU) {
                timers.cpu().record(elapsed, TimeUnit.NANOSECONDS);
            }
            timers.elapsed().record(elapsed, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void close() {
        delegate.close();
    }
}
