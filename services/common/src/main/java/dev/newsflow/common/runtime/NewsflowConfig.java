package dev.newsflow.common.runtime;

import dev.newsflow.common.config.ConfigNode;
import dev.newsflow.common.config.ConfigReport;
import dev.newsflow.common.kafka.TopicSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * The settings every service shares, read from {@code config/newsflow.yml} with {@code NEWSFLOW_*}
 * environment overrides. Service sections ({@code fetcher}, {@code processor}, {@code sink}) are read by
 * each service's own config class from {@link #root()}; see docs/configuration.md.
 */
public final class NewsflowConfig {
    private static final Set<String> TOP = Set.of("data-dir", "kafka", "schema-registry", "metrics", "sources", "fetcher",
            "processor", "sink", "demo");

    private final ConfigNode root;
    private final Path dataDir;
    private final KafkaSettings kafka;
    private final TopicSettings topics;
    private final String schemaRegistryUrl;
    private final int embeddedRegistryPort;
    private final String metricsHost;
    private final int metricsPort;
    private final Path sourcesFile;

    private NewsflowConfig(ConfigNode root, Path baseDir) {
        this.root = root;
        root.allowOnly(TOP);
        this.dataDir = resolve(baseDir, root.string("data-dir", "./data"));
        ConfigNode k = root.section("kafka");
        k.allowOnly(KafkaSettings.KEYS);
        this.kafka = KafkaSettings.from(k, dataDir);
        this.topics = TopicSettings.from(k.section("topics"));
        ConfigNode r = root.section("schema-registry");
        r.allowOnly(Set.of("url", "embedded-port"));
        this.schemaRegistryUrl = r.string("url", "");
        this.embeddedRegistryPort = r.integer("embedded-port", 0, 0, 65535);
        ConfigNode m = root.section("metrics");
        m.allowOnly(Set.of("host", "port"));
        this.metricsHost = m.string("host", "0.0.0.0");
        this.metricsPort = m.integer("port", 9400, 0, 65535);
        this.sourcesFile = resolve(baseDir, root.string("sources", "config/sources.yml"));
    }

    /** Reads {@code file}; problems are collected in {@link #report()}, not thrown. */
    public static NewsflowConfig load(Path file, Map<String, String> env) {
        return new NewsflowConfig(ConfigReport.load(file, env), Path.of("."));
    }

    public static NewsflowConfig parse(String yaml, Map<String, String> env) {
        return new NewsflowConfig(ConfigReport.parse("newsflow.yml", yaml, env), Path.of("."));
    }

    /** All defaults (plus environment overrides), for when no file is given. */
    public static NewsflowConfig defaults(Map<String, String> env) {
        return new NewsflowConfig(ConfigReport.empty(env), Path.of("."));
    }

    private static Path resolve(Path base, String p) {
        Path path = Path.of(p);
        return path.isAbsolute() ? path : base.resolve(path).normalize();
    }

    public ConfigNode root() {
        return root;
    }

    public ConfigNode section(String name) {
        return root.section(name);
    }

    public ConfigReport report() {
        return root.report();
    }

    public Path dataDir() {
        return dataDir;
    }

    public KafkaSettings kafka() {
        return kafka;
    }

    public TopicSettings topics() {
        return topics;
    }

    /** Confluent-API registry URL, or empty to serve the embedded registry. */
    public String schemaRegistryUrl() {
        return schemaRegistryUrl;
    }

    public int embeddedRegistryPort() {
        return embeddedRegistryPort;
    }

    public String metricsHost() {
        return metricsHost;
    }

    public int metricsPort() {
        return metricsPort;
    }

    public Path sourcesFile() {
        return sourcesFile;
    }
}
