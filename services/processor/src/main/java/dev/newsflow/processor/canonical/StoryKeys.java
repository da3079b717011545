package dev.newsflow.processor.canonical;

import dev.newsflow.common.sources.SourceDefinition;
import dev.newsflow.common.sources.SourcesConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;

/**
 * Computes story keys from URLs. First version: lower-case host, default port/fragment/query dropped,
 * {@code www.}/{@code m.} folded, mirror hosts mapped to the source's primary host, story-id pattern honoured.
 */
public final class StoryKeys {
    private final SourcesConfig sources;

    public StoryKeys(SourcesConfig sources) {
        this.sources = sources;
    }

    public StoryKey keyFor(String url, String canonicalHint) {
        URI uri = parse(url);
        String host = uri == null || uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        Optional<SourceDefinition> source = sources.byHost(host).or(() -> sources.byHost(fold(host)));
        String keyHost = source.map(SourceDefinition::primaryHost).orElse(host);
        String path = uri == null || uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (path.length() > 1 && path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String key = fold(keyHost) + path;
        if (source.isPresent() && source.get().storyId().isPresent()) {
            Matcher m = source.get().storyId().get().matcher(uri == null ? url : uri.getRawPath() + "/");
            if (m.find()) {
                key = fold(keyHost) + "#id:" + m.group(1);
            }
        }
        boolean primary = source.map(s -> s.primaryHost().equals(host)).orElse(true);
        String normalized = (uri == null ? url : uri.getScheme() + "://" + host + path);
        return new StoryKey(key, normalized, host, primary, source.map(SourceDefinition::id).orElse(null));
    }

    private static String fold(String host) {
        if (host.startsWith("www.")) {
            return host.substring(4);
        }
        if (host.startsWith("m.")) {
            return host.substring(2);
        }
        return host;
    }

    private static URI parse(String url) {
        try {
            return new URI(url.trim());
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }
}
