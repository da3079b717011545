package dev.newsflow.app.proof;

import dev.newsflow.common.kafka.NewsTopics;
import dev.newsflow.common.kafka.TopicSettings;
import dev.newsflow.common.serde.RestSchemaRegistryClient;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The crash test: broker (with registry), fetcher, processor and sink each in their own JVM against the load
 * site; while the articles flow, the processor and the sink are killed with SIGKILL at random moments and the
 * broker is restarted once; at the end {@link PipelineCheck} compares database and topics with what was published.
 */
public final class CrashTest {
    private static final Logger LOG = LoggerFactory.getLogger(CrashTest.class);
    private static final String RUNNING = "newsflow is running";

    /** What to do to which process when the database reaches a fraction of the articles. */
    enum Action { KILL_PROCESSOR, KILL_SINK, KILL_BOTH, RESTART_BROKER }

    private enum Role { FETCHER, PROCESSOR, SINK }

    /** Settings of one run. */
    /** {@code minDelay} is the fetcher's per-host politeness: it paces the run so the kills land while articles flow. */
    public record Settings(int articles, int mirrorEvery, int kills, long seed, String heap, Duration timeout, String minDelay) {
    }

    /** The outcome: the actions done, the problems found (empty = passed) and the figures. */
    public record Result(List<String> events, List<String> problems, Map<String, Long> figures, Duration elapsed, int unexpectedExits) {
        public boolean passed() {
            return problems.isEmpty();
        }

        public void print(PrintStream out) {
            out.println("crash test: " + (passed() ? "PASSED" : "FAILED") + " in " + elapsed.toSeconds() + " s");
            events.forEach(e -> out.println("  event  " + e));
            figures.forEach((k, v) -> out.println("  " + String.format(java.util.Locale.ROOT, "%-28s %d", k, v)));
            out.println("  unexpected exits             " + unexpectedExits);
            problems.forEach(p -> out.println("  PROBLEM " + p));
        }
    }

    private final Settings settings;
    private final Path work;
    private final Random random;
    private final List<String> events = new ArrayList<>();
    private final Map<Role, ServiceProcess> services = new EnumMap<>(Role.class);
    private ServiceProcess broker;
    private int brokerPort;
    private int registryPort;
    private int unexpectedExits;
    private long start;

    public CrashTest(Settings settings, Path work) {
        this.settings = settings;
        this.work = work.toAbsolutePath();
        this.random = new Random(settings.seed());
    }

    public Result run() throws Exception {
        start = System.nanoTime();
        Files.createDirectories(work);
        brokerPort = freePort();
        registryPort = freePort();
        try (LoadSite site = LoadSite.start(LoadArticles.templated(), settings.articles(), settings.mirrorEvery(), 4)) {
            Files.writeString(work.resolve("sources.yml"), site.sourcesYaml(settings.minDelay(), 1, "5s"), StandardCharsets.UTF_8);
            startBroker();
            String jdbc = "jdbc:sqlite:" + work.resolve("newsflow.db");
            for (Role r : List.of(Role.SINK, Role.PROCESSOR, Role.FETCHER)) {
                writeConfig(r, jdbc);
                startService(r);
            }
            List<double[]> plan = plan();
            long deadline = System.nanoTime() + settings.timeout().toNanos();
            int next = 0;
            long stored = 0;
            long lastAction = 0;
            while (System.nanoTime() < deadline && stored < settings.articles()) {
                Thread.sleep(250);
                stored = PipelineCheck.storedArticles(jdbc);
                superviseExits();
                // at most one action per pass, and the pipeline gets a few seconds to make progress in between
                if (next < plan.size() && stored >= plan.get(next)[0] * settings.articles()
                        && System.nanoTime() - lastAction > Duration.ofSeconds(3).toNanos()) {
                    Thread.sleep((long) plan.get(next)[2]);
                    act(Action.values()[(int) plan.get(next)[1]], PipelineCheck.storedArticles(jdbc));
                    lastAction = System.nanoTime();
                    next++;
                }
            }
            for (; next < plan.size(); next++) {
                events.add("not done (pipeline finished first): " + Action.values()[(int) plan.get(next)[1]]);
            }
            awaitDrained(jdbc, deadline);
            List<String> problems = new ArrayList<>();
            PipelineCheck check = new PipelineCheck(settings.articles(), site);
            check.database(jdbc, "", "");
            check.topics(Map.of("bootstrap.servers", "127.0.0.1:" + brokerPort),
                    new NewsTopics(TopicSettings.defaults(), new RestSchemaRegistryClient("http://127.0.0.1:" + registryPort)));
            problems.addAll(check.problems());
            return new Result(events, problems, check.figures(), Duration.ofNanos(System.nanoTime() - start), unexpectedExits);
        } finally {
            for (Role r : List.of(Role.FETCHER, Role.PROCESSOR, Role.SINK)) {
                if (services.get(r) != null) {
                    services.get(r).close();
                }
            }
            if (broker != null) {
                broker.close();
            }
        }
    }

