package dev.newsflow.common.sources;

import dev.newsflow.common.config.ConfigNode;
import dev.newsflow.common.config.ConfigReport;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jsoup.select.QueryParser;

/**
 * Reads and validates {@code sources.yml}. Every problem is collected with its line; callers decide
 * whether to throw ({@link ConfigReport#throwIfAny()}) or keep a previous good configuration.
 */
public final class SourcesLoader {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final Set<String> TOP_KEYS = Set.of("sources", "defaults");
    private static final Set<String> SOURCE_KEYS = Set.of("id", "name", "country", "language", "hosts", "mirrors", "feeds",
            "sitemaps", "seeds", "allow", "deny", "story-id", "schedule", "politeness", "extraction", "headers", "enabled",
            "allow-private-network", "tags", "discover-feeds", "robots-sitemaps");

    private SourcesLoader() {
    }

    /** Result of a load: the sources that are valid plus the report of problems. */
    public record Loaded(SourcesConfig config, ConfigReport report) {
        public SourcesConfig orThrow() {
            report.throwIfAny();
            return config;
        }
    }

    public static Loaded load(Path file, Map<String, String> env) {
        return read(ConfigReport.load(file, env));
    }

    public static Loaded parse(String name, String yaml) {
        return read(ConfigReport.parse(name, yaml, Map.of()));
    }

    private static Loaded read(ConfigNode root) {
        root.allowOnly(TOP_KEYS);
        List<SourceDefinition> out = new ArrayList<>();
        Map<String, String> hostOwner = new HashMap<>();
        for (ConfigNode node : root.list("sources")) {
            SourceDefinition def = source(node);
            if (def == null) {
                continue;
            }
            if (out.stream().anyMatch(s -> s.id().equals(def.id()))) {
                node.problem("id", "value '" + def.id() + "' is used by another source");
            }
            for (String host : def.allHosts()) {
                String owner = hostOwner.putIfAbsent(host, def.id());
                if (owner != null && !owner.equals(def.id())) {
                    node.problem("hosts", "host '" + host + "' is already claimed by source '" + owner + "'");
                }
            }
            out.add(def);
        }
        if (root.report().problems().isEmpty() && out.isEmpty() && root.has("sources")) {
            root.problem("sources", "is empty");
        }
        return new Loaded(new SourcesConfig(out), root.report());
    }

