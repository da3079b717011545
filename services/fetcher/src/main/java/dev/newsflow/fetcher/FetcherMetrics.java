package dev.newsflow.fetcher;

import dev.newsflow.fetcher.http.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Every fetcher meter (documented in docs/fetcher.md). Labels come from closed sets only: {@code outcome}
 * ({@link Outcome}), {@code kind} ({@link Kind}), {@code reason}, and {@code source} (configured ids; a dead letter
 * of a request naming no configured source counts as {@value #UNKNOWN_SOURCE}). The series alerts compute
 * {@code increase()} on — pages published and dead letters by reason — are registered at 0 for every tracked source,
 * so the first page or dead letter is an increase, and a source that never publishes shows as 0, not as nothing.
 */
final class FetcherMetrics {
    static final String UNKNOWN_SOURCE = "unknown";
    /** Reasons a page of a configured source can be dead-lettered for (every outcome but success and request errors). */
    private static final List<Outcome> DEAD_LETTER_REASONS = java.util.Arrays.stream(Outcome.values())
            .filter(o -> !java.util.EnumSet.of(Outcome.OK, Outcome.NOT_MODIFIED, Outcome.TRUNCATED, Outcome.UNKNOWN_SOURCE,
                    Outcome.BAD_REQUEST).contains(o)).toList();

    /** What a request was for. */
    enum Kind { PAGE, FEED, SITEMAP, SEED, ROBOTS;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Few fixed buckets: a full percentile histogram per source and kind would be thousands of series. */
    private static final Duration[] SLO_BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final MeterRegistry registry;
    private final Map<String, SourceHealth> health = new ConcurrentHashMap<>();
    final AtomicLong pagesFetched = new AtomicLong();
    final AtomicLong pagesFailed = new AtomicLong();
    final AtomicLong feedsPolled = new AtomicLong();
    final AtomicLong urlsDiscovered = new AtomicLong();
    final AtomicLong urlsEnqueued = new AtomicLong();
    final AtomicLong robotsDenied = new AtomicLong();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong pagesSkipped = new AtomicLong();

    /** Per-source gauges' state. */
    static final class SourceHealth {
        final AtomicLong lastSuccessEpochSeconds = new AtomicLong();
        final AtomicLong consecutiveFailures = new AtomicLong();
        final AtomicLong scheduleSeconds = new AtomicLong();
        final List<Meter> meters = new ArrayList<>();
    }

    FetcherMetrics(MeterRegistry registry, Supplier<Number> queueSize, Supplier<Number> openCircuits, Supplier<Number> sources) {
        this.registry = registry;
        Gauge.builder("news.fetch.queue.size", queueSize).description("Fetches queued or running in this instance").register(registry);
        Gauge.builder("news.fetch.circuit.open", openCircuits).description("Hosts whose circuit breaker is open").register(registry);
        Gauge.builder("news.sources.configured", sources).description("Enabled sources in the current configuration").register(registry);
        deadLetterCounter(UNKNOWN_SOURCE, Outcome.UNKNOWN_SOURCE.label());
        deadLetterCounter(UNKNOWN_SOURCE, Outcome.BAD_REQUEST.label());
    }

    /** The memory drivers of a long-running fetcher: URLs each seen-URL store remembers, hosts the scheduler tracks. */
    void trackState(Supplier<Number> discoveredUrls, Supplier<Number> fetchedUrls, Supplier<Number> trackedHosts) {
        Gauge.builder("news.fetch.remembered.urls", discoveredUrls).tag("store", "discovered")
                .description("URLs remembered as discovered within fetcher.seen-url-expiry").register(registry);
        Gauge.builder("news.fetch.remembered.urls", fetchedUrls).tag("store", "fetched")
                .description("URLs remembered as fetched within fetcher.seen-url-expiry").register(registry);
        Gauge.builder("news.fetch.hosts.tracked", trackedHosts)
                .description("Hosts the politeness scheduler keeps state for (queued work, a pause or failures)").register(registry);
    }

    void request(Kind kind, String source, Outcome outcome, Duration took, long bytes) {
        Counter.builder("news.fetch.requests").description("HTTP fetches by outcome")
                .tags("kind", kind.label(), "source", source, "outcome", outcome.label()).register(registry).increment();
        Timer.builder("news.fetch.duration").description("Time of a fetch including redirects and body")
                .tags("kind", kind.label(), "source", source)
                .serviceLevelObjectives(SLO_BUCKETS).register(registry).record(took);
        if (bytes > 0) {
            Counter.builder("news.fetch.bytes").baseUnit("bytes").description("Body bytes received (before decoding)")
                    .tags("kind", kind.label(), "source", source).register(registry).increment(bytes);
        }
        if (kind == Kind.FEED || kind == Kind.SITEMAP || kind == Kind.SEED) {
            feedsPolled.incrementAndGet();
        }
        SourceHealth h = health.get(source);
        if (h != null && kind != Kind.ROBOTS) {
            if (outcome == Outcome.OK || outcome == Outcome.NOT_MODIFIED || outcome == Outcome.TRUNCATED) {
                h.lastSuccessEpochSeconds.set(Instant.now().getEpochSecond());
                h.consecutiveFailures.set(0);
            } else if (outcome != Outcome.ROBOTS_DENIED && outcome != Outcome.CONTENT_TYPE) {
                h.consecutiveFailures.incrementAndGet();
            }
        }
    }

    void robotsDenied(String source) {
        robotsDenied.incrementAndGet();
        Counter.builder("news.fetch.robots.denied").description("Requests not sent because robots.txt disallows them")
                .tag("source", source).register(registry).increment();
    }

    void retry(String source) {
        retries.incrementAndGet();
        Counter.builder("news.fetch.retries").description("Page fetches retried after a transient failure")
                .tag("source", source).register(registry).increment();
    }

    void published(String source, boolean truncated) {
        pagesFetched.incrementAndGet();
        publishedCounter(source, truncated).increment();
    }

    private Counter publishedCounter(String source, boolean truncated) {
        return Counter.builder("news.fetch.pages.published").description("Raw pages published")
                .tags("source", source, "truncated", Boolean.toString(truncated)).register(registry);
    }

    void deadLetter(String source, String reason) {
        pagesFailed.incrementAndGet();
        deadLetterCounter(health.containsKey(source) ? source : UNKNOWN_SOURCE, reason).increment();
    }

    private Counter deadLetterCounter(String source, String reason) {
        return Counter.builder("news.fetch.dead.letters").description("Page fetches that failed for good, by reason")
                .tags("source", source, "reason", reason).register(registry);
    }

    void urls(String source, String event, long n) {
        if (n <= 0) {
            return;
        }
        switch (event) {
            case "discovered" -> urlsDiscovered.addAndGet(n);
            case "enqueued" -> urlsEnqueued.addAndGet(n);
            case "already-fetched" -> pagesSkipped.addAndGet(n);
            default -> { }
        }
        Counter.builder("news.fetch.urls").description("Article URLs by what happened to them in discovery")
                .tags("source", source, "event", event).register(registry).increment(n);
    }

    void noindex(String source) {
        Counter.builder("news.fetch.noindex").description("Pages carrying noindex (meta robots or X-Robots-Tag)")
                .tag("source", source).register(registry).increment();
    }

    void circuitOpened(String source) {
        Counter.builder("news.fetch.circuit.opened").description("Times a host circuit breaker opened")
                .tag("source", source).register(registry).increment();
    }

    void reload(String outcome) {
        Counter.builder("news.sources.reloads").description("Sources file reloads").tag("outcome", outcome).register(registry).increment();
    }

    void discoveryError(String source, String reason) {
        Counter.builder("news.fetch.discovery.errors").description("Feeds, sitemaps or seed pages that could not be parsed")
                .tags("source", source, "reason", reason).register(registry).increment();
    }

    /** Tracks a source and publishes its polling interval ({@code news.source.schedule}, seconds). */
    void trackSource(String source, java.time.Duration every) {
        trackSource(source);
        health.get(source).scheduleSeconds.set(every.toSeconds());
    }

    /** Registers the per-source gauges and zero counters for a source id (idempotent). */
    void trackSource(String source) {
        health.computeIfAbsent(source, id -> {
            SourceHealth h = new SourceHealth();
            h.meters.add(Gauge.builder("news.source.last.success", h.lastSuccessEpochSeconds, AtomicLong::get)
                    .description("Epoch seconds of the source's last successful fetch (0: never)").tag("source", id).register(registry));
            h.meters.add(Gauge.builder("news.source.consecutive.failures", h.consecutiveFailures, AtomicLong::get)
                    .description("Failed fetches of the source since its last success").tag("source", id).register(registry));
            h.meters.add(Gauge.builder("news.source.schedule", h.scheduleSeconds, AtomicLong::get).baseUnit("seconds")
                    .description("How often the source's feeds, sitemaps and seeds are polled").tag("source", id).register(registry));
            h.meters.add(publishedCounter(id, false));
            DEAD_LETTER_REASONS.forEach(o -> h.meters.add(deadLetterCounter(id, o.label())));
            return h;
        });
    }

    void untrackSource(String source) {
        SourceHealth h = health.remove(source);
        if (h != null) {
            h.meters.forEach(registry::remove);
        }
    }

    long consecutiveFailures(String source) {
        SourceHealth h = health.get(source);
        return h == null ? 0 : h.consecutiveFailures.get();
    }

    FetcherStats snapshot(int queued, int openCircuits) {
        return new FetcherStats(pagesFetched.get(), pagesFailed.get(), feedsPolled.get(), urlsDiscovered.get(), urlsEnqueued.get(),
                robotsDenied.get(), retries.get(), pagesSkipped.get(), queued, openCircuits);
    }
}
