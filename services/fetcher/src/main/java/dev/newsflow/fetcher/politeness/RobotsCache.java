package dev.newsflow.fetcher.politeness;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRulesParser;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * robots.txt rules per scheme+host+port, kept until they expire. Parsing follows RFC 9309 through
 * crawler-commons: 4xx means allow all; 5xx or an unreachable server means disallow all for a short
 * while (RFC 9309 §2.3.1.4), so a broken robots.txt never turns into crawling everything.
 */
public final class RobotsCache {
    private final SimpleRobotRulesParser parser = new SimpleRobotRulesParser();
    private final Map<String, Entry> cache = new ConcurrentHashMap<>();
    private final String agentToken;
    private final Duration ttl;
    private final Duration errorTtl;
    private final Clock clock;
    /** When {@link #put} next drops the expired entries (every {@code errorTtl}: memory follows the origins in use). */
    private volatile Instant nextSweep;

    /** Cached rules and when they stop being trusted. */
    public record Entry(BaseRobotRules rules, Instant expires) {
    }

    public RobotsCache(String agentToken, Duration ttl, Duration errorTtl, Clock clock) {
        this.agentToken = agentToken;
        this.ttl = ttl;
        this.errorTtl = errorTtl;
        this.clock = clock;
        parser.setMaxCrawlDelay(Duration.ofMinutes(5).toMillis());
        this.nextSweep = clock.instant().plus(errorTtl);
    }

    /** Cached rules for {@code origin} (e.g. {@code https://example.com:8443}), or null when absent or expired. */
    public BaseRobotRules get(String origin) {
        Entry e = cache.get(origin);
        if (e == null || !e.expires().isAfter(clock.instant())) {
            return null;
        }
        return e.rules();
    }

    public BaseRobotRules parsed(String origin, String robotsUrl, byte[] body, String contentType) {
        BaseRobotRules rules = parser.parseContent(robotsUrl, body, contentType, List.of(agentToken));
        put(origin, new Entry(rules, clock.instant().plus(ttl)));
        return rules;
    }

    /** Rules for a failed robots.txt fetch: status 4xx allows all, anything else disallows all for {@code errorTtl}. */
    public BaseRobotRules failed(String origin, int status) {
        BaseRobotRules rules = parser.failedFetch(status >= 400 && status < 500 ? status : 503);
        boolean allowAll = status >= 400 && status < 500;
        put(origin, new Entry(rules, clock.instant().plus(allowAll ? ttl : errorTtl)));
        return rules;
    }

    /**
     * Stores the entry, and now and then drops the expired ones: {@link #get} ignores them anyway, and without the
     * sweep every origin ever contacted (redirect targets, links of aggregator feeds) would stay in memory.
     */
    private void put(String origin, Entry entry) {
        cache.put(origin, entry);
        Instant now = clock.instant();
        if (now.isAfter(nextSweep)) {
            nextSweep = now.plus(errorTtl);
            cache.values().removeIf(e -> !e.expires().isAfter(now));
        }
    }

    public int size() {
        return cache.size();
    }
}
