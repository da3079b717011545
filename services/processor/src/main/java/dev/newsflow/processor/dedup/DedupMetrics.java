package dev.newsflow.processor.dedup;

import dev.newsflow.common.sources.SourceDefinition;
import dev.newsflow.processor.metrics.LastArticleGauges;
import dev.newsflow.processor.metrics.SourceLabels;
import dev.newsflow.processor.metrics.StageTimers;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dedup meters: {@code news.dedup.decisions} (labels {@code kind}: new, mirror, tracking, refetch, revision,
 * duplicate, canonical-moved, late-duplicate; {@code source}: a configured id or unknown — every kind of every
 * configured source registered at 0), {@code news.source.last.article} (moved by each "new"), per stage
 * {@code news.dedup.stage.cpu} and {@code news.stage.duration}, {@code news.dedup.purged} (label {@code store}),
 * {@code news.dedup.mirror.candidates}, {@code news.dedup.index.capped}. Shared by the stream threads of all tasks.
 */
final class DedupMetrics {
    enum Decision { NEW, MIRROR, TRACKING, REFETCH, REVISION, DUPLICATE, CANONICAL_MOVED, LATE_DUPLICATE }

    /** The two timers of a dedup stage: thread CPU time and elapsed time per record. */
    record Stage(Timer cpu, Timer elapsed) {
    }

    private final Map<String, Counter[]> decisions = new ConcurrentHashMap<>();
    private final MeterRegistry meters;
    private final SourceLabels sources;
    private final LastArticleGauges lastArticle;
    private final Counter mirrorCandidates;
    private final Counter indexCapped;

    DedupMetrics(MeterRegistry meters, SourceLabels sources) {
        this.meters = meters;
        this.sources = sources;
        this.lastArticle = new LastArticleGauges(meters, sources, System::currentTimeMillis);
        for (SourceDefinition s : sources.current().all()) {
            counters(s.id());
        }
        // registered at 0 so that the first candidate is visible to increase()/rate()
        mirrorCandidates = Counter.builder("news.dedup.mirror.candidates").description("Mirror host pairs published as candidates")
                .register(meters);
        indexCapped = Counter.builder("news.dedup.index.capped")
                .description("Index entries not kept or replaced because a bucket held max-candidates + 1 identical earlier entries")
                .register(meters);
    }

    /**
     * Timers of one stage: CPU time (in the partitioned layout serializing what it forwards included) and elapsed time
     * ({@code dedup-<stage>}).
     */
    Stage stage(String stage) {
        return new Stage(Timer.builder("news.dedup.stage.cpu").description("CPU time spent processing records in a dedup stage")
                .tag("stage", stage).register(meters), StageTimers.of(meters, "dedup-" + stage));
    }

    /** A decision on a page of {@code sourceId}; a new article also moves the source's last-article time. */
    void decision(Decision d, String sourceId) {
        String source = sources.of(sourceId);
        counters(source)[d.ordinal()].increment();
        if (d == Decision.NEW) {
            lastArticle.newArticle(source);
        } else {
            lastArticle.sync();
        }
    }

    /** A decision of the article stage, which keeps no source id: attributed to the source owning {@code host}. */
    void decisionOnHost(Decision d, String host) {
        decision(d, sources.ofHost(host));
    }

    private Counter[] counters(String source) {
        return decisions.computeIfAbsent(source, s -> {
            Counter[] c = new Counter[Decision.values().length];
            for (Decision d : Decision.values()) {
                c[d.ordinal()] = Counter.builder("news.dedup.decisions").description("Dedup decisions by kind and source")
                        .tag("kind", d.name().toLowerCase(Locale.ROOT).replace('_', '-')).tag("source", s).register(meters);
            }
            return c;
        });
    }

    void purged(String store, int n) {
        if (n > 0) {
            Counter.builder("news.dedup.purged").description("Dedup store entries removed by retention").tag("store", store)
                    .register(meters).increment(n);
        }
    }

    /** An index entry not kept, or a later identical one replaced (docs/dedup.md#limits-known). */
    void indexCapped() {
        indexCapped.increment();
    }

    void mirrorCandidate() {
        mirrorCandidates.increment();
    }
}
