package dev.newsflow.app.cli;

import dev.newsflow.app.runtime.Pipeline;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Everything in one JVM: embedded Kafka unless configured, registry, fetcher, processor, sink, metrics. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run fetcher, processor and sink in one process (embedded Kafka and registry unless configured). Ctrl-C stops.")
public final class RunCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Override
    public Integer call() throws Exception {
        Pipeline pipeline = new Pipeline(config.load(), EnumSet.allOf(Pipeline.Role.class));
        return Blocking.runUntilStopped(pipeline, true);
    }

    /** Runs a started pipeline until the JVM is asked to stop or a service fails. */
    static final class Blocking {
        private Blocking() {
        }

        static int runUntilStopped(Pipeline pipeline, boolean allowEmbedded) throws Exception {
            CountDownLatch stop = new CountDownLatch(1);
            Thread hook = new Thread(stop::countDown, "newsflow-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
            try (Pipeline p = pipeline.start(allowEmbedded)) {
                System.out.println("newsflow is running. Metrics: http://127.0.0.1:" + p.runtime().metrics().port()
                        + "/metrics  Database: " + p.sinkConfig().safeJdbcUrl() + "  Kafka: " + p.clientProps().get("bootstrap.servers")
                        + "  Schema registry: " + p.runtime().registryUrl() + "  (Ctrl-C to stop)");
                while (!stop.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
                    if (!p.healthy()) {
                        System.err.println("newsflow: a service failed; stopping (see the log)");
                        return 1;
                    }
                }
                return 0;
            }
        }
    }
}
