package dev.newsflow.app.proof;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code newsflow crash-test}: the long version of {@code CrashTestIT} (more articles, more kills). */
@Command(name = "crash-test", mixinStandardHelpOptions = true,
        description = "Run broker, fetcher, processor and sink as separate processes, kill -9 the processor and sink at random "
                + "moments, restart the broker once, then verify the database and topics hold every article exactly once.")
public final class CrashTestCommand implements Callable<Integer> {
    @Option(names = "--articles", defaultValue = "10000", description = "Articles on the load site (default ${DEFAULT-VALUE}).")
    int articles;

    @Option(names = "--mirror-every", defaultValue = "4", description = "Every n-th article also has a mirror copy (default ${DEFAULT-VALUE}).")
    int mirrorEvery;

    @Option(names = "--kills", defaultValue = "8", description = "kill -9 events (default ${DEFAULT-VALUE}).")
    int kills;

    @Option(names = "--seed", description = "Random seed (default: time).")
    Long seed;

    @Option(names = "--heap", defaultValue = "384m", description = "Heap of each service JVM (default ${DEFAULT-VALUE}).")
    String heap;

    @Option(names = "--timeout", defaultValue = "30m", description = "Give up after this long (default ${DEFAULT-VALUE}).")
    String timeout;

    @Option(names = "--min-delay", defaultValue = "50ms", description = "Per-host delay between fetches, pacing the run (default ${DEFAULT-VALUE}).")
    String minDelay;

    @Option(names = "--work-dir", defaultValue = "./data/crash-test", description = "Working directory (wiped first).")
    Path work;

    @Override
    public Integer call() throws Exception {
        long s = seed == null ? System.currentTimeMillis() : seed;
        System.out.println("crash test: " + articles + " articles, mirror every " + mirrorEvery + ", " + kills + " kills, seed " + s
                + ", work dir " + work.toAbsolutePath());
        ProofFiles.deleteTree(work);
        CrashTest.Result r = new CrashTest(new CrashTest.Settings(articles, mirrorEvery, kills, s, heap,
                dev.newsflow.common.config.Durations.parse(timeout), minDelay), work).run();
        r.print(System.out);
        return r.passed() ? 0 : 1;
    }
}