    /**
     * The schedule: {@code kills} kills of the processor/sink (alternating, the last one both at once) at random
     * fractions of the run, plus one broker restart near the middle. Each row: fraction, action, extra delay ms.
     */
    private List<double[]> plan() {
        List<double[]> plan = new ArrayList<>();
        for (int k = 0; k < settings.kills(); k++) {
            double slot = (k + 0.2 + 0.6 * random.nextDouble()) / (settings.kills() + 1.0);
            Action a = k == settings.kills() - 1 ? Action.KILL_BOTH : k % 2 == 0 ? Action.KILL_PROCESSOR : Action.KILL_SINK;
            // all kills before 75 % of the articles are stored: a restarted processor catches up in a burst, and actions
            // planned late could find the pipeline already finished
            plan.add(new double[] {slot * 0.75, a.ordinal(), random.nextInt(1500)});
        }
        plan.add(new double[] {0.35 + 0.2 * random.nextDouble(), Action.RESTART_BROKER.ordinal(), random.nextInt(1500)});
        plan.sort((x, y) -> Double.compare(x[0], y[0]));
        return plan;
    }

    private void act(Action action, long stored) throws Exception {
        String at = "at " + stored + "/" + settings.articles() + " stored, t=" + secondsSinceStart() + "s";
        switch (action) {
            case KILL_PROCESSOR -> killAndRestart(List.of(Role.PROCESSOR), at);
            case KILL_SINK -> killAndRestart(List.of(Role.SINK), at);
            case KILL_BOTH -> killAndRestart(List.of(Role.PROCESSOR, Role.SINK), at);
            case RESTART_BROKER -> {
                broker.stop(Duration.ofSeconds(60));
                events.add("broker stopped (SIGTERM) " + at);
                Thread.sleep(1000 + random.nextInt(2000));
                startBroker();
                events.add("broker restarted, t=" + secondsSinceStart() + "s");
            }
            default -> throw new IllegalStateException(action.name());
        }
    }

    private void killAndRestart(List<Role> roles, String at) throws Exception {
        for (Role r : roles) {
            services.get(r).kill();
            events.add("kill -9 " + r.name().toLowerCase(java.util.Locale.ROOT) + " (pid " + services.get(r).pid() + ") " + at);
        }
        Thread.sleep(500 + random.nextInt(2500));
        for (Role r : roles) {
            startService(r);
        }
    }

    /** A service that died on its own is restarted (and counted): the test is about what was stored, not uptime. */
    private void superviseExits() throws Exception {
        for (Role r : Role.values()) {
            ServiceProcess p = services.get(r);
            if (p != null && !p.alive()) {
                unexpectedExits++;
                events.add(r.name().toLowerCase(java.util.Locale.ROOT) + " exited by itself with code " + p.exitCode()
                        + ", t=" + secondsSinceStart() + "s; restarted");
                startService(r);
            }
        }
    }

