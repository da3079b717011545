package dev.newsflow.fetcher;

import crawlercommons.robots.BaseRobotRules;
import dev.newsflow.avro.RawPage;
import dev.newsflow.common.sources.SourceDefinition;
import dev.newsflow.fetcher.http.CharsetSniffer;
import dev.newsflow.fetcher.http.FetchFailure;
import dev.newsflow.fetcher.http.FetchResult;
import dev.newsflow.fetcher.http.MediaTypes;
import dev.newsflow.fetcher.http.Outcome;
import dev.newsflow.fetcher.http.RetryAfter;
import dev.newsflow.fetcher.politeness.HostScheduler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches one article page and ends it exactly one way: a published {@link RawPage}, a retry (transient
 * failure, backoff and Retry-After honoured), or a dead letter with the reason. The request's offset is
 * released only once the raw page or dead letter is durable.
 */
final class PageFetch {
    private static final Logger LOG = LoggerFactory.getLogger(PageFetch.class);
    static final String ACCEPT_HTML = "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5";
    private static final List<String> KEPT_HEADERS = List.of("content-type", "content-language", "last-modified", "etag",
            "x-robots-tag", "link", "date");
    private static final Pattern META_ROBOTS = Pattern.compile("<meta[^>]+name\\s*=\\s*[\"']?robots[\"']?[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern CONTENT = Pattern.compile("content\\s*=\\s*[\"']([^\"']*)[\"']", Pattern.CASE_INSENSITIVE);
    private static final int DLQ_BODY_MAX = 1024 * 1024;

    private final FetchEnv env;

    PageFetch(FetchEnv env) {
        this.env = env;
    }

    void run(Work.Page work) {
        FetchRequest req = work.request();
        String url = req.url().toString();
        Optional<SourceDefinition> found = env.sources().get().byId(req.sourceId());
        if (found.isEmpty()) {
            finish(work, HostScheduler.Result.NEUTRAL, null);
            deadLetter(work, req.sourceId(), Outcome.UNKNOWN_SOURCE, "source is no longer configured", null, null);
            return;
        }
        SourceDefinition source = found.get();
        if (env.fetched().contains(url)) {
            env.metrics().urls(source.id(), "already-fetched", 1);
            finish(work, HostScheduler.Result.NEUTRAL, null);
            env.offsets().finished(work.partition(), work.offset());
            return;
        }
        long t0 = System.nanoTime();
        try {
            if (source.politeness().respectRobots()) {
                BaseRobotRules rules = env.robots().rules(req.url(), source, env.allowPrivate(source), env.scheduler());
                if (!rules.isAllowed(url)) {
                    env.metrics().robotsDenied(source.id());
                    env.metrics().request(FetcherMetrics.Kind.PAGE, source.id(), Outcome.ROBOTS_DENIED, Duration.ZERO, 0);
                    finish(work, HostScheduler.Result.NEUTRAL, null);
                    deadLetter(work, source.id(), Outcome.ROBOTS_DENIED, "robots.txt disallows this URL for our user agent", null, null);
                    return;
                }
            }
            FetchResult r = env.http().get(req.url(), env.headers(source), ACCEPT_HTML, env.allowPrivate(source), (from, to) -> {
                if (source.politeness().respectRobots() && !RobotsGate.origin(from).equals(RobotsGate.origin(to))
                        && !env.robots().rules(to, source, env.allowPrivate(source), env.scheduler()).isAllowed(to.toString())) {
                    throw new FetchFailure(Outcome.ROBOTS_DENIED, "robots.txt of the redirect target disallows it");
                }
            });
            env.warc().ifPresent(w -> r.exchanges().forEach(w::record));
            handle(work, source, r, Duration.ofNanos(System.nanoTime() - t0));
        } catch (FetchFailure e) {
            if (e.outcome() == Outcome.ROBOTS_DENIED) {
                env.metrics().robotsDenied(source.id());
            }
            env.metrics().request(FetcherMetrics.Kind.PAGE, source.id(), e.outcome(), Duration.ofNanos(System.nanoTime() - t0), 0);
            failed(work, source, e.outcome(), e.getMessage(), e.getClass().getName(), null, null);
        } catch (IOException | RuntimeException e) {
            env.metrics().request(FetcherMetrics.Kind.PAGE, source.id(), Outcome.IO_ERROR, Duration.ofNanos(System.nanoTime() - t0), 0);
            failed(work, source, Outcome.IO_ERROR, e.getClass().getSimpleName() + ": " + e.getMessage(), e.getClass().getName(), null, null);
        }
    }

    private void handle(Work.Page work, SourceDefinition source, FetchResult r, Duration took) {
        int status = r.status();
        if (status / 100 != 2) {
            Outcome o = status == 429 ? Outcome.RATE_LIMITED : status == 503 ? Outcome.RATE_LIMITED : status >= 500 ? Outcome.SERVER_ERROR
                    : status == 404 || status == 410 ? Outcome.NOT_FOUND : status >= 400 ? Outcome.CLIENT_ERROR : Outcome.PROTOCOL_ERROR;
            env.metrics().request(FetcherMetrics.Kind.PAGE, source.id(), o, took, r.wireBytes());
            Duration retryAfter = RetryAfter.parse(r.header("retry-after").orElse(null), Instant.now(), env.config().maxRetryAfter()).orElse(null);
            failed(work, source, o, "HTTP " + status, null, r.body(), retryAfter);
            return;
        }
        String mediaType = r.mediaType();
        if (!mediaType.isEmpty() && !env.config().contentTypes().contains(mediaType)) {
            env.metrics().request(FetcherMetrics.Kind.PAGE, source.id(), Outcome.CONTENT_TYPE, took, r.wireBytes());
            failed(work, source, Outcome.CONTENT_TYPE, "content type " + mediaType + " is not accepted", null, null, null);
            return;
        }
        env.metrics().request(FetcherMetrics.Kind.PAGE, source.id(), r.truncated() ? Outcome.TRUNCATED : Outcome.OK, took, r.wireBytes());
        finish(work, HostScheduler.Result.SUCCESS, null);
        publish(work, source, r);
    }

    private void publish(Work.Page work, SourceDefinition source, FetchResult r) {
        FetchRequest req = work.request();
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h : KEPT_HEADERS) {
            r.header(h).ifPresent(v -> headers.put(h, v));
        }
        headers.put("http-version", r.protocol());
        String metaRobots = metaRobots(r.body());
        if (metaRobots != null) {
            headers.put("meta-robots", metaRobots);
        }
        if (isNoindex(headers.get("x-robots-tag")) || isNoindex(metaRobots)) {
            env.metrics().noindex(source.id());
        }
        String headerCharset = MediaTypes.charsetParam(r.header("content-type").orElse(null));
        CharsetSniffer.Result cs = CharsetSniffer.sniff(r.body(), headerCharset);
        RawPage page = RawPage.newBuilder().setRequestedUrl(req.url().toString()).setFinalUrl(r.finalUri().toString())
                .setRedirectChain(r.redirectChain()).setStatus(r.status()).setHeaders(headers)
                .setContentType(r.mediaType().isEmpty() ? null : r.mediaType()).setCharset(cs.charset().name())
                .setBody(java.nio.ByteBuffer.wrap(r.body())).setTruncated(r.truncated()).setSourceId(source.id())
                .setDiscoveredVia(req.via()).setHintTitle(req.title()).setHintPublishedAt(req.published())
                .setFetchStartedAt(r.startedAt()).setFetchCompletedAt(r.completedAt()).build();
        env.publisher().rawPage(page, e -> {
            if (e == null) {
                env.metrics().published(source.id(), r.truncated());
                env.fetched().add(req.url().toString());
                env.offsets().finished(work.partition(), work.offset());
            } else {
                deadLetter(work, source.id(), Outcome.PROTOCOL_ERROR, "raw page could not be published: " + e.getClass().getSimpleName(),
                        e.getClass().getName(), null);
            }
        });
    }

