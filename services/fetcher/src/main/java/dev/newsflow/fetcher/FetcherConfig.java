package dev.newsflow.fetcher;

import dev.newsflow.common.config.ConfigNode;
import dev.newsflow.common.config.ConfigReport;
import dev.newsflow.fetcher.http.AddressPolicy;
import dev.newsflow.fetcher.http.HttpLimits;
import dev.newsflow.fetcher.politeness.Backoff;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code fetcher:} section of newsflow.yml, typed and validated (every problem is recorded in the
 * section's report; the caller throws). Every key and default is documented in docs/configuration.md.
 *
 * @param userAgent           User-Agent header sent with every request
 * @param robotsAgent         product token matched against robots.txt groups (first token of the user agent)
 * @param workerThreads       threads fetching in parallel (hosts are still fetched one request at a time by default)
 * @param limits              timeouts, redirect limit, body cap and oversize policy
 * @param contentTypes        media types accepted for article pages; anything else is dead-lettered
 * @param resolve             host → address overrides, like curl's --resolve
 * @param allowPrivateNetwork allow loopback/private addresses for every source (metadata addresses never)
 * @param warcDir             where WARC files of every response go, or empty for none
 * @param stateDir            seen-URL and validator store directory, or empty for {@code <data-dir>/fetcher}
 * @param seenUrlExpiry       how long a fetched URL is remembered
 * @param robotsTtl           how long robots.txt rules are cached
 * @param robotsErrorTtl      how long a failed robots.txt (5xx, unreachable) blocks a host
 * @param maxUrlsPerDocument  URLs taken from one feed, sitemap or page at most
 * @param maxUrlLength        longer URLs are ignored
 * @param maxSitemapDepth     nesting of sitemap indexes followed at most
 * @param maxRetries          retries of a transient page failure before it is dead-lettered
 * @param backoff             exponential backoff with jitter between retries and after host failures
 * @param maxRetryAfter       cap on a server's Retry-After
 * @param circuitFailures     consecutive failures that open a host's circuit
 * @param circuitOpenFor      how long an open circuit holds the host's requests back
 * @param reloadInterval      how often the sources file is checked for changes
 * @param groupId             consumer group of the fetch-request topic (instances with the same id split hosts)
 * @param maxQueuedRequests   fetch requests held in memory at most before the consumer pauses
 * @param compressionLevel    zstd level of the raw pages this fetcher publishes (1–22; the topic stays zstd)
 */
public record FetcherConfig(String userAgent, String robotsAgent, int workerThreads, HttpLimits limits, Set<String> contentTypes,
                            Map<String, InetAddress> resolve, boolean allowPrivateNetwork, Optional<Path> warcDir,
                            Optional<Path> stateDir, Duration seenUrlExpiry, Duration robotsTtl, Duration robotsErrorTtl,
                            int maxUrlsPerDocument, int maxUrlLength, int maxSitemapDepth, int maxRetries, Backoff backoff,
                            Duration maxRetryAfter, int circuitFailures, Duration circuitOpenFor, Duration reloadInterval,
                            String groupId, int maxQueuedRequests, int compressionLevel) {

    /**
     * zstd level 1, not Kafka's default 3: the fetch workers compress every page (155 KB on average) as they publish it;
     * with level 3 they needed 1.5–1.9 CPU-ms per page (HTTP included) against 0.8–1.3 with level 1, for ~9 % fewer
     * bytes on the broker (docs/BENCHMARKS.md, "zstd level 1 for the raw pages").
     */
    public static final int DEFAULT_COMPRESSION_LEVEL = 1;
    public static final String DEFAULT_USER_AGENT = "newsflow/0.1 (+https://github.com/newsflow/newsflow; news indexing bot)";
    static final Set<String> KEYS = Set.of("user-agent", "worker-threads", "connect-timeout", "read-timeout", "total-timeout",
            "max-redirects", "max-body-size", "oversize", "content-types", "resolve", "allow-private-network", "warc-dir",
            "state-dir", "seen-url-expiry", "robots-cache-ttl", "robots-error-ttl", "max-urls-per-document", "max-url-length",
            "max-sitemap-depth", "politeness", "reload-interval", "group-id", "max-queued-requests",
            "compression-level");
    static final Set<String> POLITENESS_KEYS = Set.of("max-retries", "backoff-initial", "backoff-max", "max-retry-after",
            "circuit-breaker-failures", "circuit-breaker-open-for");

    /** What to do with a page larger than max-body-size. */
    public enum Oversize { TRUNCATE, DEAD_LETTER }

    public FetcherConfig {
        contentTypes = Set.copyOf(contentTypes);
        resolve = Map.copyOf(resolve);
    }

    public static FetcherConfig defaults() {
        return from(ConfigReport.empty(Map.of()));
    }

    /** Reads the section; problems go to {@code n.report()} (call {@code throwIfAny()} after reading every section). */
    public static FetcherConfig from(ConfigNode n) {
        n.allowOnly(KEYS);
        String ua = n.string("user-agent", DEFAULT_USER_AGENT).trim();
        if (ua.isEmpty() || ua.chars().anyMatch(c -> c < 0x20 || c > 0x7e)) {
            n.problem("user-agent", "value is invalid: must be non-empty printable ASCII");
            ua = DEFAULT_USER_AGENT;
        }
        Duration connect = positive(n, "connect-timeout", Duration.ofSeconds(10));
        Duration read = positive(n, "read-timeout", Duration.ofSeconds(20));
        Duration total = positive(n, "total-timeout", Duration.ofSeconds(60));
        if (total.compareTo(read) < 0) {
            n.problem("total-timeout", "value '" + total + "' is invalid: must be at least read-timeout (" + read + ")");
        }
        long maxBody = n.bytes("max-body-size", 5L * 1024 * 1024);
        if (maxBody < 1024 || maxBody > 7L * 1024 * 1024) {
            n.problem("max-body-size", "value '" + maxBody + "' is invalid: must be between 1KiB and 7MiB (the raw topic takes 8 MiB per record)");
            maxBody = 5L * 1024 * 1024;
        }
        Oversize oversize = n.enumValue("oversize", Oversize.class, Oversize.TRUNCATE);
        HttpLimits limits = new HttpLimits(connect, read, total, maxBody, oversize == Oversize.TRUNCATE,
                n.integer("max-redirects", 5, 0, 20));
        List<String> types = n.strings("content-types");
        Set<String> contentTypes = types.isEmpty() ? Set.of("text/html", "application/xhtml+xml")
                : Set.copyOf(types.stream().map(t -> t.trim().toLowerCase(Locale.ROOT)).toList());
        for (String t : contentTypes) {
            if (!t.matches("[a-z0-9.+-]+/[a-z0-9.+*-]+")) {
                n.problem("content-types", "value '" + t + "' is invalid: must be a media type like text/html");
            }
        }
        Map<String, InetAddress> resolve = new LinkedHashMap<>();
        n.stringMap("resolve").forEach((host, ip) -> {
            try {
                resolve.put(host.trim().toLowerCase(Locale.ROOT), AddressPolicy.literal(ip.trim()));
            } catch (IllegalArgumentException e) {
                n.section("resolve").problem(host, "value '" + ip + "' is invalid: must be an IP address (no DNS names)");
            }
        });
        String warc = n.string("warc-dir", "");
        String state = n.string("state-dir", "");
        ConfigNode p = n.section("politeness");
        p.allowOnly(POLITENESS_KEYS);
        Duration backoffInitial = positive(p, "backoff-initial", Duration.ofSeconds(1));
        Duration backoffMax = positive(p, "backoff-max", Duration.ofMinutes(5));
        String agent = ua.split("[/ ]", 2)[0].toLowerCase(Locale.ROOT);
        return new FetcherConfig(ua, agent, n.integer("worker-threads", 4, 1, 256), limits, contentTypes, resolve,
                n.bool("allow-private-network", false), warc.isBlank() ? Optional.empty() : Optional.of(Path.of(warc)),
                state.isBlank() ? Optional.empty() : Optional.of(Path.of(state)), positive(n, "seen-url-expiry", Duration.ofDays(30)),
                positive(n, "robots-cache-ttl", Duration.ofHours(24)), positive(n, "robots-error-ttl", Duration.ofMinutes(10)),
                n.integer("max-urls-per-document", 10_000, 1, 1_000_000), n.integer("max-url-length", 2048, 64, 65_536),
                n.integer("max-sitemap-depth", 2, 0, 5), p.integer("max-retries", 3, 0, 20), new Backoff(backoffInitial, backoffMax),
                positive(p, "max-retry-after", Duration.ofHours(1)), p.integer("circuit-breaker-failures", 5, 1, 1000),
                positive(p, "circuit-breaker-open-for", Duration.ofMinutes(10)), positive(n, "reload-interval", Duration.ofSeconds(5)),
                n.string("group-id", "newsflow-fetcher"), n.integer("max-queued-requests", 10_000, 10, 1_000_000),
                n.integer("compression-level", DEFAULT_COMPRESSION_LEVEL, 1, 22));
    }

    private static Duration positive(ConfigNode n, String key, Duration def) {
        Duration d = n.duration(key, def);
        if (d.isNegative() || d.isZero()) {
            n.problem(key, "value '" + d + "' is invalid: must be positive");
            return def;
        }
        return d;
    }

    /** The state directory: configured, or {@code <dataDir>/fetcher}. */
    public Path stateDir(Path dataDir) {
        return stateDir.orElse(dataDir.resolve("fetcher"));
    }

    public boolean truncateOversize() {
        return limits.truncateOversize();
    }
}
