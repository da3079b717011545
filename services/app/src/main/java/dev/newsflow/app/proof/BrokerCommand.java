package dev.newsflow.app.proof;

import dev.newsflow.app.cli.ConfigOption;
import dev.newsflow.common.kafka.EmbeddedKafka;
import dev.newsflow.common.kafka.NewsTopics;
import dev.newsflow.common.kafka.TopicProvisioner;
import dev.newsflow.common.registry.EmbeddedSchemaRegistry;
import dev.newsflow.common.runtime.NewsflowConfig;
import dev.newsflow.common.serde.InMemorySchemaRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A standalone single-node KRaft broker plus the embedded schema registry, for running the services as separate
 * processes (the crash test, local experiments). Prints {@code bootstrap.servers=...} and
 * {@code schema.registry.url=...}, keeps its data in {@code --dir} (restarting on it keeps topics and offsets) and
 * stops cleanly on SIGTERM.
 */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Run a standalone embedded Kafka broker (KRaft) and schema registry; prints their addresses.")
public final class BrokerCommand implements Callable<Integer> {
    /** Printed once both are ready; the crash test waits for this line. */
    public static final String READY = "newsflow broker ready";

    @Mixin
    ConfigOption config;

    @Option(names = "--dir", required = true, description = "Data directory of the broker.")
    Path dir;

    @Option(names = "--port", defaultValue = "0", description = "Kafka client port on 127.0.0.1 (0 = any free port).")
    int port;

    @Option(names = "--registry-port", defaultValue = "0", description = "Schema registry port on 127.0.0.1 (0 = any free port).")
    int registryPort;

    @Override
    public Integer call() throws Exception {
        NewsflowConfig cfg = config.load();
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "broker-shutdown"));
        try (EmbeddedKafka kafka = new EmbeddedKafka(dir, port).start(Duration.ofSeconds(90))) {
            Map<String, Object> props = cfg.kafka().withBootstrapServers(kafka.bootstrapServers()).clientProps();
            TopicProvisioner.ensure(props, new NewsTopics(cfg.topics(), new InMemorySchemaRegistry()).all());
            try (EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(props, cfg.topics().schemasTopic()).start(registryPort)) {
                System.out.println("bootstrap.servers=" + kafka.bootstrapServers());
                System.out.println("schema.registry.url=" + registry.url());
                System.out.println(READY);
                System.out.flush();
                stop.await();
            }
        } finally {
            stopped.countDown();
        }
        return 0;
    }
}
