package dev.newsflow.processor.dedup;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * Dedup meters: {@code news.dedup.decisions} (label {@code kind}: new, mirror, tracking, refetch, revision,
 * duplicate, canonical-moved, late-duplicate), {@code news.dedup.stage.cpu} (label {@code stage}),
 * {@code news.dedup.purged} (label {@code store}), {@code news.dedup.mirror.candidates}.
 */
final class DedupMetrics {
    enum Decision { NEW, MIRROR, TRACKING, REFETCH, REVISION, DUPLICATE, CANONICAL_MOVED, LATE_DUPLICATE }

    private final Map<Decision, Counter> decisions = new EnumMap<>(Decision.class);
    private final MeterRegistry meters;
    private final Counter mirrorCandidates;

    DedupMetrics(MeterRegistry meters) {
        this.meters = meters;
        for (Decision d : Decision.values()) {
            decisions.put(d, Counter.builder("news.dedup.decisions").description("Dedup decisions by kind")
                    .tag("kind", d.name().toLowerCase(Locale.ROOT).replace('_', '-')).register(meters));
        }
        // registered at 0 so that the first candidate is visible to increase()/rate()
        mirrorCandidates = Counter.builder("news.dedup.mirror.candidates").description("Mirror host pairs published as candidates")
                .register(meters);
    }

    /** CPU time spent in one stage's record processing (serializing what it forwards included). */
    Timer stage(String stage) {
        return Timer.builder("news.dedup.stage.cpu").description("CPU time spent processing records in a dedup stage")
                .tag("stage", stage).register(meters);
    }

    void decision(Decision d) {
        decisions.get(d).increment();
    }

    void purged(String store, int n) {
        if (n > 0) {
            Counter.builder("news.dedup.purged").description("Dedup store entries removed by retention").tag("store", store)
                    .register(meters).increment(n);
        }
    }

    void mirrorCandidate() {
        mirrorCandidates.increment();
    }
}
