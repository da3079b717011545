package dev.newsflow.processor.dedup;

import dev.newsflow.common.config.ConfigNode;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Deduplication settings: section {@code processor.dedup} of newsflow.yml, every key documented in
 * {@code docs/dedup.md} and {@code docs/configuration.md}.
 *
 * @param retention          how long every dedup store remembers a story, an index entry or a body (stream time)
 * @param purgeInterval      how often (stream time) expired entries are removed
 * @param maxUrls            URLs kept per article (further URLs still produce sightings)
 * @param minWords           bodies shorter than this never take part in body matching (exact or near), so
 *                           boilerplate-only pages cannot merge unrelated stories
 * @param shingle            words per shingle
 * @param blocks             SimHash blocks = index tables (pigeonhole: distance &lt; blocks is always found)
 * @param anchors            smallest shingle hashes indexed per article (bottom-k anchors): a second candidate source that
 *                           finds pairs sharing many shingles however far apart their SimHashes are (0 disables)
 * @param maxDistance        SimHash distance up to which an indexed article is a candidate (k)
 * @param minContainment     a candidate is confirmed when the smaller body has at least this share of its
 *                           shingles in the larger one ...
 * @param minJaccard         ... and the Jaccard similarity of the two shingle sets is at least this
 * @param maxCandidates      most candidates confirmed per article (closest first)
 * @param decisionTimeout    wall-clock time after which an article still waiting for index answers is published
 *                           with what it has (a safety net; answers normally arrive within one commit)
 * @param mirrorEvidence     identical bodies on identical paths of two hosts needed before a mirror candidate is published
 * @param lateWindow         how long (stream time) after its last publication an article's content is kept so that a late
 *                           duplicate link (an earlier copy processed after it) republishes it at once
 * @param layout             how the dedup stages are spread over stream tasks ({@link DedupLayout})
 */
public record DedupSettings(Duration retention, Duration purgeInterval, int maxUrls, int minWords, int shingle, int blocks,
                            int anchors, int maxDistance, double minContainment, double minJaccard, int maxCandidates,
                            Duration decisionTimeout, int mirrorEvidence, Duration lateWindow, DedupLayout layout) {

    private static final Set<String> KEYS = Set.of("retention", "purge-interval", "max-urls", "min-words", "shingle", "blocks",
            "anchors", "max-distance", "min-containment", "min-jaccard", "max-candidates", "decision-timeout", "mirror-evidence",
            "late-window", "layout");

    public DedupSettings {
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive");
        }
        if (lateWindow.isNegative() || lateWindow.isZero()) {
            throw new IllegalArgumentException("late-window must be positive");
        }
        Objects.requireNonNull(layout, "layout");
        if (purgeInterval.isNegative() || purgeInterval.isZero()) {
            throw new IllegalArgumentException("purge-interval must be positive");
        }
        if (minContainment < 0 || minContainment > 1 || minJaccard < 0 || minJaccard > 1) {
            throw new IllegalArgumentException("min-containment and min-jaccard must be between 0 and 1");
        }
    }

    public static DedupSettings defaults() {
        return new DedupSettings(Duration.ofDays(14), Duration.ofHours(1), 100, 50, 3, 4, 4, 12, 0.8, 0.2, 8,
                Duration.ofMinutes(10), 3, Duration.ofDays(1), DedupLayout.SINGLE_TASK);
    }

    /** These settings with another layout. */
    public DedupSettings withLayout(DedupLayout other) {
        return new DedupSettings(retention, purgeInterval, maxUrls, minWords, shingle, blocks, anchors, maxDistance, minContainment,
                minJaccard, maxCandidates, decisionTimeout, mirrorEvidence, lateWindow, other);
    }

    /** Reads and validates the section; problems are recorded in the node's report. */
    public static DedupSettings from(ConfigNode n) {
        DedupSettings d = defaults();
        n.allowOnly(KEYS);
        Duration retention = positive(n, "retention", d.retention());
        Duration purge = positive(n, "purge-interval", d.purgeInterval());
        int maxUrls = n.integer("max-urls", d.maxUrls(), 1, 10_000);
        int minWords = n.integer("min-words", d.minWords(), 5, 100_000);
        int shingle = n.integer("shingle", d.shingle(), 1, 8);
        int blocks = n.integer("blocks", d.blocks(), 1, 32);
        int anchors = n.integer("anchors", d.anchors(), 0, 64);
        int maxDistance = n.integer("max-distance", d.maxDistance(), 0, 32);
        double containment = fraction(n, "min-containment", d.minContainment());
        double jaccard = fraction(n, "min-jaccard", d.minJaccard());
        int maxCandidates = n.integer("max-candidates", d.maxCandidates(), 1, 1000);
        Duration timeout = positive(n, "decision-timeout", d.decisionTimeout());
        int evidence = n.integer("mirror-evidence", d.mirrorEvidence(), 1, 1_000_000);
        Duration lateWindow = positive(n, "late-window", d.lateWindow());
        DedupLayout layout = n.enumValue("layout", DedupLayout.class, d.layout());
        if (maxDistance < blocks - 1) {
            n.problem("max-distance", "value '" + maxDistance + "' is invalid: must be at least blocks - 1 (" + (blocks - 1)
                    + "), the distance the block index always finds");
            maxDistance = blocks - 1;
        }
        return new DedupSettings(retention, purge, maxUrls, minWords, shingle, blocks, anchors, maxDistance, containment, jaccard,
                maxCandidates, timeout, evidence, lateWindow, layout);
    }

    private static Duration positive(ConfigNode n, String key, Duration def) {
        Duration v = n.duration(key, def);
        if (v.isNegative() || v.isZero()) {
            n.problem(key, "value '" + v + "' is invalid: must be positive");
            return def;
        }
        return v;
    }

    private static double fraction(ConfigNode n, String key, double def) {
        String raw = n.string(key, null);
        if (raw == null) {
            return def;
        }
        try {
            double v = Double.parseDouble(raw.trim());
            if (v >= 0 && v <= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        n.problem(key, "value '" + raw + "' is invalid: must be a number between 0 and 1");
        return def;
    }

    /** Whether two bodies with this resemblance are the same story (see docs/dedup.md). */
    public boolean confirms(Resemblance r) {
        return r.maxContainment() >= minContainment && r.jaccard() >= minJaccard;
    }
}
