package dev.newsflow.common.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.avro.SchemaParseException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small Confluent-compatible schema registry served on loopback for embedded mode. Schemas are stored in
 * a compacted topic and reloaded at start, so ids survive restarts. Supports the subset newsflow and common
 * tools use: subjects, versions, ids, lookup, BACKWARD compatibility checks and global config.
 */
public final class EmbeddedSchemaRegistry implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSchemaRegistry.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

    private final Map<String, Object> clientProps;
    private final String topic;
    private final SchemaStore store = new SchemaStore();
    private KafkaProducer<String, String> producer;
    private HttpServer server;
    private ExecutorService executor;

    public EmbeddedSchemaRegistry(Map<String, Object> clientProps, String topic) {
        this.clientProps = clientProps;
        this.topic = topic;
    }

    /** Loads the stored schemas and starts serving on 127.0.0.1:{@code port} (0 = any free port). */
    public EmbeddedSchemaRegistry start(int port) throws IOException {
        load();
        Map<String, Object> p = new HashMap<>(clientProps);
        p.put("acks", "all");
        p.put("enable.idempotence", true);
        producer = new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", this::handle);
        executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "schema-registry-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        LOG.info("Embedded schema registry at {} ({} subjects loaded from {})", url(), store.subjects().size(), topic);
        return this;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void load() {
        Map<String, Object> p = new HashMap<>(clientProps);
        p.put("group.id", "newsflow-schema-registry-loader");
        p.put("enable.auto.commit", false);
        p.put("isolation.level", "read_committed");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer())) {
            List<PartitionInfo> parts = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            List<TopicPartition> tps = parts.stream().map(i -> new TopicPartition(i.topic(), i.partition())).toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> end = consumer.endOffsets(tps);
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    if (r.value() != null) {
                        apply(r.value());
                    }
                }
            }
        }
    }

    private void apply(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            store.apply(new SchemaStore.Entry(n.get("subject").asText(), n.get("version").asInt(), n.get("id").asInt(), n.get("schema").asText()));
        } catch (IOException | RuntimeException e) {
            LOG.warn("Skipping unreadable entry in {}: {}", topic, e.toString());
        }
    }

    private synchronized Reply register(String subject, String schema) throws Exception {
        Optional<SchemaStore.Entry> existing = store.find(subject, schema);
        if (existing.isPresent()) {
            return Reply.ok(JSON.createObjectNode().put("id", existing.get().id()));
        }
        String why = store.backwardIncompatibility(subject, schema);
        if (why != null) {
            return Reply.error(409, 409, "Schema being registered is incompatible with an earlier schema for subject \"" + subject + "\": " + why);
        }
        SchemaStore.Entry e = store.next(subject, schema);
        ObjectNode value = JSON.createObjectNode().put("subject", e.subject()).put("version", e.version()).put("id", e.id())
                .put("schema", e.schema());
        String key = JSON.createObjectNode().put("subject", e.subject()).put("version", e.version()).toString();
        producer.send(new ProducerRecord<>(topic, key, value.toString())).get(30, TimeUnit.SECONDS);
        store.apply(e);
        LOG.info("Registered schema id {} as {} version {}", e.id(), subject, e.version());
        return Reply.ok(JSON.createObjectNode().put("id", e.id()));
    }

    private void handle(HttpExchange ex) throws IOException {
        Reply reply;
        try {
            reply = route(ex.getRequestMethod(), ex.getRequestURI().getRawPath(), readBody(ex));
        } catch (SchemaParseException e) {
            reply = Reply.error(422, 42201, "Invalid schema: " + e.getMessage());
        } catch (Exception e) {
            LOG.warn("Registry request {} {} failed", ex.getRequestMethod(), ex.getRequestURI(), e);
            reply = Reply.error(500, 50001, "Error in the backend data store: " + e.getMessage());
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        ex.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private Reply route(String method, String rawPath, String body) throws Exception {
        String[] p = rawPath.replaceAll("^/+|/+$", "").split("/");
        for (int i = 0; i < p.length; i++) {
            p[i] = URLDecoder.decode(p[i], StandardCharsets.UTF_8);
        }
        String path = String.join("/", p);
        if (method.equals("GET") && path.equals("subjects")) {
            return Reply.ok(JSON.valueToTree(store.subjects()));
        }
        if (method.equals("GET") && (path.equals("config") || path.isEmpty())) {
            return Reply.ok(JSON.createObjectNode().put("compatibilityLevel", "BACKWARD"));
        }
        if (p.length == 3 && p[0].equals("schemas") && p[1].equals("ids") && method.equals("GET")) {
            return store.schema(parseInt(p[2])).map(s -> Reply.ok(JSON.createObjectNode().put("schema", s)))
                    .orElseGet(() -> Reply.error(404, 40403, "Schema " + p[2] + " not found"));
        }
        if (p.length >= 2 && p[0].equals("subjects")) {
            String subject = p[1];
            if (p.length == 3 && p[2].equals("versions") && method.equals("POST")) {
                return register(subject, schemaOf(body));
            }
            if (p.length == 3 && p[2].equals("versions") && method.equals("GET")) {
                List<Integer> versions = store.versions(subject);
                return versions.isEmpty() ? Reply.error(404, 40401, "Subject '" + subject + "' not found.") : Reply.ok(JSON.valueToTree(versions));
            }
            if (p.length == 4 && p[2].equals("versions") && method.equals("GET")) {
                Optional<SchemaStore.Entry> e = p[3].equals("latest") || p[3].equals("-1") ? store.latest(subject) : store.version(subject, parseInt(p[3]));
                return e.map(EmbeddedSchemaRegistry::entryReply).orElseGet(() -> Reply.error(404, 40402, "Version " + p[3] + " not found."));
            }
            if (p.length == 2 && method.equals("POST")) {
                return store.find(subject, schemaOf(body)).map(EmbeddedSchemaRegistry::entryReply)
                        .orElseGet(() -> Reply.error(404, 40403, "Schema not found"));
            }
        }
        if (p.length == 5 && p[0].equals("compatibility") && p[1].equals("subjects") && p[3].equals("versions") && method.equals("POST")) {
            String why = store.backwardIncompatibility(p[2], schemaOf(body));
            ObjectNode n = JSON.createObjectNode().put("is_compatible", why == null);
            if (why != null) {
                n.putArray("messages").add(why);
            }
            return Reply.ok(n);
        }
        return Reply.error(404, 404, "Not found: " + method + " /" + path);
    }

    private static Reply entryReply(SchemaStore.Entry e) {
        return Reply.ok(JSON.createObjectNode().put("subject", e.subject()).put("version", e.version()).put("id", e.id()).put("schema", e.schema()));
    }

    private static String schemaOf(String body) throws IOException {
        JsonNode n = JSON.readTree(body);
        if (n == null || !n.hasNonNull("schema")) {
            throw new SchemaParseException("request body has no 'schema'");
        }
        if (n.hasNonNull("schemaType") && !n.get("schemaType").asText().equals("AVRO")) {
            throw new SchemaParseException("only AVRO schemas are supported");
        }
        return SchemaStore.canonical(n.get("schema").asText());
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String readBody(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] bytes = in.readNBytes(4 * 1024 * 1024);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private record Reply(int status, String body) {
        static Reply ok(JsonNode n) {
            return new Reply(200, n.toString());
        }

        static Reply error(int status, int code, String message) {
            return new Reply(status, JSON.createObjectNode().put("error_code", code).put("message", message).toString());
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
