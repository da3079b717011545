package dev.newsflow.app.proof;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Where a benchmark JVM's CPU goes, by thread group (stream threads, parse-ahead workers, broker request handling,
 * producer I/O, fetch workers, sink, load site): CPU time of each live Java thread between two snapshots. GC and JIT
 * compiler threads are not Java threads; they are the process CPU the groups do not account for.
 */
final class ThreadCpu {
    private record Group(String name, Predicate<String> matches) {
    }

    // first match wins: a stream thread's producer I/O thread is named after its client id, "…-StreamThread-1-producer"
    private static final List<Group> GROUPS = List.of(
            new Group("producer I/O", n -> n.startsWith("kafka-producer-network-thread")),
            new Group("stream threads", n -> n.contains("-StreamThread-") && !n.startsWith("kafka-")),
            new Group("parse-ahead", n -> n.startsWith("parse-ahead-")),
            new Group("broker requests", n -> n.startsWith("data-plane-kafka")),
            new Group("fetch workers", n -> n.startsWith("fetcher-worker")),
            new Group("sink", n -> n.startsWith("newsflow-sink")),
            new Group("load site", n -> n.startsWith("load-site")));

    private record Sample(String name, long cpuNanos) {
    }

    /** By thread id. */
    private final Map<Long, Sample> threads;

    private ThreadCpu(Map<Long, Sample> threads) {
        this.threads = threads;
    }

    /** CPU time of every live Java thread now (empty when the JVM cannot measure thread CPU). */
    static ThreadCpu snapshot() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        Map<Long, Sample> threads = new HashMap<>();
        if (!mx.isThreadCpuTimeSupported() || !mx.isThreadCpuTimeEnabled()) {
            return new ThreadCpu(threads);
        }
        for (ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t == null) {
                continue;
            }
            long nanos = mx.getThreadCpuTime(t.getThreadId());
            if (nanos >= 0) {
                threads.put(t.getThreadId(), new Sample(t.getThreadName(), nanos));
            }
        }
        return new ThreadCpu(threads);
    }

    /** CPU nanoseconds per group since {@code earlier} (threads started since then count from zero), "other" last. */
    Map<String, Long> since(ThreadCpu earlier) {
        Map<String, Long> out = new LinkedHashMap<>();
        GROUPS.forEach(g -> out.put(g.name(), 0L));
        out.put("other Java threads", 0L);
        threads.forEach((id, now) -> {
            Sample before = earlier.threads.get(id);
            long delta = now.cpuNanos() - (before == null ? 0 : before.cpuNanos());
            String group = GROUPS.stream().filter(g -> g.matches().test(now.name())).map(Group::name).findFirst().orElse("other Java threads");
            out.merge(group, Math.max(0, delta), Long::sum);
        });
        return out;
    }

    /** "stream threads 4.1, parse-ahead 3.2, …, GC/JIT/native 1.9" CPU-ms per article. */
    static String perArticle(Map<String, Long> groups, long processCpuNanos, long articles) {
        StringBuilder sb = new StringBuilder();
        long accounted = 0;
        for (Map.Entry<String, Long> e : groups.entrySet()) {
            accounted += e.getValue();
            sb.append(sb.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue() / 1e6 / Math.max(1, articles)));
        }
        sb.append(String.format(Locale.ROOT, ", GC/JIT/VM (not Java threads) %.2f",
                Math.max(0, processCpuNanos - accounted) / 1e6 / Math.max(1, articles)));
        return sb.toString();
    }
}
