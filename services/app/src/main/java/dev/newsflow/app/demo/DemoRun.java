package dev.newsflow.app.demo;

import dev.newsflow.app.runtime.Lag;
import dev.newsflow.app.runtime.Pipeline;
import dev.newsflow.common.runtime.NewsflowConfig;
import dev.newsflow.sink.SinkStats;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/** Runs the pipeline against the demo site until everything it published has been stored, then summarizes. */
public final class DemoRun {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(DemoRun.class);
    private final Path dataDir;
    private final boolean fresh;
    private final int metricsPort;
    private final Duration timeout;
    private final int kafkaPort;
    private final int registryPort;

    /** What to do with the running pipeline after the summary was printed, before it stops. */
    @FunctionalInterface
    public interface AfterSummary {
        void accept(Pipeline pipeline) throws Exception;
    }

    public DemoRun(Path dataDir, boolean fresh, int metricsPort, Duration timeout) {
        this(dataDir, fresh, metricsPort, timeout, 0, 0);
    }

    /** {@code kafkaPort}/{@code registryPort}: fixed ports for the embedded broker and registry (0 = any free port). */
    public DemoRun(Path dataDir, boolean fresh, int metricsPort, Duration timeout, int kafkaPort, int registryPort) {
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.fresh = fresh;
        this.metricsPort = metricsPort;
        this.timeout = timeout;
        this.kafkaPort = kafkaPort;
        this.registryPort = registryPort;
    }

    /** Returns the process exit code: 0 when the demo completed, 1 when it timed out or failed. */
    public int run(boolean follow, PrintStream out) throws Exception {
        return run(out, follow ? pipeline -> {
            out.println("Following (Ctrl-C to stop) ...");
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown));
            stop.await();
        } : pipeline -> { });
    }

    /** Runs the demo, prints the summary, then hands the still running pipeline to {@code afterSummary}. */
    public int run(PrintStream out, AfterSummary afterSummary) throws Exception {
        if (fresh) {
            deleteTree(dataDir);
        }
        Files.createDirectories(dataDir);
        try (DemoSite site = DemoSite.start(0)) {
            Path sources = dataDir.resolve("sources.yml");
            Files.writeString(sources, DemoSite.sourcesYaml(site.port()), StandardCharsets.UTF_8);
            NewsflowConfig config = NewsflowConfig.parse(configYaml(sources), Map.of());
            out.println("Demo site: " + site.baseUrl(DemoSite.PRIMARY_HOST) + " (mirror " + site.baseUrl(DemoSite.MIRROR_HOST) + "), "
                    + site.articles().size() + " articles. Starting newsflow (embedded Kafka, SQLite) in " + dataDir + " ...");
            try (Pipeline pipeline = new Pipeline(config, EnumSet.allOf(Pipeline.Role.class)).start(true)) {
                boolean done = awaitQuiet(pipeline);
                DemoSummary summary = DemoSummary.collect(pipeline, site, SinkStats.read(pipeline.sinkConfig().jdbcUrl(),
                        pipeline.sinkConfig().username(), pipeline.sinkConfig().password()));
                summary.print(out, done);
                afterSummary.accept(pipeline);
                return done && summary.complete() ? 0 : 1;
            }
        }
    }

    private String configYaml(Path sources) {
        return "data-dir: '" + dataDir + "'\n"
                + "sources: '" + sources + "'\n"
                + "kafka:\n  embedded-port: " + kafkaPort + "\n"
                + "schema-registry:\n  embedded-port: " + registryPort + "\n"
                + "metrics:\n  host: 127.0.0.1\n  port: " + metricsPort + "\n"
                + "fetcher:\n  resolve:\n    " + DemoSite.PRIMARY_HOST + ": 127.0.0.1\n    " + DemoSite.MIRROR_HOST + ": 127.0.0.1\n";
    }

    /** Waits until the fetcher is idle and both consumer groups have no lag, three checks in a row. */
    private boolean awaitQuiet(Pipeline pipeline) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        var topics = pipeline.runtime().context().topics();
        int quiet = 0;
        try (Admin admin = Admin.create(pipeline.clientProps())) {
            while (System.nanoTime() < deadline) {
                TimeUnit.SECONDS.sleep(1);
                if (!pipeline.healthy()) {
                    return false;
                }
                String appId = pipeline.processorConfig().applicationId();
                Set<String> processorInputs = new java.util.HashSet<>(Set.of(topics.rawPages().name()));
                admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
                        .filter(t -> t.startsWith(appId + "-") && t.endsWith("-repartition")).forEach(processorInputs::add);
                boolean fetcherIdle = pipeline.fetcher().isIdle();
                boolean idle = fetcherIdle
                        && Lag.pending(admin, pipeline.clientProps(), appId, processorInputs) == 0
                        && Lag.pending(admin, pipeline.clientProps(), pipeline.sinkConfig().groupId(), Set.of(topics.articles().name(), topics.sightings().name())) == 0;
                quiet = idle ? quiet + 1 : 0;
                LOG.debug("Waiting for the pipeline: fetcher idle={}, quiet checks={}", fetcherIdle, quiet);
                if (quiet >= 3) {
                    return true;
                }
            }
        }
        return false;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(java.util.Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