    private static SourceDefinition source(ConfigNode n) {
        n.allowOnly(SOURCE_KEYS);
        String id = n.requiredString("id");
        if (!id.isEmpty() && !ID.matcher(id).matches()) {
            n.problem("id", "value '" + id + "' is invalid: use lower-case letters, digits, '-' and '_' (max 64)");
        }
        String country = n.string("country", null);
        if (country != null && !country.matches("[A-Za-z]{2}")) {
            n.problem("country", "value '" + country + "' is invalid: must be an ISO 3166-1 alpha-2 code such as IR or GB");
        }
        String language = n.string("language", null);
        if (language != null && !language.matches("[A-Za-z]{2,3}")) {
            n.problem("language", "value '" + language + "' is invalid: must be an ISO 639-1 code such as en or fa");
        }
        List<String> hosts = hosts(n, "hosts");
        if (hosts.isEmpty() && n.report().problems().stream().noneMatch(p -> p.path().equals(n.path() + ".hosts"))) {
            n.problem("hosts", "is required: list the publisher's hosts, primary first");
        }
        List<String> mirrors = hosts(n, "mirrors");
        List<String> feeds = urls(n, "feeds");
        List<String> sitemaps = urls(n, "sitemaps");
        List<String> seeds = urls(n, "seeds");
        ConfigNode schedule = n.section("schedule");
        schedule.allowOnly(Set.of("every"));
        Duration every = schedule.duration("every", Duration.ofMinutes(5));
        if (every.compareTo(Duration.ofSeconds(1)) < 0) {
            schedule.problem("every", "value '" + every + "' is invalid: must be at least 1s");
        }
        boolean enabled = n.bool("enabled", true);
        if (enabled && feeds.isEmpty() && sitemaps.isEmpty() && seeds.isEmpty() && !id.isEmpty()) {
            n.problem("feeds", "is required: an enabled source needs at least one feed, sitemap or seed");
        }
        return new SourceDefinition(id, n.string("name", id), country == null ? null : country.toUpperCase(Locale.ROOT),
                language == null ? null : language.toLowerCase(Locale.ROOT), hosts, mirrors, feeds, sitemaps, seeds,
                patterns(n, "allow"), patterns(n, "deny"), storyId(n), every, politeness(n.section("politeness")),
                extraction(n.section("extraction")), headers(n), enabled, n.bool("allow-private-network", false),
                n.strings("tags"), n.bool("discover-feeds", true), n.bool("robots-sitemaps", false));
    }

    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-length", "transfer-encoding", "connection",
            "accept-encoding", "te", "upgrade");

    private static Map<String, String> headers(ConfigNode n) {
        Map<String, String> headers = n.stringMap("headers");
        ConfigNode section = n.section("headers");
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (!HEADER_NAME.matcher(h.getKey()).matches() || RESERVED_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                section.problem(h.getKey(), "is not an allowed request header name (the fetcher sets Host, Connection, "
                        + "Accept-Encoding and framing headers itself)");
            } else if (h.getValue().chars().anyMatch(c -> c == '\r' || c == '\n' || c < 0x20 && c != '\t')) {
                section.problem(h.getKey(), "value is invalid: control characters are not allowed");
            }
        }
        return headers;
    }

    private static List<String> hosts(ConfigNode n, String key) {
        List<String> out = new ArrayList<>();
        for (String raw : n.strings(key)) {
            String h = raw.trim().toLowerCase(Locale.ROOT);
            if (!HOST.matcher(h).matches()) {
                n.problem(key, "value '" + raw + "' is invalid: must be a host name like www.example.com (no scheme, no path)");
            } else {
                out.add(h);
            }
        }
        return out;
    }

    private static List<String> urls(ConfigNode n, String key) {
        List<String> out = new ArrayList<>();
        for (String raw : n.strings(key)) {
            try {
                URI uri = new URI(raw.trim());
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                    n.problem(key, "value '" + raw + "' is invalid: must be an absolute http(s) URL");
                } else {
                    out.add(uri.toString());
                }
            } catch (java.net.URISyntaxException e) {
                n.problem(key, "value '" + raw + "' is invalid: " + e.getReason());
            }
        }
        return out;
    }

    private static List<Pattern> patterns(ConfigNode n, String key) {
        List<Pattern> out = new ArrayList<>();
        for (String raw : n.strings(key)) {
            compile(n, key, raw).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<Pattern> storyId(ConfigNode n) {
        String raw = n.string("story-id", null);
        if (raw == null) {
            return Optional.empty();
        }
        Optional<Pattern> p = compile(n, "story-id", raw);
        if (p.isPresent() && p.get().matcher("").groupCount() < 1) {
            n.problem("story-id", "value '" + raw + "' is invalid: needs one capturing group around the id, e.g. '/Detail/\\d{4}/\\d{2}/\\d{2}/(\\d+)/'");
            return Optional.empty();
        }
        return p;
    }

    private static Optional<Pattern> compile(ConfigNode n, String key, String raw) {
        try {
            return Optional.of(Pattern.compile(raw));
        } catch (PatternSyntaxException e) {
            n.problem(key, "value '" + raw + "' is invalid: not a regular expression (" + e.getDescription() + ")");
            return Optional.empty();
        }
    }

    private static Politeness politeness(ConfigNode p) {
        p.allowOnly(Set.of("min-delay", "max-concurrency", "respect-robots"));
        return new Politeness(p.duration("min-delay", Politeness.DEFAULT.minDelay()),
                p.integer("max-concurrency", Politeness.DEFAULT.maxConcurrency(), 1, 16),
                p.bool("respect-robots", true));
    }

    private static ExtractionOverrides extraction(ConfigNode e) {
        e.allowOnly(Set.of("remove", "body", "title", "date", "author"));
        List<String> remove = new ArrayList<>();
        for (String css : e.strings("remove")) {
            if (validCss(e, "remove", css)) {
                remove.add(css);
            }
        }
        return new ExtractionOverrides(remove, css(e, "body"), css(e, "title"), css(e, "date"), css(e, "author"));
    }

    private static String css(ConfigNode e, String key) {
        String v = e.string(key, null);
        return v != null && validCss(e, key, v) ? v : null;
    }

    private static boolean validCss(ConfigNode e, String key, String css) {
        try {
            QueryParser.parse(css);
            return true;
        } catch (RuntimeException ex) {
            e.problem(key, "value '" + css + "' is invalid: not a CSS selector (" + ex.getMessage() + ")");
            return false;
        }
    }
}
