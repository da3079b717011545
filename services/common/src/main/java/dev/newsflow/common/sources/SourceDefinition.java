package dev.newsflow.common.sources;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One news source as configured in {@code sources.yml}. See {@code docs/sources.md} for every key.
 *
 * @param id                  stable identifier (lower-case letters, digits, '-', '_')
 * @param name                publisher name
 * @param country             ISO 3166-1 alpha-2 publisher country, or null
 * @param language            ISO 639-1 main language, or null
 * @param hosts               the publisher's own hosts, primary first
 * @param mirrors             alternate hosts serving the same content; folded to {@code hosts.get(0)}
 * @param feeds               RSS/Atom/JSON feed URLs
 * @param sitemaps            sitemap or sitemap-index URLs
 * @param seeds               section/front pages whose links are followed
 * @param allow               URL patterns a discovered link must match (empty: any on the source's hosts)
 * @param deny                URL patterns that exclude a discovered link
 * @param storyId             optional pattern whose first group is a stable story id inside the URL path
 * @param every               how often feeds, sitemaps and seeds are polled
 * @param politeness          per-host politeness
 * @param extraction          per-source extraction overrides
 * @param headers             extra request headers (values are never logged)
 * @param enabled             false keeps the source configured but idle
 * @param allowPrivateNetwork allow fetching hosts resolving to loopback/private addresses (demo and tests only)
 * @param tags                operator tags carried to articles
 * @param discoverFeeds       follow feeds announced with {@code <link rel="alternate">} on seed pages
 * @param robotsSitemaps      also poll the sitemaps listed in the hosts' robots.txt {@code Sitemap:} lines
 */
public record SourceDefinition(String id, String name, String country, String language, List<String> hosts,
                               List<String> mirrors, List<String> feeds, List<String> sitemaps, List<String> seeds,
                               List<Pattern> allow, List<Pattern> deny, Optional<Pattern> storyId, Duration every,
                               Politeness politeness, ExtractionOverrides extraction, Map<String, String> headers,
                               boolean enabled, boolean allowPrivateNetwork, List<String> tags, boolean discoverFeeds,
                               boolean robotsSitemaps) {

    public SourceDefinition {
        hosts = lower(hosts);
        mirrors = lower(mirrors);
        feeds = List.copyOf(feeds);
        sitemaps = List.copyOf(sitemaps);
        seeds = List.copyOf(seeds);
        allow = List.copyOf(allow);
        deny = List.copyOf(deny);
        headers = Map.copyOf(headers);
        tags = List.copyOf(tags);
    }

    /** The original constructor, kept for callers written before feed autodiscovery and robots sitemaps. */
    public SourceDefinition(String id, String name, String country, String language, List<String> hosts,
                            List<String> mirrors, List<String> feeds, List<String> sitemaps, List<String> seeds,
                            List<Pattern> allow, List<Pattern> deny, Optional<Pattern> storyId, Duration every,
                            Politeness politeness, ExtractionOverrides extraction, Map<String, String> headers,
                            boolean enabled, boolean allowPrivateNetwork, List<String> tags) {
        this(id, name, country, language, hosts, mirrors, feeds, sitemaps, seeds, allow, deny, storyId, every, politeness,
                extraction, headers, enabled, allowPrivateNetwork, tags, true, false);
    }

    /** The host every mirror copy is folded to. */
    public String primaryHost() {
        return hosts.get(0);
    }

    /** Own hosts plus mirrors. */
    public List<String> allHosts() {
        List<String> all = new ArrayList<>(hosts);
        all.addAll(mirrors);
        return all;
    }

    private static List<String> lower(List<String> in) {
        return in.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
    }
}
