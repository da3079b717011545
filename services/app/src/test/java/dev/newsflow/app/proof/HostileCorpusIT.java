package dev.newsflow.app.proof;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.app.runtime.Pipeline;
import dev.newsflow.avro.Article;
import dev.newsflow.avro.DeadLetter;
import dev.newsflow.avro.RawPage;
import dev.newsflow.common.kafka.NewsTopics;
import dev.newsflow.common.runtime.NewsflowConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives every case of {@code hostile/cases.tsv} through the real services in one pipeline (embedded broker,
 * fetcher on a loopback hostile server, processor, SQLite sink) and checks, case by case, that it was
 * dead-lettered with the expected stage and reason (and counted), or stored, or harmlessly ignored; that the
 * services stayed up; and that clean "canary" records sent after the hostile ones still arrive.
 */
@Tag("integration")
@Timeout(420)
class HostileCorpusIT {
    private static final String SOURCE = "hostile";
    private static final List<String> CANARY_KEYS = List.of("canary-http-0", "canary-http-1", "canary-http-2", "canary-http-3",
            "canary-http-4", "canary-raw-canary0", "canary-raw-canary1", "canary-sink");

    @TempDir
    Path tmp;

    /** WARN lines of the fetcher's discovery, captured from before the pipeline starts. */
    private final List<String> warnings = java.util.Collections.synchronizedList(new ArrayList<>());

