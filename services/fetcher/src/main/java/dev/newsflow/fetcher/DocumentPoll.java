package dev.newsflow.fetcher;

import crawlercommons.robots.BaseRobotRules;
import dev.newsflow.common.sources.SourceDefinition;
import dev.newsflow.fetcher.discovery.DiscoveredUrl;
import dev.newsflow.fetcher.discovery.Discovery;
import dev.newsflow.fetcher.discovery.DiscoveryException;
import dev.newsflow.fetcher.discovery.DocumentKind;
import dev.newsflow.fetcher.discovery.FeedParser;
import dev.newsflow.fetcher.discovery.LinkExtractor;
import dev.newsflow.fetcher.discovery.SitemapParser;
import dev.newsflow.fetcher.discovery.SourceUrlFilter;
import dev.newsflow.fetcher.http.CharsetSniffer;
import dev.newsflow.fetcher.http.ContentDecoder;
import dev.newsflow.fetcher.http.FetchFailure;
import dev.newsflow.fetcher.http.FetchResult;
import dev.newsflow.fetcher.http.MediaTypes;
import dev.newsflow.fetcher.http.Outcome;
import dev.newsflow.fetcher.http.RetryAfter;
import dev.newsflow.fetcher.http.UrlNormalizer;
import dev.newsflow.fetcher.politeness.HostScheduler;
import dev.newsflow.fetcher.state.ValidatorStore;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one discovery document with conditional GET, works out what it really is (feed, JSON feed,
 * sitemap, sitemap index, seed page), and sends every new article URL to the fetch-request topic. URLs
 * are marked seen only once the broker has the request, so a crash never loses one.
 */
final class DocumentPoll {
    private static final Logger LOG = LoggerFactory.getLogger(DocumentPoll.class);
    static final String ACCEPT_FEED = "application/rss+xml, application/atom+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.5, */*;q=0.3";

    private final FetchEnv env;
    private final FeedParser feeds;
    private final SitemapParser sitemaps;
    private final LinkExtractor links;
    private final Set<String> enqueuing = ConcurrentHashMap.newKeySet();
    private final Consumer<Work.Document> followUp;
    private volatile long lastEnqueueNanos;

    DocumentPoll(FetchEnv env, Consumer<Work.Document> followUp) {
        this.env = env;
        this.followUp = followUp;
        int max = env.config().maxUrlsPerDocument();
        int len = env.config().maxUrlLength();
        this.feeds = new FeedParser(max, len);
        this.sitemaps = new SitemapParser(max, len);
        this.links = new LinkExtractor(max, len);
    }

    /** When the last fetch request was acknowledged ({@link System#nanoTime()}). */
    long lastEnqueueNanos() {
        return lastEnqueueNanos;
    }

    int enqueuing() {
        return enqueuing.size();
    }

    void run(Work.Document work) {
        Optional<SourceDefinition> found = env.sources().get().byId(work.sourceId());
        if (found.isEmpty() || !found.get().enabled()) {
            env.scheduler().complete(work.hostKey(), HostScheduler.Result.NEUTRAL, null);
            return;
        }
        SourceDefinition source = found.get();
        long t0 = System.nanoTime();
        String url = work.url().toString();
        try {
            if (work.kind() == FetcherMetrics.Kind.ROBOTS) {
                robotsSitemaps(source, env.robots().rules(work.url(), source, env.allowPrivate(source), env.scheduler()), work);
                env.scheduler().complete(work.hostKey(), HostScheduler.Result.NEUTRAL, null);
                return;
            }
            if (source.politeness().respectRobots()) {
                BaseRobotRules rules = env.robots().rules(work.url(), source, env.allowPrivate(source), env.scheduler());
                if (!rules.isAllowed(url)) {
                    env.metrics().robotsDenied(source.id());
                    env.metrics().request(work.kind(), source.id(), Outcome.ROBOTS_DENIED, Duration.ZERO, 0);
                    env.scheduler().complete(work.hostKey(), HostScheduler.Result.NEUTRAL, null);
                    return;
                }
            }
            Map<String, String> headers = env.headers(source);
            Optional<ValidatorStore.Validators> v = env.validators().get(url);
            v.map(ValidatorStore.Validators::etag).ifPresent(e -> headers.put("If-None-Match", e));
            v.map(ValidatorStore.Validators::lastModified).ifPresent(m -> headers.put("If-Modified-Since", m));
            FetchResult r = env.http().get(work.url(), headers, ACCEPT_FEED, env.allowPrivate(source));
            env.warc().ifPresent(w -> r.exchanges().forEach(w::record));
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            if (r.status() == 304) {
                env.metrics().request(work.kind(), source.id(), Outcome.NOT_MODIFIED, took, 0);
                env.scheduler().complete(work.hostKey(), HostScheduler.Result.SUCCESS, null);
                return;
            }
            if (r.status() / 100 != 2) {
                Outcome o = r.status() == 429 || r.status() == 503 ? Outcome.RATE_LIMITED : r.status() >= 500 ? Outcome.SERVER_ERROR
                        : r.status() == 404 || r.status() == 410 ? Outcome.NOT_FOUND : Outcome.CLIENT_ERROR;
                env.metrics().request(work.kind(), source.id(), o, took, r.wireBytes());
                Duration retryAfter = RetryAfter.parse(r.header("retry-after").orElse(null), Instant.now(), env.config().maxRetryAfter()).orElse(null);
                env.scheduler().complete(work.hostKey(), o.isTransient() ? HostScheduler.Result.FAILURE : HostScheduler.Result.NEUTRAL, retryAfter);
                LOG.info("Discovery document {} of source {} answered HTTP {}", url, source.id(), r.status());
                return;
            }
            env.metrics().request(work.kind(), source.id(), r.truncated() ? Outcome.TRUNCATED : Outcome.OK, took, r.wireBytes());
            env.scheduler().complete(work.hostKey(), HostScheduler.Result.SUCCESS, null);
            env.validators().put(url, r.header("etag").orElse(null), r.header("last-modified").orElse(null));
            discovered(work, source, r);
        } catch (FetchFailure e) {
            env.metrics().request(work.kind(), source.id(), e.outcome(), Duration.ofNanos(System.nanoTime() - t0), 0);
            env.scheduler().complete(work.hostKey(), e.outcome().isTransient() ? HostScheduler.Result.FAILURE : HostScheduler.Result.NEUTRAL, null);
            LOG.info("Discovery document {} of source {} failed: {} ({})", url, source.id(), e.outcome().label(), e.getMessage());
        } catch (IOException | RuntimeException e) {
            env.metrics().request(work.kind(), source.id(), Outcome.IO_ERROR, Duration.ofNanos(System.nanoTime() - t0), 0);
            env.scheduler().complete(work.hostKey(), HostScheduler.Result.FAILURE, null);
            LOG.warn("Discovery document {} of source {} failed", url, source.id(), e);
        }
    }

