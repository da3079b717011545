package dev.newsflow.app.ops;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;

/**
 * Runs a command-line tool that CI installs (promtool, docker-compose). A missing tool fails the test with the
 * install line, never skips it: a check that silently does not run is the failure this module exists to prevent.
 */
final class ExternalTool {
    /** What ran and what it printed. */
    record Result(int exitCode, String output) {
    }

    private ExternalTool() {
    }

    static Path require(String name, String installHint) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(java.io.File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return Assertions.fail(name + " is not installed; install it with: " + installHint + " (.ci/run does this)");
    }

    static Result run(Path workDir, long timeoutSeconds, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(command));
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true).start();
        byte[] out;
        try (var in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return Assertions.fail(String.join(" ", cmd) + " did not finish in " + timeoutSeconds + " s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** Runs and fails the test with the tool's own output when it exits non-zero. */
    static String runOk(Path workDir, long timeoutSeconds, String... command) throws IOException, InterruptedException {
        Result r = run(workDir, timeoutSeconds, command);
        if (r.exitCode() != 0) {
            Assertions.fail(String.join(" ", command) + " exited " + r.exitCode() + ":\n" + r.output());
        }
        return r.output();
    }
}
