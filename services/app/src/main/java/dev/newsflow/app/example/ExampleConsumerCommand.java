package dev.newsflow.app.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * A consumer of newsflow's topics that uses no newsflow class — only the Kafka clients, Avro's generic API and
 * HTTP to a Confluent-API schema registry — so other teams can copy the pattern (docs/consumers.md). Prints one
 * JSON object per record on standard output (JSON Lines), a count on standard error.
 */
@Command(name = "example-consumer", mixinStandardHelpOptions = true,
        description = "Read a newsflow topic with a plain KafkaConsumer and generic Avro (writer schemas from the registry) "
                + "and print every record as one line of JSON. Without --group: every partition from the beginning up to "
                + "the current end (or on with --follow).")
public final class ExampleConsumerCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Option(names = "--bootstrap-servers", defaultValue = "127.0.0.1:9092", description = "Kafka (default: ${DEFAULT-VALUE}).")
    String bootstrapServers;

    @Option(names = "--registry", defaultValue = "http://127.0.0.1:8081", description = "Confluent-API schema registry (default: ${DEFAULT-VALUE}).")
    String registryUrl;

    @Option(names = "--topic", defaultValue = "news.articles", description = "Topic to read (default: ${DEFAULT-VALUE}).")
    String topic;

    @Option(names = "--group", description = "Consumer group: subscribe, resume from its committed offsets (else from the "
            + "beginning) and commit after each batch; keeps running until Ctrl-C or --max-records.")
    String group;

    @Option(names = "--follow", description = "Without --group: keep reading new records after the end was reached.")
    boolean follow;

    @Option(names = "--latest-only", description = "news.articles: only the newest version of each article (highest revision; "
            + "for the same revision the record read last). Without --follow one line per article, printed at the end.")
    boolean latestOnly;

    @Option(names = "--max-records", defaultValue = "0", description = "Stop after this many records (0 = no limit).")
    long maxRecords;

    @Option(names = "--max-string", defaultValue = "0", description = "Cut strings longer than this many characters (0 = never).")
    int maxString;

    @Option(names = "--omit", split = ",", description = "Top-level fields to leave out, e.g. bodyHtml,bodyText.")
    Set<String> omit = new HashSet<>();

    private ConfluentAvroDecoder decoder;
    private AvroJson avroJson;
    private final LatestRevisions latest = new LatestRevisions();
    private final Map<String, JsonNode> snapshot = new LinkedHashMap<>();
    private long read;
    private long printed;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        decoder = new ConfluentAvroDecoder(new ConfluentSchemas(registryUrl), null);
        avroJson = new AvroJson(maxString, omit);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props(), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Map<TopicPartition, Long> end = Map.of();
            if (group == null) {
                List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                        .map(p -> new TopicPartition(topic, p.partition())).toList();
                if (parts.isEmpty()) {
                    err.println("example-consumer: topic " + topic + " does not exist on " + bootstrapServers);
                    return 1;
                }
                consumer.assign(parts);
                consumer.seekToBeginning(parts);
                end = consumer.endOffsets(parts); // with read_committed: the last stable offset
            } else {
                consumer.subscribe(List.of(topic));
            }
            Thread hook = stopOnShutdown(consumer, Thread.currentThread());
            try {
                pollLoop(consumer, end, out);
            } catch (WakeupException e) {
                err.println("example-consumer: stopping");
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running: it waits for this thread to close the consumer
                }
            }
        }
        snapshot.values().forEach(line -> {
            out.println(line);
            printed++;
        });
        out.flush();
        err.println("example-consumer: " + read + " records read from " + topic + ", " + printed + " printed");
        err.flush();
        return 0;
    }

    private void pollLoop(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> end, PrintWriter out) {
        while (maxRecords == 0 || read < maxRecords) {
            if (group == null && !follow && reachedEnd(consumer, end)) {
                return;
            }
            Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                if (maxRecords > 0 && read >= maxRecords) {
                    break;
                }
                read++;
                handle(r, out);
                done.put(new TopicPartition(r.topic(), r.partition()), new OffsetAndMetadata(r.offset() + 1));
            }
            out.flush();
            if (group != null && !done.isEmpty()) {
                consumer.commitSync(done); // exactly what was handled, so a stop mid-batch loses nothing
            }
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> r, PrintWriter out) {
        ObjectNode line = toLine(r, decoder, avroJson);
        if (latestOnly && line.path("value").has("revision")) {
            String key = line.path("key").asText();
            if (!latest.offer(key, line.path("value").path("revision").asInt())) {
                return; // older than a revision already seen: stale
            }
            if (!follow && group == null) {
                snapshot.put(key, line); // one line per article, printed at the end
                return;
            }
        }
        out.println(line);
        printed++;
    }

    /** Ctrl-C: wake the polling thread so that it closes the consumer (and leaves its group) before the JVM exits. */
    private static Thread stopOnShutdown(KafkaConsumer<?, ?> consumer, Thread poller) {
        Thread hook = new Thread(() -> {
            consumer.wakeup();
            try {
                poller.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "example-consumer-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        return hook;
    }

    private Properties props() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // newsflow writes in transactions: read only committed records, never those of aborted attempts
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        p.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024); // raw pages and articles may be MBs
        p.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false); // a mistyped topic must not be created
        if (group != null) {
            p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        }
        return p;
    }

    private static boolean reachedEnd(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private static ObjectNode toLine(ConsumerRecord<byte[], byte[]> r, ConfluentAvroDecoder decoder, AvroJson avroJson) {
        ObjectNode line = JSON.createObjectNode();
        line.put("topic", r.topic()).put("partition", r.partition()).put("offset", r.offset())
                .put("timestamp", Instant.ofEpochMilli(r.timestamp()).toString());
        putKey(line, r.key());
        byte[] v = r.value();
        if (v == null) {
            line.put("tombstone", true).putNull("value");
        } else if (ConfluentAvroDecoder.isConfluentAvro(v)) {
            line.put("schemaId", ConfluentAvroDecoder.schemaId(v));
            Object value = decoder.decode(v);
            line.put("schema", value instanceof GenericRecord g ? g.getSchema().getFullName() : String.valueOf(value.getClass()));
            line.set("value", avroJson.toJson(value));
        } else {
            String text = new String(v, StandardCharsets.UTF_8); // news.sources carries JSON
            try {
                line.set("value", JSON.readTree(text));
            } catch (java.io.IOException e) {
                line.put("value", text);
            }
        }
        return line;
    }

    /** Keys are UTF-8 text on every topic but news.dlq, whose key is the original record's key bytes. */
    private static void putKey(ObjectNode line, byte[] key) {
        if (key == null) {
            line.putNull("key");
            return;
        }
        try {
            line.put("key", StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(key)).toString());
        } catch (CharacterCodingException e) {
            line.put("keyBase64", Base64.getEncoder().encodeToString(key));
        }
    }
}
