package dev.newsflow.fetcher;

import crawlercommons.robots.BaseRobotRules;
import dev.newsflow.common.sources.SourceDefinition;
import dev.newsflow.fetcher.http.FetchFailure;
import dev.newsflow.fetcher.http.FetchResult;
import dev.newsflow.fetcher.http.HttpFetcher;
import dev.newsflow.fetcher.http.Outcome;
import dev.newsflow.fetcher.politeness.HostScheduler;
import dev.newsflow.fetcher.politeness.RobotsCache;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fetches, caches and applies robots.txt per origin: allow/disallow for our agent token, crawl-delay
 * handed to the host scheduler, and the {@code Sitemap:} lines for sources that want them.
 */
final class RobotsGate {
    private final RobotsCache cache;
    private final HttpFetcher http;
    private final FetcherMetrics metrics;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    RobotsGate(RobotsCache cache, HttpFetcher http, FetcherMetrics metrics) {
        this.cache = cache;
        this.http = http;
        this.metrics = metrics;
    }

    static String origin(URI u) {
        return u.getScheme().toLowerCase(java.util.Locale.ROOT) + "://" + Work.hostKey(u);
    }

    /** The rules for {@code url}'s origin, fetching robots.txt when not cached. Blocked addresses propagate. */
    BaseRobotRules rules(URI url, SourceDefinition source, boolean allowPrivate, HostScheduler<Work> scheduler) throws FetchFailure {
        String origin = origin(url);
        BaseRobotRules rules = cache.get(origin);
        if (rules != null) {
            if (rules.getCrawlDelay() > 0) { // the scheduler forgets idle hosts; the delay comes back with the rules
                scheduler.crawlDelay(Work.hostKey(url), Duration.ofMillis(rules.getCrawlDelay()));
            }
            return rules;
        }
        // one fetch of an origin's robots.txt at a time; the lock leaves the map when its fetch is done (a thread that
        // still waits on it then finds the rules cached), so the map holds only the fetches in progress
        Object lock = locks.computeIfAbsent(origin, k -> new Object());
        try {
            synchronized (lock) {
                rules = cache.get(origin);
                if (rules == null) {
                    rules = fetch(url, origin, source, allowPrivate);
                    if (rules.getCrawlDelay() > 0) {
                        scheduler.crawlDelay(Work.hostKey(url), Duration.ofMillis(rules.getCrawlDelay()));
                    }
                }
                return rules;
            }
        } finally {
            locks.remove(origin, lock);
        }
    }

    private BaseRobotRules fetch(URI url, String origin, SourceDefinition source, boolean allowPrivate) throws FetchFailure {
        URI robotsUrl = URI.create(origin.replaceFirst(":(80|443)$", "") + "/robots.txt");
        if (url.getPort() > 0 && (url.getPort() != 80 && url.getPort() != 443)) {
            robotsUrl = URI.create(origin + "/robots.txt");
        }
        long t0 = System.nanoTime();
        try {
            FetchResult r = http.get(robotsUrl, Map.of(), "text/plain, */*;q=0.5", allowPrivate);
            Outcome outcome = r.status() / 100 == 2 ? Outcome.OK : r.status() >= 500 ? Outcome.SERVER_ERROR : Outcome.NOT_FOUND;
            metrics.request(FetcherMetrics.Kind.ROBOTS, source.id(), outcome, Duration.ofNanos(System.nanoTime() - t0), r.wireBytes());
            if (r.status() / 100 == 2) {
                return cache.parsed(origin, robotsUrl.toString(), r.body(), r.header("content-type").orElse("text/plain"));
            }
            return cache.failed(origin, r.status());
        } catch (FetchFailure e) {
            metrics.request(FetcherMetrics.Kind.ROBOTS, source.id(), e.outcome(), Duration.ofNanos(System.nanoTime() - t0), 0);
            if (e.outcome() == Outcome.BLOCKED_ADDRESS) {
                throw e;
            }
            // redirect trouble on robots.txt counts as "unavailable" (allow); network trouble as "unreachable" (disallow)
            boolean unreachable = e.outcome() == Outcome.TIMEOUT || e.outcome() == Outcome.IO_ERROR || e.outcome() == Outcome.DNS_ERROR;
            return cache.failed(origin, unreachable ? 503 : 404);
        } catch (IOException e) {
            metrics.request(FetcherMetrics.Kind.ROBOTS, source.id(), Outcome.IO_ERROR, Duration.ofNanos(System.nanoTime() - t0), 0);
            return cache.failed(origin, 503);
        }
    }
}
