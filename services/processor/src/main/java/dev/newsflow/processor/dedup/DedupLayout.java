package dev.newsflow.processor.dedup;

import java.util.Locale;

/**
 * How the dedup stages are spread over stream tasks ({@code processor.dedup.layout}, docs/dedup.md#layout).
 */
public enum DedupLayout {
    /**
     * One stream task owns every dedup store: pages reach it through one single-partition repartition topic, and the
     * stages hand each other their messages as local calls (probe, confirmation, verdict and decision within the
     * processing of the page that caused them). Fewer records, topics and commits per article; dedup of all
     * partitions runs on one thread.
     */
    SINGLE_TASK,
    /**
     * Each stage keyed by what it looks up (story key, SimHash block, article id, host pair), with a repartition topic
     * in front of each: dedup spreads over as many tasks as partitions, at four repartition hops per article.
     */
    PARTITIONED;

    /** The value in newsflow.yml ({@code single-task}, {@code partitioned}; read by {@code ConfigNode.enumValue}). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