    /** After the last article is stored, waits a little longer for late mirror URLs and sightings. */
    private void awaitDrained(String jdbc, long deadline) throws Exception {
        long stableSince = System.nanoTime();
        long last = -1;
        while (System.nanoTime() < deadline) {
            superviseExits();
            long n = PipelineCheck.storedArticles(jdbc) * 1_000_000L + sightingRows(jdbc);
            if (n != last) {
                last = n;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince > Duration.ofSeconds(8).toNanos()) {
                return;
            }
            Thread.sleep(500);
        }
    }

    private static long sightingRows(String jdbc) {
        try (var c = java.sql.DriverManager.getConnection(jdbc); var st = c.createStatement();
             var rs = st.executeQuery("SELECT COUNT(*) FROM sightings")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (java.sql.SQLException e) {
            return 0;
        }
    }

    private void startBroker() throws Exception {
        broker = ServiceProcess.start("broker", jvm(), List.of("broker", "--dir", work.resolve("kafka").toString(),
                "--port", String.valueOf(brokerPort), "--registry-port", String.valueOf(registryPort)), work.resolve("broker.log"),
                BrokerCommand.READY);
        if (!broker.awaitReady(Duration.ofSeconds(120))) {
            throw new IllegalStateException("the broker did not start; see " + work.resolve("broker.log"));
        }
    }

    private void startService(Role r) throws Exception {
        String name = r.name().toLowerCase(java.util.Locale.ROOT);
        ServiceProcess p = ServiceProcess.start(name, jvm(), List.of(name, "--config", work.resolve(name + ".yml").toString()),
                work.resolve(name + ".log"), RUNNING);
        services.put(r, p);
        if (!p.awaitReady(Duration.ofSeconds(120))) {
            LOG.warn("{} did not report running within 120 s (alive={})", name, p.alive());
        }
    }

    private List<String> jvm() {
        return List.of("-Xmx" + settings.heap(), "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss512k",
                "-Dlogback.configurationFile=" + logback());
    }

    private String logback() {
        Path f = work.resolve("logback.xml");
        if (!Files.exists(f)) {
            try {
                Files.writeString(f, "<configuration><appender name=\"o\" class=\"ch.qos.logback.core.ConsoleAppender\"><encoder>"
                        + "<pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n</pattern></encoder></appender>"
                        + "<logger name=\"org.apache.kafka\" level=\"WARN\"/><logger name=\"kafka\" level=\"WARN\"/>"
                        + "<logger name=\"org.apache.kafka.streams\" level=\"INFO\"/>"
                        + "<root level=\"INFO\"><appender-ref ref=\"o\"/></root></configuration>\n", StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return f.toString();
    }

    private void writeConfig(Role r, String jdbc) throws IOException {
        String name = r.name().toLowerCase(java.util.Locale.ROOT);
        String yaml = "data-dir: '" + work.resolve("data-" + name) + "'\n"
                + "sources: '" + work.resolve("sources.yml") + "'\n"
                + "kafka:\n  bootstrap-servers: 127.0.0.1:" + brokerPort + "\n"
                + "  client-properties:\n    session.timeout.ms: '6000'\n    heartbeat.interval.ms: '1500'\n"
                + "schema-registry:\n  url: http://127.0.0.1:" + registryPort + "\n"
                + "metrics:\n  host: 127.0.0.1\n  port: 0\n"
                + "fetcher:\n  worker-threads: 4\n  max-urls-per-document: 1000000\n" + LoadSite.resolveYaml()
                + "sink:\n  jdbc-url: '" + jdbc + "'\n";
        Files.writeString(work.resolve(name + ".yml"), yaml, StandardCharsets.UTF_8);
    }

    private long secondsSinceStart() {
        return Duration.ofNanos(System.nanoTime() - start).toSeconds();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
