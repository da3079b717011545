package dev.newsflow.app.runtime;

import dev.newsflow.common.config.ConfigException;
import dev.newsflow.common.runtime.NewsflowConfig;
import dev.newsflow.common.runtime.ServiceContext;
import dev.newsflow.common.sources.SourcesLoader;
import dev.newsflow.fetcher.FetcherConfig;
import dev.newsflow.fetcher.FetcherService;
import dev.newsflow.processor.ProcessorConfig;
import dev.newsflow.processor.ProcessorService;
import dev.newsflow.sink.SinkConfig;
import dev.newsflow.sink.SinkService;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Validates the whole configuration up front (every problem reported together), then starts the runtime and
 * the chosen services in dependency order: sink, processor, fetcher. Closing stops them in reverse order.
 */
public final class Pipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    /** The services a process can run. */
    public enum Role { FETCHER, PROCESSOR, SINK }

    private final NewsflowConfig config;
    private final FetcherConfig fetcherConfig;
    private final ProcessorConfig processorConfig;
    private final SinkConfig sinkConfig;
    private final Set<Role> roles;
    private NewsflowRuntime runtime;
    private FetcherService fetcher;
    private ProcessorService processor;
    private SinkService sink;

    /** Parses every section and the sources file; throws {@link ConfigException} listing all problems. */
    public Pipeline(NewsflowConfig config, Set<Role> roles) {
        this.config = config;
        this.roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
        this.fetcherConfig = FetcherConfig.from(config.section("fetcher"));
        this.processorConfig = ProcessorConfig.from(config.section("processor"), config.dataDir());
        this.sinkConfig = SinkConfig.from(config.section("sink"), config.dataDir());
        config.section("demo");
        SourcesLoader.Loaded sources = SourcesLoader.load(config.sourcesFile(), System.getenv());
        java.util.List<dev.newsflow.common.config.ConfigProblem> problems = new java.util.ArrayList<>(config.report().problems());
        if (this.roles.contains(Role.FETCHER) || this.roles.contains(Role.PROCESSOR)) {
            problems.addAll(sources.report().problems());
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }

    public Pipeline start(boolean allowEmbedded) throws IOException {
        runtime = NewsflowRuntime.start(config, allowEmbedded);
        ServiceContext ctx = runtime.context();
        try {
            if (roles.contains(Role.SINK)) {
                sink = new SinkService(sinkConfig, ctx);
                sink.start();
            }
            if (roles.contains(Role.PROCESSOR)) {
                processor = new ProcessorService(processorConfig, ctx);
                processor.start();
            }
            if (roles.contains(Role.FETCHER)) {
                fetcher = new FetcherService(fetcherConfig, ctx);
                fetcher.start();
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        runtime.onClose(new LagMonitor(ctx.clientProps(), lagGroups(ctx), ctx.meters(), 30));
        runtime.metrics().healthCheck(this::healthy);
        runtime.metrics().readinessCheck(this::ready);
        LOG.info("newsflow started: {} | Kafka {}{} | registry {} | metrics http://{}:{}/metrics", roles,
                ctx.kafka().bootstrapServers(), runtime.embeddedKafka() ? " (embedded, data in " + config.kafka().embeddedDir() + ")" : "",
                runtime.registryUrl(), config.metricsHost(), runtime.metrics().port());
        return this;
    }

    private Map<String, java.util.function.Supplier<Set<String>>> lagGroups(ServiceContext ctx) {
        Map<String, java.util.function.Supplier<Set<String>>> groups = new java.util.LinkedHashMap<>();
        var topics = ctx.topics();
        if (roles.contains(Role.PROCESSOR)) {
            String appId = processorConfig.applicationId();
            groups.put(appId, () -> {
                Set<String> in = new java.util.HashSet<>(Set.of(topics.rawPages().name()));
                try (var admin = org.apache.kafka.clients.admin.Admin.create(ctx.clientProps())) {
                    admin.listTopics().names().get(10, java.util.concurrent.TimeUnit.SECONDS).stream()
                            .filter(t -> t.startsWith(appId + "-") && t.endsWith("-repartition")).forEach(in::add);
                } catch (Exception e) {
                    LOG.debug("Cannot list repartition topics: {}", e.toString());
                }
                return in;
            });
        }
        if (roles.contains(Role.SINK)) {
            groups.put(sinkConfig.groupId(), () -> Set.of(topics.articles().name(), topics.sightings().name()));
        }
        return groups;
    }

    /** False once a service has failed for good (e.g. the stream threads or a fetcher thread died). */
    public boolean healthy() {
        return (processor == null || processor.fatalError() == null) && (sink == null || sink.failure().isEmpty())
                && (fetcher == null || fetcher.failure().isEmpty());
    }

    /** Ready to do work: healthy, and the stream threads (when this process runs the processor) are RUNNING. */
    public boolean ready() {
        return healthy() && (processor == null || processor.state() == org.apache.kafka.streams.KafkaStreams.State.RUNNING)
                && (sink == null || sink.isRunning());
    }

    /**
     * Waits until {@link #ready()} and returns how long that took.
     *
     * @throws IllegalStateException when a service fails, or the timeout passes, first
     */
    public Duration awaitReady(Duration timeout) throws InterruptedException {
        long started = System.nanoTime();
        while (!ready()) {
            if (!healthy() || System.nanoTime() - started > timeout.toNanos()) {
                throw new IllegalStateException(roles + " not ready after " + (System.nanoTime() - started) / 1_000_000_000 + " s"
                        + (healthy() ? "" : " (a service failed)"));
            }
            Thread.sleep(20);
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    public NewsflowConfig config() {
        return config;
    }

    public NewsflowRuntime runtime() {
        return runtime;
    }

    public FetcherService fetcher() {
        return fetcher;
    }

    public ProcessorService processor() {
        return processor;
    }

    public SinkService sink() {
        return sink;
    }

    public SinkConfig sinkConfig() {
        return sinkConfig;
    }

    public ProcessorConfig processorConfig() {
        return processorConfig;
    }

    public Map<String, Object> clientProps() {
        return runtime.context().clientProps();
    }

    @Override
    public void close() {
        closeQuietly(fetcher);
        closeQuietly(processor);
        closeQuietly(sink);
        fetcher = null;
        processor = null;
        sink = null;
        if (runtime != null) {
            runtime.close();
            runtime = null;
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            LOG.warn("Error stopping {}: {}", c.getClass().getSimpleName(), e.toString());
        }
    }
}
