package dev.newsflow.app.cli;

import dev.newsflow.app.demo.DemoRun;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code newsflow demo}: the whole pipeline against the bundled demo news site, then a summary. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Serve the bundled demo news site on loopback, run the whole pipeline on it (embedded Kafka, SQLite) "
                + "and print what was ingested and deduplicated.")
public final class DemoCommand implements Callable<Integer> {
    @Option(names = "--data-dir", defaultValue = "./data/demo", description = "Where the demo keeps Kafka data and the database (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--keep-data", description = "Keep data from an earlier demo run instead of starting fresh.")
    boolean keepData;

    @Option(names = "--follow", description = "Keep running after the summary (Ctrl-C stops).")
    boolean follow;

    @Option(names = "--metrics-port", defaultValue = "9400", description = "Port of the metrics endpoint (default: ${DEFAULT-VALUE}; 0 = any).")
    int metricsPort;

    @Option(names = "--kafka-port", defaultValue = "0", description = "Client port of the embedded Kafka broker on 127.0.0.1 (default: ${DEFAULT-VALUE} = any free port).")
    int kafkaPort;

    @Option(names = "--registry-port", defaultValue = "0", description = "Port of the embedded schema registry on 127.0.0.1 (default: ${DEFAULT-VALUE} = any free port).")
    int registryPort;

    @Option(names = "--timeout", defaultValue = "PT5M", description = "Give up waiting for the pipeline after this long (ISO-8601, default ${DEFAULT-VALUE}).")
    Duration timeout;

    @Override
    public Integer call() throws Exception {
        return new DemoRun(dataDir, !keepData, metricsPort, timeout, kafkaPort, registryPort).run(follow, System.out);
    }
}
