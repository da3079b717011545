package dev.newsflow.common.runtime;

import dev.newsflow.common.config.ConfigNode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * How to reach Kafka ({@code kafka} in newsflow.yml).
 *
 * @param bootstrapServers external cluster, or empty to start the embedded broker (run/demo only)
 * @param embeddedDir      data directory of the embedded broker
 * @param embeddedPort     client port of the embedded broker (0 = any free port)
 * @param clientProperties extra properties for every client (security settings etc.; values never logged)
 */
public record KafkaSettings(String bootstrapServers, Path embeddedDir, int embeddedPort, Map<String, String> clientProperties) {

    public static KafkaSettings from(ConfigNode n, Path dataDir) {
        return new KafkaSettings(n.string("bootstrap-servers", ""), Path.of(n.string("embedded-dir", dataDir.resolve("kafka").toString())),
                n.integer("embedded-port", 0, 0, 65535), n.stringMap("client-properties"));
    }

    public static final Set<String> KEYS = Set.of("bootstrap-servers", "embedded-dir", "embedded-port", "client-properties", "topics");

    public boolean embedded() {
        return bootstrapServers.isBlank();
    }

    public KafkaSettings withBootstrapServers(String servers) {
        return new KafkaSettings(servers, embeddedDir, embeddedPort, clientProperties);
    }

    /** Base properties for any client: bootstrap servers plus the configured extras. */
    public Map<String, Object> clientProps() {
        Map<String, Object> props = new HashMap<>(clientProperties);
        props.put("bootstrap.servers", bootstrapServers);
        return props;
    }
}
