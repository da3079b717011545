package dev.newsflow.app.runtime;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@code news.consumer.lag{group}}: records each consumer group has yet to consume, measured from the
 * broker every interval — so lag stays visible when the consumer itself is down (its client metrics vanish).
 */
final class LagMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LagMonitor.class);
    /** How long {@link #close} waits for a measurement in progress to end before interrupting it. */
    private static final long CLOSE_WAIT_SECONDS = 2;

    private final Admin admin;
    private final Map<String, Object> clientProps;
    private final Map<String, Supplier<Set<String>>> groups;
    private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();
    private volatile boolean closing;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lag-monitor");
        t.setDaemon(true);
        return t;
    });

    /** @param groups group id → the topics it consumes (evaluated at each measurement) */
    LagMonitor(Map<String, Object> clientProps, Map<String, Supplier<Set<String>>> groups, MeterRegistry meters, long intervalSeconds) {
        this.clientProps = clientProps;
        this.groups = groups;
        this.admin = Admin.create(clientProps);
        groups.keySet().forEach(g -> {
            AtomicLong v = new AtomicLong();
            values.put(g, v);
            Gauge.builder("news.consumer.lag", v, AtomicLong::get).tag("group", g)
                    .description("Records the consumer group has not consumed yet (read_committed)").register(meters);
        });
        executor.scheduleWithFixedDelay(this::measure, 5, intervalSeconds, TimeUnit.SECONDS);
    }

    private void measure() {
        for (Map.Entry<String, Supplier<Set<String>>> g : groups.entrySet()) {
            if (closing) {
                return;
            }
            try {
                Set<String> topics = new HashSet<>(g.getValue().get());
                long pending = Lag.pending(admin, clientProps, g.getKey(), topics, () -> closing);
                if (!closing) { // a count cut short by close is a lower bound: not published
                    values.get(g.getKey()).set(pending);
                }
            } catch (Exception e) {
                LOG.debug("Lag of group {} not measured: {}", g.getKey(), e.toString());
            }
        }
    }

    /**
     * Lets a measurement in progress end (its read_committed consumer stops between polls and closes normally)
     * instead of interrupting it: an interrupted consumer logs an ERROR while closing its fetcher.
     */
    @Override
    public void close() {
        closing = true;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        admin.close();
    }
}
