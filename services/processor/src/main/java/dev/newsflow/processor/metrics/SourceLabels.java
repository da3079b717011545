package dev.newsflow.processor.metrics;

import dev.newsflow.common.sources.SourceDefinition;
import dev.newsflow.common.sources.SourcesConfig;
import java.util.function.Supplier;

/**
 * The closed set of values of the processor's {@code source} labels: the ids of the configured sources, and
 * {@value #UNKNOWN} for anything else (a record of a source since removed from the file, a replayed or hand-made
 * record), so that no record can create a label value.
 */
public final class SourceLabels {
    public static final String UNKNOWN = "unknown";

    private final Supplier<SourcesConfig> sources;

    public SourceLabels(Supplier<SourcesConfig> sources) {
        this.sources = sources;
    }

    /** {@code sourceId} when it is a configured source, else {@value #UNKNOWN}. */
    public String of(String sourceId) {
        return sourceId != null && sources.get().byId(sourceId).isPresent() ? sourceId : UNKNOWN;
    }

    /** The configured source owning {@code host} (own host or mirror), else {@value #UNKNOWN}. */
    public String ofHost(String host) {
        return sources.get().byHost(host).map(SourceDefinition::id).orElse(UNKNOWN);
    }

    /** The sources in force. */
    public SourcesConfig current() {
        return sources.get();
    }
}
