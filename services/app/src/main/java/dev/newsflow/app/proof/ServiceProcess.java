package dev.newsflow.app.proof;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code newsflow <command>} in its own JVM ({@code java -cp <classpath> dev.newsflow.app.Newsflow ...}),
 * output appended to a log file. {@link #kill()} is {@code kill -9}; {@link #stop()} is SIGTERM and a wait.
 */
public final class ServiceProcess implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceProcess.class);

    private final String name;
    private final Process process;
    private final Map<String, String> printed = new ConcurrentHashMap<>();
    private final CountDownLatch ready = new CountDownLatch(1);

    private ServiceProcess(String name, Process process, Path log, String readyLine) {
        this.name = name;
        this.process = process;
        Thread pump = new Thread(() -> pump(log, readyLine), "pump-" + name);
        pump.setDaemon(true);
        pump.start();
    }

    /**
     * Starts {@code newsflow args...} with the current JVM's class path (the test class path or the shaded jar).
     * {@code readyLine} (may be null) is a line of standard output that {@link #awaitReady} waits for.
     */
    public static ServiceProcess start(String name, List<String> jvmOptions, List<String> args, Path log, String readyLine)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.newsflow.app.Newsflow");
        cmd.addAll(args);
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Process p = pb.start();
        LOG.info("Started {} (pid {}), log {}", name, p.pid(), log);
        return new ServiceProcess(name, p, log, readyLine);
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    public int exitCode() {
        return process.exitValue();
    }

    /** Waits for the ready line; false on timeout or when the process ended first. */
    public boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (ready.await(200, TimeUnit.MILLISECONDS)) {
                return true;
            }
            if (!process.isAlive()) {
                return false;
            }
        }
        return false;
    }

    /** A {@code key=value} line the process printed, or null. */
    public String printed(String key) {
        return printed.get(key);
    }

    /** SIGKILL: no shutdown hooks, no flush, no commit. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        LOG.info("Killed {} (pid {}) with SIGKILL", name, process.pid());
    }

    /** SIGTERM, then SIGKILL if it has not ended within {@code grace}. */
    public void stop(Duration grace) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            LOG.warn("{} did not stop within {}; killing it", name, grace);
            kill();
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                stop(Duration.ofSeconds(20));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private void pump(Path log, String readyLine) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
             Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            out.write("---- " + name + " pid " + process.pid() + "\n");
            String line;
            while ((line = in.readLine()) != null) {
                out.write(line);
                out.write('\n');
                out.flush();
                int eq = line.indexOf('=');
                if (eq > 0 && !line.contains(" ")) {
                    printed.put(line.substring(0, eq), line.substring(eq + 1));
                }
                if (readyLine != null && line.contains(readyLine)) {
                    ready.countDown();
                }
            }
        } catch (IOException e) {
            LOG.debug("Output of {} ended: {}", name, e.toString());
        }
    }
}
