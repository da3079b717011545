package dev.newsflow.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.avro.RawPage;
import dev.newsflow.common.kafka.NewsTopics;
import dev.newsflow.common.kafka.TopicProvisioner;
import dev.newsflow.common.runtime.NewsflowConfig;
import dev.newsflow.common.runtime.ServiceContext;
import dev.newsflow.common.serde.RestSchemaRegistryClient;
import dev.newsflow.processor.ProcessorConfig;
import dev.newsflow.processor.ProcessorService;
import dev.newsflow.testkit.KafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * newsflow against a real third-party registry: Apicurio Registry (Confluent API at /apis/ccompat/v7), started by
 * {@code shared/tools/schema-registry/start.sh}. The processor registers its schemas there, and the articles topic
 * is read back by a consumer that knows nothing of newsflow's classes: Confluent framing parsed by hand, the writer
 * schema fetched over plain HTTP, records decoded with {@link GenericDatumReader}. If the registry cannot start,
 * the test fails with its log.
 */
@Tag("integration")
@Timeout(value = 20, unit = TimeUnit.MINUTES) // the first build of the registry downloads its Maven artifacts
class RegistryInteropIT {
    private static final String START_SCRIPT = "shared/tools/schema-registry/start.sh";
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static KafkaBroker kafka = new KafkaBroker();

    @TempDir
    Path tmp;

    @Test
    void shouldWriteArticlesThatAGenericConsumerDecodesWithTheThirdPartyRegistry() throws Exception {
        String url = startRegistry();
        ProcessorService processor = null;
        try {
            String prefix = KafkaBroker.uniquePrefix();
            Path sources = tmp.resolve("sources.yml");
            Files.writeString(sources, """
                    sources:
                      - id: presstv
                        name: Press TV
                        country: IR
                        language: en
                        hosts: [www.presstv.ir]
                        feeds: [https://www.presstv.ir/rss.xml]
                        tags: [state-media]
                    """, StandardCharsets.UTF_8);
            NewsflowConfig config = NewsflowConfig.parse("kafka:\n  bootstrap-servers: " + kafka.bootstrapServers()
                    + "\n  topics:\n    prefix: '" + prefix + "'\n    partitions: 2\nschema-registry:\n  url: " + url + "\n", Map.of());
            RestSchemaRegistryClient registry = new RestSchemaRegistryClient(url);
            NewsTopics topics = new NewsTopics(config.topics(), registry);
            TopicProvisioner.ensure(kafka.clientProps(), topics.all());
            ServiceContext ctx = new ServiceContext(config.kafka(), registry, topics, new SimpleMeterRegistry(), sources, tmp, config);
            ProcessorConfig processorConfig = ProcessorConfig.from(config.section("processor"), tmp).withApplicationId(prefix + "processor");

            produce(topics, Map.of(
                    "https://www.presstv.ir/world/middle-east/2026/11/25/ain-al-asad", page("Rockets hit Ain al-Asad base in Iraq",
                            "Several rockets struck the Ain al-Asad airbase in western Anbar province on Tuesday, Iraqi security sources said. "
                                    + "The base hosts US troops. Officials in Baghdad condemned the attack on Ain al-Asad."),
                    "https://www.presstv.ir/world/2026/11/25/tehran-talks", page("مذاکرات در تهران",
                            "وزیر امور خارجه امروز گفت که مذاکرات هفته آینده در تهران ادامه خواهد یافت و هیئت‌ها در پایتخت دیدار می‌کنند."),
                    "https://www.presstv.ir/sport/2026/11/25/match", page("المنتخب يفوز",
                            "فاز المنتخب الوطني على منافسه بهدفين دون رد في المباراة التي أقيمت مساء أمس في بغداد أمام جمهور كبير.")));
            processor = new ProcessorService(processorConfig, ctx);
            processor.start();

            List<GenericRecord> articles = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (articles.size() < 3 && System.nanoTime() < deadline) {
                articles = readGeneric(topics.articles().name(), url);
                if (articles.size() < 3) {
                    Thread.sleep(500);
                }
            }
            assertThat(articles).as("articles decoded with the registry's writer schema").hasSize(3);

            Map<String, GenericRecord> byTitle = new HashMap<>();
            articles.forEach(a -> byTitle.put(String.valueOf(a.get("title")), a));
            GenericRecord iraq = byTitle.get("Rockets hit Ain al-Asad base in Iraq");
            assertThat(iraq.getSchema().getFullName()).isEqualTo("dev.newsflow.avro.Article");
            assertThat(iraq.get("language")).hasToString("en");
            assertThat((Double) iraq.get("languageConfidence")).isGreaterThan(0.5);
            assertThat(iraq.get("primaryCountry")).hasToString("IQ");
            assertThat(iraq.get("category")).hasToString("world");
            assertThat(iraq.get("publisherName")).hasToString("Press TV");
            assertThat(iraq.get("publisherCountry")).hasToString("IR");
            assertThat((Integer) iraq.get("readingTimeSeconds")).isPositive();
            List<String> places = new ArrayList<>();
            for (Object p : (List<?>) iraq.get("places")) {
                GenericRecord place = (GenericRecord) p;
                places.add(place.get("name") + "/" + place.get("countryCode"));
            }
            assertThat(places).contains("Ain al-Asad/IQ", "Anbar/IQ", "Baghdad/IQ", "Iraq/IQ");
            assertThat(byTitle.get("مذاکرات در تهران").get("language")).hasToString("fa");
            assertThat(byTitle.get("المنتخب يفوز").get("language")).hasToString("ar");
            assertThat(byTitle.get("المنتخب يفوز").get("category")).hasToString("sports");
        } finally {
            if (processor != null) {
                processor.close();
            }
            stopRegistry();
        }
    }

