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

    private final Admin admin;
    private final Map<String, Object> clientProps;
    private final Map<String, Supplier<Set<String>>> groups;
    private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();
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
            try {
                Set<String> topics = new HashSet<>(g.getValue().get());
                values.get(g.getKey()).set(Lag.pending(admin, clientProps, g.getKey(), topics));
            } catch (Exception e) {
                LOG.debug("Lag of group {} not measured: {}", g.getKey(), e.toString());
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        admin.close();
    }
}
