package dev.newsflow.sink;

import static org.awaitility.Awaitility.await;

import dev.newsflow.avro.Article;
import dev.newsflow.avro.SightingKind;
import dev.newsflow.common.kafka.NewsTopics;
import dev.newsflow.common.kafka.TopicProvisioner;
import dev.newsflow.common.kafka.TopicSettings;
import dev.newsflow.common.runtime.KafkaSettings;
import dev.newsflow.common.runtime.NewsflowConfig;
import dev.newsflow.common.runtime.ServiceContext;
import dev.newsflow.common.serde.InMemorySchemaRegistry;
import dev.newsflow.sink.store.PostgresStore;
import dev.newsflow.testkit.KafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The sink stage alone: articles already in Kafka (with a mirror sighting for every other one) → committed
 * database rows, through the real SinkService, for SQLite and PostgreSQL. Not part of the normal test run:
 * {@code mvn -B -o -pl services/sink -am test -Dtest=SinkThroughputBench -Dsurefire.failIfNoSpecifiedTests=false}
 * (optionally {@code -Dbench.articles=N -Dbench.runs=R}). Prints the median of the runs.
 */
class SinkThroughputBench {
    private static final int ARTICLES = Integer.getInteger("bench.articles", 5_000);
    private static final int RUNS = Integer.getInteger("bench.runs", 3);
    private static final String PARAGRAPH = "The harbour authority said on Tuesday that the cranes at the northern terminal would stay idle "
            + "until the inspection of the damaged rails is complete, a process officials expect to last several weeks. ";

    @RegisterExtension
    static KafkaBroker kafka = new KafkaBroker();

    @Test
    void sqlite() throws Exception {
        List<Double> rates = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            Path dir = Files.createTempDirectory("sink-bench-");
            try {
                rates.add(measure("jdbc:sqlite:" + dir.resolve("bench.db"), "", dir));
            } finally {
                KafkaBroker.deleteTree(dir);
            }
        }
        report("sqlite", rates);
    }

    @Test
    void postgres() throws Exception {
        List<Double> rates = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            String db = "newsflow_bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
            try (Connection c = PostgresStore.open("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                 Statement st = c.createStatement()) {
                st.execute("CREATE DATABASE " + db);
            }
            Path dir = Files.createTempDirectory("sink-bench-");
            try {
                rates.add(measure("jdbc:postgresql://127.0.0.1:5432/" + db, "postgres", dir));
            } finally {
                KafkaBroker.deleteTree(dir);
                try (Connection c = PostgresStore.open("jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
                     Statement st = c.createStatement()) {
                    st.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
                }
            }
        }
        report("postgres", rates);
    }

    private double measure(String jdbcUrl, String user, Path dir) throws Exception {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        NewsTopics topics = new NewsTopics(TopicSettings.defaults().withPrefix(KafkaBroker.uniquePrefix()), registry);
        TopicProvisioner.ensure(kafka.clientProps(), List.of(topics.articles(), topics.sightings(), topics.deadLetters()));
        Thread.sleep(500); // let the new partitions settle before producing
        int records = produce(topics);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        ServiceContext ctx = new ServiceContext(new KafkaSettings(kafka.bootstrapServers(), dir.resolve("kafka"), 0, Map.of()), registry,
                topics, meters, dir.resolve("sources.yml"), dir, NewsflowConfig.defaults(Map.of()));
        SinkConfig config = SinkConfig.defaults(dir).withJdbc(jdbcUrl, user, "").withGroupId("bench-" + UUID.randomUUID());
        long start = System.nanoTime();
        try (SinkService sink = new SinkService(config, ctx)) {
            sink.start();
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20)).until(() ->
                    meters.find(SinkMetrics.RECORDS).counters().stream().mapToDouble(c -> c.count()).sum() >= records);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double rate = ARTICLES / seconds;
        double dbSeconds = meters.get(SinkMetrics.COMMIT_DURATION).timer().totalTime(java.util.concurrent.TimeUnit.NANOSECONDS) / 1e9;
        System.out.printf(Locale.ROOT, "sink-bench %s: %d articles + %d sightings in %.2f s = %.0f articles/s (incl. start and migration);"
                        + " database transactions %.2f s (%.0f%%), load average %.1f%n",
                jdbcUrl.startsWith("jdbc:sqlite") ? "sqlite" : "postgres", ARTICLES, records - ARTICLES, seconds, rate, dbSeconds,
                100 * dbSeconds / seconds, java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return rate;
    }

    private static int produce(NewsTopics topics) throws Exception {
        Map<String, Object> props = new HashMap<>(kafka.clientProps());
        props.put("acks", "all");
        props.put("linger.ms", "20");
        props.put("compression.type", "zstd");
        props.put("enable.idempotence", "false");
        props.put("max.in.flight.requests.per.connection", "1");
        String body = PARAGRAPH.repeat(25);
        int records = 0;
        try (KafkaProducer<String, byte[]> p = new KafkaProducer<>(props, topics.articles().keySerde().serializer(),
                new ByteArraySerializer())) {
            for (int n = 1; n <= ARTICLES; n++) {
                Article a = TestRecords.article(n, 1);
                a.setBodyText(body + n);
                a.setBodyHtml("<p>" + body.replace(". ", ".</p><p>") + n + "</p>");
                a.setWordCount(body.split(" ").length);
                p.send(new ProducerRecord<>(topics.articles().name(), a.getArticleId(),
                        topics.articles().valueSerde().serializer().serialize(topics.articles().name(), a)));
                records++;
                if (n % 2 == 0) {
                    p.send(new ProducerRecord<>(topics.sightings().name(), a.getArticleId(), topics.sightings().valueSerde().serializer()
                            .serialize(topics.sightings().name(), TestRecords.sighting(n, SightingKind.MIRROR, "mirror.example-news.test"))));
                    records++;
                }
            }
            p.flush();
        }
        return records;
    }

    private static void report(String store, List<Double> rates) {
        List<Double> sorted = new ArrayList<>(rates);
        Collections.sort(sorted);
        System.out.printf(Locale.ROOT, "sink-bench %s median of %d runs: %.0f articles/s (runs: %s)%n", store, rates.size(),
                sorted.get(sorted.size() / 2), rates.stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).toList());
    }
}