    /** Reads every committed record of the topic: Confluent framing by hand, schema from the registry over HTTP. */
    private List<GenericRecord> readGeneric(String topic, String registryUrl) throws Exception {
        Map<String, Object> props = new HashMap<>(kafka.clientProps());
        props.put("isolation.level", "read_committed");
        List<GenericRecord> out = new ArrayList<>();
        Map<Integer, Schema> schemas = new HashMap<>();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> r : consumer.poll(Duration.ofMillis(300))) {
                    ByteBuffer buf = ByteBuffer.wrap(r.value());
                    assertThat(buf.get()).as("Confluent magic byte").isEqualTo((byte) 0);
                    int id = buf.getInt();
                    Schema writer = schemas.computeIfAbsent(id, i -> fetchSchema(http, registryUrl, i));
                    GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(writer);
                    out.add(reader.read(null, DecoderFactory.get().binaryDecoder(r.value(), 5, r.value().length - 5, null)));
                }
            }
        }
        return out;
    }

    private static Schema fetchSchema(HttpClient http, String registryUrl, int id) {
        try {
            HttpResponse<String> resp = http.send(HttpRequest.newBuilder(URI.create(registryUrl + "/schemas/ids/" + id))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            assertThat(resp.statusCode()).as("GET /schemas/ids/" + id + ": " + resp.body()).isEqualTo(200);
            JsonNode body = JSON.readTree(resp.body());
            return new Schema.Parser().parse(body.path("schema").asText());
        } catch (IOException e) {
            throw new IllegalStateException("registry not reachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void produce(NewsTopics topics, Map<String, String> pages) {
        Map<String, Object> props = new HashMap<>(kafka.clientProps());
        props.put("enable.idempotence", true);
        try (KafkaProducer<String, RawPage> producer = new KafkaProducer<>(props, new StringSerializer(),
                topics.rawPages().valueSerde().serializer())) {
            pages.forEach((url, html) -> producer.send(new ProducerRecord<>(topics.rawPages().name(), url,
                    RawPage.newBuilder().setRequestedUrl(url).setFinalUrl(url).setStatus(200).setContentType("text/html")
                            .setCharset("utf-8").setBody(ByteBuffer.wrap(html.getBytes(StandardCharsets.UTF_8))).setSourceId("presstv")
                            .setFetchStartedAt(Instant.now()).setFetchCompletedAt(Instant.now()).build())));
            producer.flush();
        }
    }

    private static String page(String title, String body) {
        return "<html><head><meta charset=\"utf-8\"><title>" + title + "</title></head><body><article><h1>" + title + "</h1><p>"
                + body + "</p></article></body></html>";
    }

    // --- the third-party registry ---------------------------------------------------------------------------------

    private String startRegistry() throws Exception {
        Path script = findStartScript();
        Path out = tmp.resolve("registry-start.log");
        for (int attempt = 1; ; attempt++) {
            // the port is probed here and bound later by another process, which may find it taken meanwhile: try another
            int port = freePort();
            Process p = new ProcessBuilder("bash", script.toString(), String.valueOf(port))
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!p.waitFor(18, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                fail("the schema registry did not start within 18 minutes:\n" + read(out) + "\n" + registryLog());
            }
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1).trim();
            if (p.exitValue() == 0 && last.startsWith("http")) {
                return last;
            }
            String serverLog = read(registryWork().resolve("registry.log"));
            stopRegistry();
            if (attempt < 3 && (serverLog.contains("already in use") || serverLog.contains("seems to be in use"))) {
                continue;
            }
            fail("the schema registry could not start (" + script + " exited " + p.exitValue() + "):\n" + read(out) + "\n" + registryLog());
        }
    }

    /** {@code shared/} lies beside the repository: look for it from the module directory upwards. */
    private static Path findStartScript() {
        String override = System.getProperty("newsflow.registry.start", System.getenv("NEWSFLOW_REGISTRY_START"));
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(START_SCRIPT);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        fail("cannot find " + START_SCRIPT + " in any parent of " + Path.of("").toAbsolutePath()
                + " (set -Dnewsflow.registry.start=/path/to/start.sh)");
        return null;
    }

    /** Where start.sh keeps its build, log and pid file (same rule as the script). */
    private static Path registryWork() {
        String work = System.getenv("SCHEMA_REGISTRY_WORK");
        if (work != null && !work.isBlank()) {
            return Path.of(work);
        }
        String cache = System.getenv("XDG_CACHE_HOME");
        if (cache == null || cache.isBlank()) {
            String home = System.getenv("HOME");
            cache = (home == null || home.isBlank() ? Path.of("").toAbsolutePath().toString() : home) + "/.cache";
        }
        return Path.of(cache, "apicurio-registry-2.4.2");
    }

    private static void stopRegistry() {
        Path pidFile = registryWork().resolve("registry.pid");
        try {
            if (!Files.exists(pidFile)) {
                return;
            }
            long pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.UTF_8).trim());
            ProcessHandle.of(pid).ifPresent(h -> {
                h.destroy();
                try {
                    h.onExit().get(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                    h.destroyForcibly();
                }
            });
        } catch (IOException | NumberFormatException e) {
            System.err.println("could not stop the schema registry via " + pidFile + ": " + e);
        }
    }

    private static String registryLog() {
        Path log = registryWork().resolve("registry.log");
        Path build = registryWork().resolve("build.log");
        return "--- " + log + " ---\n" + tail(log) + "\n--- " + build + " ---\n" + tail(build);
    }

    private static String tail(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(" + file + " not readable: " + e.getMessage() + ")";
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