    private void failed(Work.Page work, SourceDefinition source, Outcome outcome, String message, String exceptionClass,
                        byte[] body, Duration retryAfter) {
        boolean opened = finish(work, outcome.isTransient() ? HostScheduler.Result.FAILURE : HostScheduler.Result.NEUTRAL, retryAfter);
        if (opened) {
            env.metrics().circuitOpened(source.id());
            LOG.warn("Circuit opened for host {} of source {} after repeated failures", work.hostKey(), source.id());
        }
        if (outcome.isTransient() && work.attempt() < env.config().maxRetries()) {
            Duration wait = env.config().backoff().delay(work.attempt() + 1);
            if (retryAfter != null && retryAfter.compareTo(wait) > 0) {
                wait = retryAfter;
            }
            env.metrics().retry(source.id());
            LOG.debug("Retrying {} in {} after {}", work.url(), wait, outcome.label());
            env.scheduler().submit(work.hostKey(), env.rules(source), work.retry(), Instant.now().plus(wait), true);
            return;
        }
        LOG.info("Fetch of {} failed for good: {} ({})", work.url(), outcome.label(), message);
        byte[] kept = body == null ? null : body.length > DLQ_BODY_MAX ? Arrays.copyOf(body, DLQ_BODY_MAX) : body;
        deadLetter(work, source.id(), outcome, message, exceptionClass, kept);
    }

    private boolean finish(Work.Page work, HostScheduler.Result result, Duration retryAfter) {
        return env.scheduler().complete(work.hostKey(), result, retryAfter);
    }

    private void deadLetter(Work.Page work, String sourceId, Outcome outcome, String message, String exceptionClass, byte[] body) {
        String url = work.request().url().toString();
        env.publisher().deadLetter(url, sourceId, outcome.label(), message, exceptionClass, body, e -> {
            if (e != null) {
                LOG.error("Dead letter for {} could not be published: {}", url, e.toString());
            }
            env.metrics().deadLetter(sourceId, outcome.label());
            env.fetched().add(url);
            env.offsets().finished(work.partition(), work.offset());
        });
    }

    static String metaRobots(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 16384), StandardCharsets.ISO_8859_1);
        // META_ROBOTS cannot cross a '>': try it on each <meta ...> tag alone instead of running it over the whole
        // head (the unanchored case-insensitive scan was a fifth of a fetch worker's CPU)
        Matcher m = META_ROBOTS.matcher(head);
        for (int at = indexOfMeta(head, 0); at >= 0; at = indexOfMeta(head, at + 1)) {
            int end = head.indexOf('>', at);
            if (end < 0) {
                return null;
            }
            if (m.region(at, end + 1).lookingAt()) {
                Matcher c = CONTENT.matcher(m.group());
                return c.find() ? c.group(1).trim().toLowerCase(Locale.ROOT) : null;
            }
        }
        return null;
    }

    /** Index of the next {@code <meta} (any case) at or after {@code from}, or -1. */
    private static int indexOfMeta(String s, int from) {
        for (int i = s.indexOf('<', from); i >= 0 && i + 5 <= s.length(); i = s.indexOf('<', i + 1)) {
            if (s.regionMatches(true, i + 1, "meta", 0, 4)) {
                return i;
            }
        }
        return -1;
    }

    static boolean isNoindex(String directives) {
        return directives != null && (directives.toLowerCase(Locale.ROOT).contains("noindex") || directives.toLowerCase(Locale.ROOT).contains("none"));
    }
}