    @Test
    void shouldDeadLetterOrStoreEveryHostileCaseAndKeepProcessing() throws Exception {
        List<HostileCase> corpus = HostileCase.load();
        ch.qos.logback.classic.Logger poll = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                "dev.newsflow.fetcher.DocumentPoll");
        ch.qos.logback.core.AppenderBase<ch.qos.logback.classic.spi.ILoggingEvent> capture = new ch.qos.logback.core.AppenderBase<>() {
            @Override
            protected void append(ch.qos.logback.classic.spi.ILoggingEvent e) {
                warnings.add(e.getFormattedMessage());
            }
        };
        capture.start();
        poll.addAppender(capture);
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(40);
        try (HostileServer server = new HostileServer(corpus)) {
            Files.writeString(tmp.resolve("sources.yml"), sourcesYaml(server, corpus), StandardCharsets.UTF_8);
            NewsflowConfig config = NewsflowConfig.parse(configYaml(), Map.of());
            try (Pipeline pipeline = new Pipeline(config, EnumSet.allOf(Pipeline.Role.class)).start(true)) {
                NewsTopics topics = pipeline.runtime().context().topics();
                Map<String, Object> props = pipeline.clientProps();
                injectRecords(props, topics, corpus);
                Map<String, DeadLetter> letters = new ConcurrentHashMap<>();
                Map<String, String> actual = await(pipeline, server, corpus, letters);
                String report = report(corpus, actual);
                Files.writeString(Path.of("target", "hostile-results.tsv"), report, StandardCharsets.UTF_8);
                System.out.println(report);

                assertThat(pipeline.healthy()).as("processor still running").isTrue();
                assertThat(pipeline.sink().isRunning()).as("sink still running").isTrue();
                Map<String, String> wrong = new LinkedHashMap<>();
                for (HostileCase c : corpus) {
                    if (!c.expected().equals(actual.get(c.id()))) {
                        wrong.put(c.id(), "expected " + c.expected() + ", got " + actual.get(c.id()));
                    }
                }
                assertThat(wrong).as(report).isEmpty();
                assertMetricsCount(pipeline.runtime().metrics().registry(), corpus);
                assertThat(storedText(tmp.resolve("newsflow.db"))).as("no file content leaked through an entity").doesNotContain("root:x:0:0");
                for (HostileCase c : corpus) {
                    if (c.expectsDeadLetter()) {
                        assertThat(letters.get(c.id()).getMessage().toString()).as("clear reason for " + c.id()).isNotBlank();
                    }
                    if (c.expected().startsWith("dlq:sink/") && c.via().equals("sink") && !c.id().equals("sink-bad-avro")) {
                        assertThat(letters.get(c.id()).getUrl()).as("sink dead letter of a decoded record names its URL: " + c.id())
                                .isNotNull();
                        assertThat(letters.get(c.id()).getSourceId()).as("and its source: " + c.id()).isNotNull();
                    }
                    if (c.id().equals("raw-unknown-schema")) {
                        assertThat(letters.get(c.id()).getMessage().toString()).contains("schema id 987654");
                    }
                }
            }
        }
    }

    /** Polls dead letters, stored rows and metrics until every case has its expected outcome or time runs out. */
    private Map<String, String> await(Pipeline pipeline, HostileServer server, List<HostileCase> corpus, Map<String, DeadLetter> letters)
            throws Exception {
        NewsTopics topics = pipeline.runtime().context().topics();
        Map<String, Object> props = new HashMap<>(pipeline.clientProps());
        props.put("isolation.level", "read_committed");
        props.remove("group.id");
        Map<String, String> actual = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
        try (KafkaConsumer<byte[], DeadLetter> dlq = new KafkaConsumer<>(props, new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                topics.deadLetters().valueSerde().deserializer())) {
            TopicPartition tp = new TopicPartition(topics.deadLetters().name(), 0);
            dlq.assign(List.of(tp));
            dlq.seekToBeginning(List.of(tp));
            while (System.nanoTime() < deadline) {
                dlq.poll(Duration.ofMillis(500)).forEach(r -> {
                    String id = caseOf(r.value(), r.key());
                    if (id != null) {
                        letters.putIfAbsent(id, r.value());
                    }
                });
                actual.clear();
                letters.forEach((id, dl) -> actual.put(id, "dlq:" + dl.getStage() + "/" + dl.getReason()));
                Map<String, String> stored = storedCases(tmp.resolve("newsflow.db"));
                stored.forEach(actual::putIfAbsent);
                discoveryOutcomes(corpus, actual, warnings);
                boolean canaries = stored.keySet().containsAll(CANARY_KEYS);
                boolean all = corpus.stream().allMatch(c -> c.expected().equals(actual.get(c.id())));
                if (canaries && all) {
                    break;
                }
            }
        }
        Map<String, String> stored = storedCases(tmp.resolve("newsflow.db"));
        for (String canary : List.of("canary-http", "canary-raw", "canary-sink")) {
            long n = stored.keySet().stream().filter(k -> k.startsWith(canary)).count();
            actual.put(canary, n == 0 ? "missing" : "stored");
        }
        assertThat(actual).as("clean records sent after the hostile ones are stored")
                .containsEntry("canary-http", "stored").containsEntry("canary-raw", "stored").containsEntry("canary-sink", "stored");
        return actual;
    }

    /**
     * The sitemap cases have no record to dead-letter: the fetcher logs a WARN naming the document and counts
     * {@code news.fetch.discovery.errors} by reason. The log line tells which document had which outcome.
     */
    private static void discoveryOutcomes(List<HostileCase> corpus, Map<String, String> actual, List<String> warnings) {
        for (HostileCase c : corpus) {
            if (!c.via().startsWith("sitemap:")) {
                continue;
            }
            String marker = "/s/" + c.behaviour() + " ";
            String outcome = "discovery:accepted";
            for (String w : warnings) {
                if (w.contains(marker)) {
                    outcome = w.contains("neither a feed") ? "discovery:unknown-format" : w.contains("lists more than") ? "discovery:url-limit"
                            : w.contains("not a readable") ? "discovery:parse-error" : w.contains(" failed: ") ? "discovery:" + fetchOutcome(w)
                            : "discovery:other";
                }
            }
            actual.put(c.id(), outcome);
        }
    }

    /** {@code decompression-bomb} of "Discovery document X of source Y failed: decompression-bomb (message)". */
    private static String fetchOutcome(String warning) {
        String rest = warning.substring(warning.indexOf(" failed: ") + 9);
        return rest.contains(" ") ? rest.substring(0, rest.indexOf(' ')) : rest;
    }

    private static void assertMetricsCount(MeterRegistry meters, List<HostileCase> corpus) {
        long truncated = corpus.stream().filter(c -> c.expected().equals("stored:truncated")).count();
        assertThat(sum(meters, "news.parse.truncated", "source", SOURCE)).as("metric counts truncated bodies").isGreaterThanOrEqualTo(truncated);
        Map<String, Integer> discovery = new HashMap<>();
        corpus.stream().filter(c -> c.expected().startsWith("discovery:") && !c.expected().equals("discovery:accepted"))
                .forEach(c -> discovery.merge(c.expected().substring(10), 1, Integer::sum));
        // parse problems count in news.fetch.discovery.errors, fetch failures of the document in news.fetch.requests
        discovery.forEach((reason, n) -> assertThat(sum(meters, "news.fetch.discovery.errors", "reason", reason)
                + sum(meters, "news.fetch.requests", "outcome", reason))
                .as("metric counts discovery errors %s", reason).isGreaterThanOrEqualTo(n));
        Map<String, Integer> byReason = new HashMap<>();
        corpus.stream().filter(HostileCase::expectsDeadLetter).forEach(c -> byReason.merge(c.deadLetter(), 1, Integer::sum));
        byReason.forEach((stageReason, n) -> {
            String stage = stageReason.substring(0, stageReason.indexOf('/'));
            String reason = stageReason.substring(stageReason.indexOf('/') + 1);
            double counted = switch (stage) {
                case "fetch" -> sum(meters, "news.fetch.dead.letters", "reason", reason);
                case "sink" -> sum(meters, "news.sink.dead.letters", "reason", reason);
                default -> meters.find("news.dead.letters").tag("service", "processor").tag("stage", stage).tag("reason", reason)
                        .counters().stream().mapToDouble(x -> x.count()).sum();
            };
            assertThat(counted).as("metric counts %s dead letters", stageReason).isGreaterThanOrEqualTo(n);
        });
    }

    private static double sum(MeterRegistry meters, String name, String tag, String value) {
        return meters.find(name).tag(tag, value).counters().stream().mapToDouble(x -> x.count()).sum();
    }

    private static String caseOf(DeadLetter dl, byte[] key) {
        ByteBuffer original = dl.getOriginalKey();
        String k = original != null ? StandardCharsets.UTF_8.decode(original.duplicate()).toString()
                : key == null ? "" : new String(key, StandardCharsets.UTF_8);
        if (k.startsWith("hostile:")) {
            return k.substring(8);
        }
        String url = dl.getUrl() == null ? "" : dl.getUrl().toString();
        int h = url.indexOf("/h/");
        if (h >= 0) {
            String rest = url.substring(h + 3);
            return rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest;
        }
        return null;
    }

    /** Case ids (and canary markers) of the stored articles, from their URLs and ids. */
    private static Map<String, String> storedCases(Path db) {
        Map<String, String> out = new HashMap<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT article_id, canonical_url, body_truncated FROM articles")) {
            while (rs.next()) {
                String id = rs.getString(1);
                String url = rs.getString(2);
                String stored = rs.getInt(3) == 1 ? "stored:truncated" : "stored";
                if (id.startsWith("canary-sink")) {
                    out.put(id, "stored");
                } else if (url.contains("/canary/")) {
                    out.put("canary-http-" + url.substring(url.indexOf("/canary/") + 8), "stored");
                } else if (url.contains("/raw/canary")) {
                    out.put("canary-raw-" + url.substring(url.indexOf("/raw/") + 5), "stored");
                } else if (url.contains("/h/")) {
                    String rest = url.substring(url.indexOf("/h/") + 3);
                    out.put(rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest, stored);
                } else if (url.contains("/raw/")) {
                    out.put(url.substring(url.indexOf("/raw/") + 5).replaceFirst("[/?].*$", ""), stored);
                }
            }
        } catch (java.sql.SQLException e) {
            // not created yet
        }
        return out;
    }

    private static String storedText(Path db) throws Exception {
        StringBuilder b = new StringBuilder();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT coalesce(title,'') || ' ' || body_text FROM articles")) {
            while (rs.next()) {
                b.append(rs.getString(1)).append('\n');
            }
        }
        return b.toString();
    }

    /** Raw-topic cases (valid RawPages with bad content, and bytes that are not RawPages) and sink poison, then canaries. */
    private void injectRecords(Map<String, Object> props, NewsTopics topics, List<HostileCase> corpus) throws Exception {
        var rawSerializer = topics.rawPages().valueSerde().serializer();
        var articleSerializer = topics.articles().valueSerde().serializer();
        Map<String, Object> producerProps = new HashMap<>(props);
        producerProps.put("max.request.size", NewsTopics.RAW_MAX_BYTES);
        producerProps.put("compression.type", "zstd");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (HostileCase c : corpus) {
                byte[] key = ("hostile:" + c.id()).getBytes(StandardCharsets.UTF_8);
                switch (c.via()) {
                    case "raw" -> producer.send(new ProducerRecord<>(topics.rawPages().name(), key,
                            rawSerializer.serialize(topics.rawPages().name(), rawPage(c)))).get();
                    case "raw-bytes" -> producer.send(new ProducerRecord<>(topics.rawPages().name(), key, rawBytes(c, rawSerializer,
                            topics.rawPages().name()))).get();
                    case "sink" -> producer.send(new ProducerRecord<>(topics.articles().name(), key, c.body().equals("-")
                            ? articleSerializer.serialize(topics.articles().name(), poisonArticle(c)) : HostileBodies.body(c.body()))).get();
                    default -> { }
                }
            }
            for (int i = 0; i < 2; i++) {
                RawPage canary = page("http://" + HostileServer.HOST + "/raw/canary" + i, "text/html; charset=utf-8", 200,
                        HostileBodies.page("Raw canary " + i, "<p>" + HostileBodies.uniqueText("raw-canary-" + i) + "</p>"));
                producer.send(new ProducerRecord<>(topics.rawPages().name(), ("canary" + i).getBytes(StandardCharsets.UTF_8),
                        rawSerializer.serialize(topics.rawPages().name(), canary))).get();
            }
            Article ok = Article.newBuilder(poisonArticle(new HostileCase("x", "sink", "-", "", ""))).setArticleId("canary-sink").build();
            producer.send(new ProducerRecord<>(topics.articles().name(), "canary-sink".getBytes(StandardCharsets.UTF_8),
                    articleSerializer.serialize(topics.articles().name(), ok))).get();
        }
    }

    private static RawPage rawPage(HostileCase c) {
        byte[] body = HostileBodies.body(c.body());
        return switch (c.id()) {
            case "raw-status-500" -> page("http://" + HostileServer.HOST + "/raw/" + c.id(), "text/html", 500, body);
            case "raw-image" -> page("http://" + HostileServer.HOST + "/raw/" + c.id(), "image/jpeg", 200, body);
            case "raw-weird-url" -> page("http://" + HostileServer.HOST + "/raw/" + c.id() + "/caf%C3%A9%20na%C3%AFve/\u6e2f?q="
                    + "x".repeat(1500), "text/html; charset=utf-8", 200, body);
            case "raw-space-url" -> page("http://" + HostileServer.HOST + "/raw/" + c.id() + "/two words", "text/html; charset=utf-8", 200, body);
            case "raw-empty-url" -> page("", "text/html; charset=utf-8", 200, body);
            default -> page("http://" + HostileServer.HOST + "/raw/" + c.id(), "text/html; charset=utf-8", 200, body);
        };
    }

    private static byte[] rawBytes(HostileCase c, org.apache.kafka.common.serialization.Serializer<RawPage> serializer, String topic) {
        if (c.id().equals("raw-truncated-avro")) {
            byte[] whole = serializer.serialize(topic, page("http://" + HostileServer.HOST + "/raw/" + c.id(), "text/html", 200,
                    HostileBodies.page("Cut", "<p>" + HostileBodies.ARTICLE_TEXT + "</p>")));
            return java.util.Arrays.copyOf(whole, whole.length / 2);
        }
        return HostileBodies.body(c.body());
    }

    private static RawPage page(String url, String type, int status, byte[] body) {
        Instant now = Instant.now();
        return RawPage.newBuilder().setRequestedUrl(url).setFinalUrl(url).setStatus(status).setContentType(type)
                .setBody(ByteBuffer.wrap(body)).setSourceId(SOURCE).setFetchStartedAt(now.minusMillis(50)).setFetchCompletedAt(now).build();
    }

    private static Article poisonArticle(HostileCase c) {
        String id = c.id().equals("sink-long-id") ? "hostile-" + "x".repeat(292) : "hostile-" + c.id();
        String body = c.id().equals("sink-too-long") ? "word ".repeat(300_000) : HostileBodies.ARTICLE_TEXT;
        Instant now = Instant.now();
        String url = "http://" + HostileServer.HOST + "/sink/" + c.id();
        return Article.newBuilder().setArticleId(id).setRevision(1).setStoryKey("hostile.test/sink/" + c.id()).setCanonicalUrl(url)
                .setUrls(List.of(url)).setSourceId(SOURCE).setHost(HostileServer.HOST).setTitle("Sink case " + c.id())
                .setBodyText(body).setAuthors(List.of()).setTags(List.of()).setWordCount(60).setContentHash("h-" + c.id())
                .setSimhash(0L).setFetchedAt(now).setProcessedAt(now).setExtractorVersion("hostile-1").build();
    }

    private String configYaml() {
        StringBuilder resolve = new StringBuilder("    " + HostileServer.HOST + ": 127.0.0.1\n    " + HostileServer.METADATA_HOST
                + ": 169.254.169.254\n");
        HostileServer.EXTRA_HOSTS.forEach(h -> resolve.append("    ").append(h).append(": 127.0.0.1\n"));
        return "data-dir: '" + tmp + "'\n"
                + "sources: '" + tmp.resolve("sources.yml") + "'\n"
                + "metrics:\n  host: 127.0.0.1\n  port: 0\n"
                + "fetcher:\n  connect-timeout: 2s\n  read-timeout: 2s\n  total-timeout: 5s\n  worker-threads: 16\n"
                + "  max-urls-per-document: 200\n  max-sitemap-depth: 3\n"
                + "  politeness:\n    max-retries: 1\n    max-retry-after: 2s\n    backoff-initial: 200ms\n    backoff-max: 1s\n    circuit-breaker-failures: 1000\n"
                + "  resolve:\n" + resolve;
    }

    private static String sourcesYaml(HostileServer server, List<HostileCase> corpus) {
        List<String> sitemaps = new ArrayList<>();
        sitemaps.add(server.url(HostileServer.HOST, "/sitemap.xml"));
        corpus.stream().filter(c -> c.via().startsWith("sitemap:")).forEach(c -> sitemaps.add(server.url(HostileServer.HOST, "/s/" + c.behaviour())));
        return "sources:\n  - id: " + SOURCE + "\n    name: Hostile\n    language: en\n"
                + "    hosts: [" + HostileServer.HOST + ", " + String.join(", ", HostileServer.EXTRA_HOSTS) + "]\n"
                + "    sitemaps:\n" + sitemaps.stream().map(s -> "      - " + s + "\n").reduce("", String::concat)
                + "    schedule: { every: 1h }\n"
                + "    politeness: { min-delay: 0ms, max-concurrency: 16 }\n"
                + "    allow-private-network: true\n";
    }

    private static String report(List<HostileCase> corpus, Map<String, String> actual) {
        StringBuilder b = new StringBuilder("id\texpected\tactual\n");
        for (HostileCase c : corpus) {
            b.append(c.id()).append('\t').append(c.expected()).append('\t').append(actual.get(c.id())).append('\n');
        }
        return b.toString();
    }
}
