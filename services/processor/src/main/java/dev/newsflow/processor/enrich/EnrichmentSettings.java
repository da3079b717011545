package dev.newsflow.processor.enrich;

import dev.newsflow.common.config.ConfigNode;
import java.util.Set;

/**
 * The {@code processor.enrich} section: every enricher can be switched off and tuned (docs/configuration.md).
 *
 * @param enabled  false skips the whole enrich stage
 * @param source   publisher metadata from the sources config (GlobalKTable)
 * @param language language detection
 * @param category section/URL to taxonomy
 * @param places   gazetteer places and primary country
 * @param reading  word count, reading time, summary
 * @param keywords TF-IDF keywords
 */
public record EnrichmentSettings(boolean enabled, Source source, Language language, Category category, Places places,
                                 Reading reading, Keywords keywords) {

    public record Source(boolean enabled, java.time.Duration refresh) {
    }

    /**
     * @param quickChars characters read first; the answer there is final when it is the page's declared language and
     *                   not a close call (0, the default: always read {@code maxChars})
     * @param remember   distinct texts whose detector answers each stream task remembers (0: none)
     */
    public record Language(boolean enabled, int minChars, double minConfidence, int maxChars, int quickChars, int remember) {
    }

    public record Category(boolean enabled) {
    }

    public record Places(boolean enabled, int maxPlaces, int maxChars) {
    }

    public record Reading(boolean enabled, int wordsPerMinute, int charsPerMinute, int summaryMaxChars) {
    }

    public record Keywords(boolean enabled, int count, double maxDocumentRatio, int minDocuments, int maxChars, int maxTerms) {
    }

    public static EnrichmentSettings defaults() {
        return new EnrichmentSettings(true, new Source(true, java.time.Duration.ofSeconds(10)), new Language(true, 20, 0.5, 300, 0, 4096),
                new Category(true), new Places(true, 20, 100_000), new Reading(true, 230, 500, 300),
                new Keywords(true, 10, 0.3, 20, 50_000, 200_000));
    }

    public static EnrichmentSettings from(ConfigNode n) {
        EnrichmentSettings d = defaults();
        n.allowOnly(Set.of("enabled", "source", "language", "category", "places", "reading", "keywords"));
        ConfigNode s = section(n, "source", "refresh");
        ConfigNode l = section(n, "language", "min-chars", "min-confidence", "max-chars", "quick-chars", "remember");
        ConfigNode c = section(n, "category");
        ConfigNode p = section(n, "places", "max-places", "max-chars");
        ConfigNode r = section(n, "reading", "words-per-minute", "chars-per-minute", "summary-max-chars");
        ConfigNode k = section(n, "keywords", "count", "max-document-ratio", "min-documents", "max-chars", "max-terms");
        return new EnrichmentSettings(n.bool("enabled", d.enabled()),
                new Source(s.bool("enabled", true), s.duration("refresh", d.source().refresh())),
                new Language(l.bool("enabled", true), l.integer("min-chars", d.language().minChars(), 0, 100_000),
                        fraction(l, "min-confidence", d.language().minConfidence()), l.integer("max-chars", d.language().maxChars(), 50, 1_000_000),
                        l.integer("quick-chars", d.language().quickChars(), 0, 1_000_000), l.integer("remember", d.language().remember(), 0, 1_000_000)),
                new Category(c.bool("enabled", true)),
                new Places(p.bool("enabled", true), p.integer("max-places", d.places().maxPlaces(), 1, 1000),
                        p.integer("max-chars", d.places().maxChars(), 100, 10_000_000)),
                new Reading(r.bool("enabled", true), r.integer("words-per-minute", d.reading().wordsPerMinute(), 50, 2000),
                        r.integer("chars-per-minute", d.reading().charsPerMinute(), 50, 5000),
                        r.integer("summary-max-chars", d.reading().summaryMaxChars(), 40, 10_000)),
                new Keywords(k.bool("enabled", true), k.integer("count", d.keywords().count(), 1, 100),
                        fraction(k, "max-document-ratio", d.keywords().maxDocumentRatio()),
                        k.integer("min-documents", d.keywords().minDocuments(), 1, 1_000_000),
                        k.integer("max-chars", d.keywords().maxChars(), 100, 10_000_000),
                        k.integer("max-terms", d.keywords().maxTerms(), 1000, 100_000_000)));
    }

    private static ConfigNode section(ConfigNode parent, String name, String... keys) {
        ConfigNode s = parent.section(name);
        Set<String> known = new java.util.HashSet<>(Set.of(keys));
        known.add("enabled");
        s.allowOnly(known);
        return s;
    }

    private static double fraction(ConfigNode n, String key, double defaultValue) {
        String raw = n.string(key, null);
        if (raw == null) {
            return defaultValue;
        }
        try {
            double v = Double.parseDouble(raw.trim());
            if (v < 0 || v > 1 || Double.isNaN(v)) {
                n.problem(key, "value '" + raw + "' is invalid: must be a number between 0 and 1");
                return defaultValue;
            }
            return v;
        } catch (NumberFormatException e) {
            n.problem(key, "value '" + raw + "' is invalid: must be a number between 0 and 1");
            return defaultValue;
        }
    }
}
