package dev.newsflow.processor.canonical;

import dev.newsflow.common.sources.SourceDefinition;
import dev.newsflow.common.sources.SourcesConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Looks up the source owning a host by its folded form ({@link HostFolding}), so {@code presstv.ir},
 * {@code www.presstv.ir} and {@code m.presstv.ir} all find the source declaring {@code www.presstv.ir}.
 * Own hosts win over mirrors; the first source declaring a host wins (the loader rejects duplicates).
 */
final class HostGroups {
    private static volatile HostGroups last;

    private final SourcesConfig sources;
    private final Map<String, SourceDefinition> byFoldedHost = new HashMap<>();

    private HostGroups(SourcesConfig sources) {
        this.sources = sources;
        for (SourceDefinition s : sources.all()) {
            for (String h : s.hosts()) {
                byFoldedHost.putIfAbsent(HostFolding.fold(h), s);
            }
        }
        for (SourceDefinition s : sources.all()) {
            for (String h : s.mirrors()) {
                byFoldedHost.putIfAbsent(HostFolding.fold(h), s);
            }
        }
    }

    /** The index for {@code sources}; rebuilt only when a different configuration object is passed. */
    static HostGroups of(SourcesConfig sources) {
        HostGroups cached = last;
        if (cached != null && cached.sources == sources) {
            return cached;
        }
        HostGroups fresh = new HostGroups(sources);
        last = fresh;
        return fresh;
    }

    Optional<SourceDefinition> sourceOf(String host) {
        Optional<SourceDefinition> exact = sources.byHost(host);
        return exact.isPresent() ? exact : Optional.ofNullable(byFoldedHost.get(HostFolding.fold(host)));
    }
}
