package dev.newsflow.testkit;

import dev.newsflow.common.kafka.EmbeddedKafka;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real in-JVM KRaft broker per test class: {@code @RegisterExtension static KafkaBroker kafka = new KafkaBroker();}.
 * Started before the first test, stopped (and its directory deleted) after the last.
 */
public final class KafkaBroker implements BeforeAllCallback, AfterAllCallback {
    private Path dir;
    private EmbeddedKafka kafka;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("newsflow-kafka-");
        kafka = new EmbeddedKafka(dir, 0).start(Duration.ofSeconds(60));
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (kafka != null) {
                kafka.close();
            }
        } finally {
            deleteTree(dir);
        }
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Stops the broker (keeping its data) and starts it again on the same directory and port. */
    public void restart() {
        String servers = kafka.bootstrapServers();
        int port = Integer.parseInt(servers.substring(servers.lastIndexOf(':') + 1));
        kafka.close();
        kafka = new EmbeddedKafka(dir, port).start(Duration.ofSeconds(60));
    }

    /** Base client properties pointing at this broker. */
    public Map<String, Object> clientProps() {
        Map<String, Object> props = new HashMap<>();
        props.put("bootstrap.servers", bootstrapServers());
        return props;
    }

    /** A fresh topic prefix, so tests in one class never see each other's records. */
    public static String uniquePrefix() {
        return "t" + UUID.randomUUID().toString().substring(0, 8) + ".";
    }

    public static void deleteTree(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
