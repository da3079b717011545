package dev.newsflow.processor.canonical;

import dev.newsflow.common.sources.SourceDefinition;
import dev.newsflow.common.sources.SourcesConfig;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Computes story keys from URLs (rules in {@code docs/story-keys.md}):
 * <ol>
 *   <li>the URL is normalized ({@link UrlNormalizer}: case, ports, fragment, dot segments, escapes, tracking
 *       parameters, sorted query, trailing slash, AMP variants);</li>
 *   <li>a {@code rel=canonical}/{@code og:url} hint replaces it when it points inside the same host group
 *       (the source's own hosts and mirrors, or the same folded host for unknown sources) and is not a home page;</li>
 *   <li>the host is folded ({@code www.}/{@code m.}/{@code amp.}) and, for a configured source, replaced by the
 *       folded primary host, so mirror copies share a key;</li>
 *   <li>when the source declares a {@code story-id} pattern that matches, the key is the primary host plus the id.</li>
 * </ol>
 * Keys never contain the scheme. Pure function of its inputs; unparseable URLs get a {@code raw:} key.
 */
public final class StoryKeys {
    private final HostGroups groups;

    public StoryKeys(SourcesConfig sources) {
        this.groups = HostGroups.of(Objects.requireNonNull(sources, "sources"));
    }

    public StoryKey keyFor(String url, String canonicalHint) {
        Optional<NormalizedUrl> parsed = UrlNormalizer.normalize(url);
        if (parsed.isEmpty()) {
            String raw = url == null ? "" : url.trim();
            return new StoryKey("raw:" + raw, raw, "", true, null);
        }
        NormalizedUrl fetched = parsed.get();
        Optional<SourceDefinition> source = groups.sourceOf(fetched.host());
        NormalizedUrl effective = hint(fetched, source, url, canonicalHint).orElse(fetched);
        String keyHost = HostFolding.fold(source.map(SourceDefinition::primaryHost).orElse(effective.host()));
        String key = keyHost + effective.pathAndQuery();
        if (source.isPresent() && source.get().storyId().isPresent()) {
            String id = storyId(source.get().storyId().get(), effective);
            if (id != null) {
                key = keyHost + "#id:" + id;
            }
        }
        boolean onPrimary = source.map(s -> HostFolding.fold(s.primaryHost()).equals(HostFolding.fold(fetched.host()))).orElse(true);
        return new StoryKey(key, fetched.toUrl(), fetched.host(), onPrimary, source.map(SourceDefinition::id).orElse(null));
    }

    private Optional<NormalizedUrl> hint(NormalizedUrl fetched, Optional<SourceDefinition> source, String url, String hint) {
        Optional<NormalizedUrl> h = UrlNormalizer.resolve(url, hint);
        if (h.isEmpty() || h.get().path().equals("/") && h.get().query().isEmpty()) {
            return Optional.empty();
        }
        boolean sameGroup = source.isPresent()
                ? groups.sourceOf(h.get().host()).map(s -> s.id().equals(source.get().id())).orElse(false)
                : HostFolding.fold(h.get().host()).equals(HostFolding.fold(fetched.host()));
        return sameGroup ? h : Optional.empty();
    }

    private static String storyId(Pattern pattern, NormalizedUrl u) {
        String target = u.path() + (u.path().endsWith("/") ? "" : "/") + (u.query().isEmpty() ? "" : "?" + u.query());
        Matcher m = pattern.matcher(target);
        if (!m.find()) {
            return null;
        }
        String id = m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : m.group();
        return id.isEmpty() ? null : id;
    }
}
