package dev.newsflow.processor.dedup;

import dev.newsflow.common.config.ConfigNode;
import java.time.Duration;
import java.util.Set;

/**
 * Deduplication settings ({@code processor.dedup} in newsflow.yml).
 *
 * @param retention how long a story is remembered for deduplication
 */
public record DedupSettings(Duration retention) {

    public static DedupSettings defaults() {
        return new DedupSettings(Duration.ofDays(14));
    }

    public static DedupSettings from(ConfigNode n) {
        n.allowOnly(Set.of("retention"));
        return new DedupSettings(n.duration("retention", defaults().retention()));
    }
}
