package dev.newsflow.fetcher;

import dev.newsflow.common.config.ConfigProblem;
import dev.newsflow.common.kafka.TopicProvisioner;
import dev.newsflow.common.runtime.ServiceContext;
import dev.newsflow.common.sources.SourceDefinition;
import dev.newsflow.common.sources.SourcesConfig;
import dev.newsflow.common.sources.SourcesLoader;
import dev.newsflow.fetcher.http.AlpnClient;
import dev.newsflow.fetcher.http.HttpFetcher;
import dev.newsflow.fetcher.http.Outcome;
import dev.newsflow.fetcher.http.SafeResolver;
import dev.newsflow.fetcher.politeness.HostScheduler;
import dev.newsflow.fetcher.politeness.RobotsCache;
import dev.newsflow.fetcher.state.UrlStore;
import dev.newsflow.fetcher.state.ValidatorStore;
import dev.newsflow.fetcher.warc.WarcRecorder;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fetcher: polls every enabled source's feeds, sitemaps and seeds on its schedule, sends new article
 * URLs to the fetch-request topic (keyed by host), fetches the requests of the partitions this instance
 * owns politely and safely, and publishes one raw page (or one dead letter) per page. See docs/fetcher.md.
 */
public final class FetcherService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FetcherService.class);

    private final FetcherConfig config;
    private final ServiceContext ctx;
    private final String instanceId = UUID.randomUUID().toString().substring(0, 8);
    private final FetchEnv env;
    private final HostScheduler<Work> scheduler;
    private final Publisher publisher;
    private final FetcherMetrics metrics;
    private final PageFetch pages;
    private final DocumentPoll documents;
    private final SourceSchedule schedule;
    private final RequestConsumer consumer;
    private final List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicInteger outstandingDocuments = new AtomicInteger();
    private volatile SourcesConfig sources;
    private volatile int partitionCount;

    public FetcherService(FetcherConfig config, ServiceContext ctx) {
        this(config, ctx, null);
    }

    /** @param tls TLS context for HTTPS (tests trust their own certificate), or null for the JDK default */
    FetcherService(FetcherConfig config, ServiceContext ctx, javax.net.ssl.SSLContext tls) {
        this.config = config;
        this.ctx = ctx;
        SourcesLoader.Loaded loaded = SourcesLoader.load(ctx.sourcesFile(), Map.of());
        this.sources = loaded.orThrow();
        Clock clock = Clock.systemUTC();
        this.scheduler = new HostScheduler<>(clock, config.backoff(), config.circuitFailures(), config.circuitOpenFor());
        this.metrics = new FetcherMetrics(ctx.meters(), scheduler::size, scheduler::openCircuits, () -> sources.enabled().size());
        HttpFetcher http = new HttpFetcher(new AlpnClient(new SafeResolver(config.resolve()), config.limits().connectTimeout(), tls),
                config.limits(), config.userAgent());
        RobotsGate robots = new RobotsGate(new RobotsCache(config.robotsAgent(), config.robotsTtl(), config.robotsErrorTtl(), clock), http, metrics);
        Path state = config.stateDir(ctx.dataDir());
        this.publisher = new Publisher(ctx.clientProps(), ctx.topics(), "newsflow-fetcher-" + instanceId, config.compressionLevel());
        OffsetTracker offsets = new OffsetTracker();
        this.env = new FetchEnv(config, http, robots, scheduler, publisher, metrics,
                new UrlStore(state.resolve("discovered-urls.log"), config.seenUrlExpiry(), clock),
                new UrlStore(state.resolve("fetched-urls.log"), config.seenUrlExpiry(), clock),
                new ValidatorStore(state.resolve("validators.tsv"), config.seenUrlExpiry(), clock),
                config.warcDir().map(d -> new WarcRecorder(d, 1024L * 1024 * 1024)), offsets, () -> sources);
        metrics.trackState(env.discovered()::size, env.fetched()::size, scheduler::trackedHosts);
        this.pages = new PageFetch(env);
        this.documents = new DocumentPoll(env, this::submitDocument);
        this.schedule = new SourceSchedule(clock);
        this.consumer = new RequestConsumer(ctx.clientProps(), config.groupId(), "newsflow-fetcher-" + instanceId,
                ctx.topics().fetchRequests().name(), offsets, new Handler(), scheduler::size, config.maxQueuedRequests());
        sources.all().forEach(s -> metrics.trackSource(s.id(), s.every()));
        schedule.update(sources);
        schedule.fileChanged(ctx.sourcesFile());
    }

    /** Starts the consumer, the workers and the discovery loop; returns at once. */
    public void start() {
        if (!running.compareAndSet(false, true)) {
            return;
        }
        TopicProvisioner.ensure(ctx.clientProps(), List.of(ctx.topics().rawPages(), ctx.topics().deadLetters(), ctx.topics().fetchRequests()));
        LOG.info("Fetcher {} starting: {} enabled source(s), {} worker(s), user agent '{}', state in {}", instanceId,
                sources.enabled().size(), config.workerThreads(), config.userAgent(), config.stateDir(ctx.dataDir()));
        threads.add(thread("fetcher-requests", consumer));
        for (int i = 0; i < config.workerThreads(); i++) {
            threads.add(thread("fetcher-worker-" + i, this::workLoop));
        }
        threads.add(thread("fetcher-discovery", this::discoveryLoop));
        threads.forEach(Thread::start);
    }

    private Thread thread(String name, Runnable r) {
        Thread t = new Thread(r, name + "-" + instanceId);
        t.setDaemon(true);
        t.setUncaughtExceptionHandler((th, e) -> LOG.error("Thread {} died", th.getName(), e));
        return t;
    }

    private void workLoop() {
        while (running.get()) {
            try {
                Optional<HostScheduler.Lease<Work>> lease = scheduler.take(Duration.ofMillis(500));
                if (lease.isEmpty()) {
                    continue;
                }
                Work w = lease.get().task();
                if (w instanceof Work.Page p) {
                    pages.run(p);
                } else if (w instanceof Work.Document d) {
                    try {
                        documents.run(d);
                    } finally {
                        outstandingDocuments.decrementAndGet();
                        schedule.finished(d);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (running.get()) {
                    LOG.error("Fetch worker {} interrupted while running: it stops (see /health)", Thread.currentThread().getName());
                }
                return;
            } catch (RuntimeException e) {
                LOG.error("Fetch worker task failed", e);
            }
        }
    }

    private void discoveryLoop() {
        long lastReloadCheck = System.nanoTime();
        while (running.get()) {
            try {
                if (System.nanoTime() - lastReloadCheck > config.reloadInterval().toNanos()) {
                    lastReloadCheck = System.nanoTime();
                    reloadIfChanged();
                }
                if (partitionCount > 0) {
                    for (Work.Document d : schedule.due(sources, this::owned)) {
                        submitDocument(d);
                    }
                }
                env.discovered().flush();
                env.fetched().flush();
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Discovery loop iteration failed", e);
            }
        }
    }

    private void submitDocument(Work.Document d) {
        SourceDefinition s = sources.byId(d.sourceId()).orElse(null);
        if (s == null || !schedule.started(d)) {
            return;
        }
        outstandingDocuments.incrementAndGet();
        scheduler.submit(d.hostKey(), env.rules(s), d);
    }

    private void reloadIfChanged() {
        if (!schedule.fileChanged(ctx.sourcesFile())) {
            return;
        }
        SourcesLoader.Loaded loaded = SourcesLoader.load(ctx.sourcesFile(), Map.of());
        if (!loaded.report().problems().isEmpty()) {
            metrics.reload("invalid");
            LOG.warn("Sources file {} has {} problem(s); keeping the previous configuration:\n  {}", ctx.sourcesFile(),
                    loaded.report().problems().size(), String.join("\n  ", loaded.report().problems().stream().map(ConfigProblem::toString).toList()));
            return;
        }
        SourcesConfig next = loaded.config();
        // metrics first, then the swap: whoever sees the new sources also sees their gauges (and none of removed ones)
        for (SourceDefinition s : sources.all()) {
            if (next.byId(s.id()).isEmpty()) {
                metrics.untrackSource(s.id());
            }
        }
        next.all().forEach(s -> metrics.trackSource(s.id(), s.every()));
        sources = next;
        SourceSchedule.Changes c = schedule.update(sources);
        metrics.reload("ok");
        LOG.info("Sources reloaded: {} added, {} changed, {} removed, {} enabled", c.added(), c.changed(), c.removed(), sources.enabled().size());
    }

    /** Whether this instance polls discovery documents on {@code url}'s host (same partitioning as the request topic). */
    boolean owned(URI url) {
        int n = partitionCount;
        if (n <= 0) {
            return false;
        }
        int partition = Utils.toPositive(Utils.murmur2(url.getHost().getBytes(StandardCharsets.UTF_8))) % n;
        return consumer.owned().contains(partition);
    }

    /**
     * True when there is nothing left to do for now: the consumer owns partitions and has read them to the
     * end, every enabled source was polled at least once, and no fetch, request or publish is pending.
     */
    public boolean isIdle() {
        return running.get() && partitionCount > 0 && schedule.allPolledOnce(sources, this::owned) && outstandingDocuments.get() == 0
                && scheduler.size() == 0 && publisher.pending() == 0 && documents.enqueuing() == 0 && env.offsets().openCount() == 0
                && consumer.caughtUpSince(documents.lastEnqueueNanos());
    }

    /**
     * Why this fetcher can no longer work, or empty while it can: once started, every thread it started (the
     * request consumer, each worker, the discovery loop) must still be alive until {@link #close()}. A dead
     * thread would otherwise leave a process that looks up but fetches nothing; {@code /health} reports it.
     */
    public Optional<String> failure() {
        if (!running.get()) {
            return Optional.empty();
        }
        List<String> dead = threads.stream().filter(t -> !t.isAlive()).map(Thread::getName).toList();
        return dead.isEmpty() ? Optional.empty() : Optional.of("fetcher thread(s) died: " + String.join(", ", dead));
    }

    /** Fetch-request partitions this instance owns now (its share of the hosts). */
    public Set<Integer> ownedPartitions() {
        return Set.copyOf(consumer.owned());
    }

    public FetcherStats stats() {
        return metrics.snapshot(scheduler.size(), scheduler.openCircuits());
    }

    /** The sources currently in force (the last valid version of the file). */
    public SourcesConfig sources() {
        return sources;
    }

    @Override
    public void close() {
        if (!running.getAndSet(false)) {
            if (threads.isEmpty()) {
                consumer.closeUnstarted();
            }
            closeResources();
            return;
        }
        LOG.info("Fetcher {} stopping", instanceId);
        scheduler.close();
        long joinMillis = config.limits().totalTimeout().toMillis() + 5000;
        for (Thread t : threads) {
            if (!t.getName().startsWith("fetcher-requests")) {
                join(t, joinMillis);
            }
        }
        publisher.flush(); // callbacks release the offsets of what finished
        consumer.stop();
        threads.stream().filter(t -> t.getName().startsWith("fetcher-requests")).forEach(t -> join(t, 15_000));
        closeResources();
        LOG.info("Fetcher {} stopped: {}", instanceId, stats());
    }

    private void closeResources() {
        try {
            publisher.close();
        } finally {
            env.discovered().close();
            env.fetched().close();
            env.warc().ifPresent(WarcRecorder::close);
            env.http().close();
        }
    }

    private static void join(Thread t, long millis) {
        try {
            t.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Handler implements RequestConsumer.Handler {
        @Override
        public void request(String value, TopicPartition tp, long offset) {
            Optional<FetchRequest> req = value == null ? Optional.empty() : FetchRequest.fromJson(value);
            if (req.isEmpty()) {
                publisher.deadLetter(null, null, Outcome.BAD_REQUEST.label(), "fetch request is not valid JSON with url and source",
                        null, value == null ? null : value.getBytes(StandardCharsets.UTF_8), e -> {
                            metrics.deadLetter("unknown", Outcome.BAD_REQUEST.label());
                            env.offsets().finished(tp, offset);
                        });
                return;
            }
            SourceDefinition s = sources.byId(req.get().sourceId()).orElse(null);
            HostScheduler.Rules rules = s == null ? new HostScheduler.Rules(Duration.ofSeconds(2), 1) : env.rules(s);
            Work.Page page = new Work.Page(req.get(), tp, offset, 0);
            scheduler.submit(page.hostKey(), rules, page);
        }

        @Override
        public void assigned(Set<Integer> partitions, int count) {
            partitionCount = count;
            schedule.ownershipChanged();
        }

        @Override
        public void revoked(Collection<TopicPartition> partitions) {
            int dropped = scheduler.removeIf(w -> w instanceof Work.Page p && partitions.contains(p.partition()));
            if (dropped > 0) {
                LOG.info("Dropped {} queued fetch(es) of revoked partitions; their new owner fetches them", dropped);
            }
        }
    }
}
