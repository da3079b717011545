package dev.newsflow.app.runtime;

import dev.newsflow.common.kafka.EmbeddedKafka;
import dev.newsflow.common.kafka.NewsTopics;
import dev.newsflow.common.kafka.TopicProvisioner;
import dev.newsflow.common.metrics.MetricsServer;
import dev.newsflow.common.registry.EmbeddedSchemaRegistry;
import dev.newsflow.common.runtime.KafkaSettings;
import dev.newsflow.common.runtime.NewsflowConfig;
import dev.newsflow.common.runtime.ServiceContext;
import dev.newsflow.common.serde.InMemorySchemaRegistry;
import dev.newsflow.common.serde.RestSchemaRegistryClient;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The infrastructure a newsflow process needs before its services start: Kafka (external, or embedded
 * when no bootstrap servers are configured and embedding is allowed), topics, the schema registry
 * (external, or embedded) and the metrics endpoint. Closes everything in reverse order.
 */
public final class NewsflowRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(NewsflowRuntime.class);

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final ServiceContext context;
    private final MetricsServer metrics;
    private final EmbeddedKafka kafka;
    private final String registryUrl;

    private NewsflowRuntime(NewsflowConfig config, boolean allowEmbedded) throws IOException {
        try {
            KafkaSettings kafkaSettings = config.kafka();
            EmbeddedKafka embedded = null;
            if (kafkaSettings.embedded()) {
                if (!allowEmbedded) {
                    throw new IllegalStateException("kafka.bootstrap-servers is required for this command "
                            + "(set it in the config file or NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS); only 'run' and 'demo' embed a broker");
                }
                embedded = new EmbeddedKafka(kafkaSettings.embeddedDir(), kafkaSettings.embeddedPort()).start(Duration.ofSeconds(90));
                closeables.add(embedded);
                kafkaSettings = kafkaSettings.withBootstrapServers(embedded.bootstrapServers());
            }
            this.kafka = embedded;
            TopicProvisioner.ensure(kafkaSettings.clientProps(), new NewsTopics(config.topics(), new InMemorySchemaRegistry()).all());
            String url = config.schemaRegistryUrl();
            if (url.isBlank()) {
                EmbeddedSchemaRegistry registry = new EmbeddedSchemaRegistry(kafkaSettings.clientProps(),
                        config.topics().schemasTopic()).start(config.embeddedRegistryPort());
                closeables.add(registry);
                url = registry.url();
            }
            this.registryUrl = url;
            RestSchemaRegistryClient registryClient = new RestSchemaRegistryClient(url);
            this.metrics = new MetricsServer().start(config.metricsHost(), config.metricsPort());
            closeables.add(metrics);
            java.nio.file.Files.createDirectories(config.dataDir());
            bindDiskSpace(config.dataDir().toFile(), metrics.registry());
            this.context = new ServiceContext(kafkaSettings, registryClient, new NewsTopics(config.topics(), registryClient),
                    metrics.registry(), config.sourcesFile(), config.dataDir(), config);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** {@code disk.free}/{@code disk.total} of the data directory's file system (Kafka data, state stores, SQLite). */
    private static void bindDiskSpace(java.io.File dir, io.micrometer.core.instrument.MeterRegistry registry) {
        String path = dir.getAbsolutePath();
        io.micrometer.core.instrument.Gauge.builder("disk.free", dir, java.io.File::getUsableSpace).tag("path", path).baseUnit("bytes")
                .description("Usable space for the data directory").register(registry);
        io.micrometer.core.instrument.Gauge.builder("disk.total", dir, java.io.File::getTotalSpace).tag("path", path).baseUnit("bytes")
                .description("Total space of the data directory's file system").register(registry);
    }

    /** Starts the infrastructure; {@code allowEmbedded} lets an empty bootstrap-servers start an in-JVM broker. */
    public static NewsflowRuntime start(NewsflowConfig config, boolean allowEmbedded) throws IOException {
        return new NewsflowRuntime(config, allowEmbedded);
    }

    public ServiceContext context() {
        return context;
    }

    public MetricsServer metrics() {
        return metrics;
    }

    public boolean embeddedKafka() {
        return kafka != null;
    }

    public String registryUrl() {
        return registryUrl;
    }

    /** Binds Kafka client metrics of a producer or consumer and closes the binder with the runtime. */
    public void bindClientMetrics(org.apache.kafka.clients.producer.Producer<?, ?> producer) {
        KafkaClientMetrics m = new KafkaClientMetrics(producer);
        m.bindTo(metrics.registry());
        closeables.add(m);
    }

    /** Registers something to close (before the infrastructure) when the runtime closes. */
    public void onClose(AutoCloseable c) {
        closeables.add(c);
    }

    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                LOG.warn("Error while closing {}: {}", closeables.get(i).getClass().getSimpleName(), e.toString());
            }
        }
        closeables.clear();
    }
}
