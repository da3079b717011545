package dev.newsflow.common.sources;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** All configured sources, with look-ups by id and by host (own hosts and mirrors). */
public final class SourcesConfig {
    private final List<SourceDefinition> sources;
    private final Map<String, SourceDefinition> byId = new LinkedHashMap<>();
    private final Map<String, SourceDefinition> byHost = new LinkedHashMap<>();

    public SourcesConfig(List<SourceDefinition> sources) {
        this.sources = List.copyOf(sources);
        for (SourceDefinition s : this.sources) {
            byId.put(s.id(), s);
            for (String host : s.allHosts()) {
                byHost.putIfAbsent(host, s);
            }
        }
    }

    public static SourcesConfig empty() {
        return new SourcesConfig(List.of());
    }

    public List<SourceDefinition> all() {
        return sources;
    }

    public List<SourceDefinition> enabled() {
        return sources.stream().filter(SourceDefinition::enabled).toList();
    }

    public Optional<SourceDefinition> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The source owning {@code host} (case-insensitive), as an own host or a mirror. */
    public Optional<SourceDefinition> byHost(String host) {
        return host == null ? Optional.empty() : Optional.ofNullable(byHost.get(host.toLowerCase(Locale.ROOT)));
    }
}