    private void robotsSitemaps(SourceDefinition source, BaseRobotRules rules, Work.Document work) {
        for (String s : rules.getSitemaps()) {
            UrlNormalizer.normalize(s, null, env.config().maxUrlLength())
                    .filter(u -> !u.equals(work.url()))
                    .ifPresent(u -> followUp.accept(new Work.Document(source.id(), u, FetcherMetrics.Kind.SITEMAP, 1)));
        }
    }

    private void discovered(Work.Document work, SourceDefinition source, FetchResult r) {
        byte[] body = r.body();
        if (body.length > 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b) {
            try { // a .xml.gz sitemap served as application/gzip: decode under the same cap
                body = ContentDecoder.decode(body, "gzip", env.config().limits().maxBodyBytes(), false).body();
            } catch (FetchFailure e) {
                env.metrics().discoveryError(source.id(), e.outcome().label());
                return;
            }
        }
        DocumentKind kind = DocumentKind.sniff(body, r.mediaType());
        Discovery d;
        try {
            d = switch (kind) {
                case FEED -> feeds.parseXml(body, r.finalUri());
                case JSON_FEED -> feeds.parseJson(body, r.finalUri());
                case SITEMAP, SITEMAP_INDEX, TEXT_SITEMAP -> sitemaps.parse(body, r.mediaType(), r.finalUri());
                case HTML -> links.parse(body, CharsetSniffer.sniff(body, MediaTypes.charsetParam(r.header("content-type").orElse(null))).charset(),
                        r.finalUri(), source.discoverFeeds());
                case UNKNOWN -> throw new DiscoveryException("neither a feed, a sitemap nor an HTML page");
            };
        } catch (DiscoveryException e) {
            env.metrics().discoveryError(source.id(), kind == DocumentKind.UNKNOWN ? "unknown-format" : "parse-error");
            LOG.warn("Discovery document {} of source {} unusable: {}", work.url(), source.id(), e.getMessage());
            return;
        }
        if (d.capped()) {
            env.metrics().discoveryError(source.id(), "url-limit");
            LOG.warn("Discovery document {} lists more than {} URLs; the rest is ignored", work.url(), env.config().maxUrlsPerDocument());
        }
        for (URI doc : d.documents()) {
            if (work.depth() < env.config().maxSitemapDepth() + (kind == DocumentKind.HTML ? 1 : 0)) {
                FetcherMetrics.Kind k = kind == DocumentKind.HTML ? FetcherMetrics.Kind.FEED : FetcherMetrics.Kind.SITEMAP;
                followUp.accept(new Work.Document(source.id(), doc, k, work.depth() + 1));
            }
        }
        enqueue(source, d, work.url().toString(), kind == DocumentKind.HTML);
    }

    private void enqueue(SourceDefinition source, Discovery d, String via, boolean fromSeed) {
        int found = 0;
        int filtered = 0;
        int seen = 0;
        for (DiscoveredUrl u : d.articles()) {
            if (!SourceUrlFilter.accepts(source, u.url(), fromSeed)) {
                filtered++;
                continue;
            }
            found++;
            String key = u.url().toString();
            if (env.discovered().contains(key) || !enqueuing.add(key)) {
                seen++;
                continue;
            }
            FetchRequest req = new FetchRequest(u.url(), source.id(), via, u.title(), u.published());
            env.publisher().fetchRequest(req, e -> {
                if (e == null) {
                    env.discovered().add(key);
                    env.metrics().urls(source.id(), "enqueued", 1);
                } else {
                    LOG.warn("Fetch request for {} not sent; it will be retried at the next poll", key);
                }
                lastEnqueueNanos = System.nanoTime();
                enqueuing.remove(key);
            });
        }
        env.metrics().urls(source.id(), "discovered", found);
        env.metrics().urls(source.id(), "filtered", filtered);
        env.metrics().urls(source.id(), "seen", seen);
    }
}
