package dev.newsflow.processor.metrics;

import dev.newsflow.common.sources.SourceDefinition;
import dev.newsflow.common.sources.SourcesConfig;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.TimeGauge;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * {@code news.source.last.article{source}} (Prometheus {@code news_source_last_article_seconds}): the wall-clock time
 * at which this processor instance last decided "new article" for each enabled source.
 * <p>
 * Per instance: each instance sees the stories of its own partitions, so dashboards and alerts take
 * {@code max by (source)}. A source starts at the time this instance began tracking it (its start, or the reload
 * that enabled the source): a restart does not make every source look stale, and a source that never yields an
 * article turns stale once the alert's window has passed. Sources that are removed or disabled lose their series.
 * Thread-safe: the stream threads of every task share one instance.
 */
public final class LastArticleGauges {
    public static final String NAME = "news.source.last.article";

    private final MeterRegistry meters;
    private final SourceLabels sources;
    private final LongSupplier clockMillis;
    private final Map<String, AtomicLong> last = new ConcurrentHashMap<>();
    private final Map<String, Meter> gauges = new ConcurrentHashMap<>();
    private volatile SourcesConfig synced;

    public LastArticleGauges(MeterRegistry meters, SourceLabels sources, LongSupplier clockMillis) {
        this.meters = meters;
        this.sources = sources;
        this.clockMillis = clockMillis;
        sync();
    }

    /** A new article of {@code source} (a label from {@link SourceLabels}); ignored unless the source is enabled. */
    public void newArticle(String source) {
        sync();
        AtomicLong t = last.get(source);
        if (t != null) {
            t.accumulateAndGet(clockMillis.getAsLong(), Math::max);
        }
    }

    /** Follows the sources file: a series per enabled source. Cheap when nothing changed (one reference compare). */
    public void sync() {
        SourcesConfig current = sources.current();
        if (current == synced) {
            return;
        }
        synchronized (this) {
            if (current == synced) {
                return;
            }
            Set<String> enabled = current.enabled().stream().map(SourceDefinition::id).collect(Collectors.toSet());
            long now = clockMillis.getAsLong();
            for (String id : enabled) {
                if (!last.containsKey(id)) {
                    register(id, now);
                }
            }
            for (String id : List.copyOf(last.keySet())) {
                if (!enabled.contains(id)) {
                    meters.remove(gauges.remove(id));
                    last.remove(id);
                }
            }
            synced = current;
        }
    }

    private void register(String id, long now) {
        // A topology built again in the same process (same registry) takes the series over from the previous one.
        Meter previous = meters.find(NAME).tag("source", id).meter();
        if (previous != null) {
            meters.remove(previous);
        }
        AtomicLong t = new AtomicLong(now);
        last.put(id, t);
        gauges.put(id, TimeGauge.builder(NAME, t, TimeUnit.MILLISECONDS, AtomicLong::get).tag("source", id)
                .description("When this processor last found a new article of the source (or began tracking it)").register(meters));
    }
}
