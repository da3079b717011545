package dev.newsflow.app.demo;

import dev.newsflow.app.runtime.Pipeline;
import dev.newsflow.avro.DeadLetter;
import dev.newsflow.sink.SinkStats;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** What the demo ingested, read back from the services, the database and the dead-letter topic. */
record DemoSummary(int siteArticles, String siteUrl, long pagesFetched, long fetchFailures, SinkStats stored,
                   Map<String, Integer> deadLetters, String database, String metricsUrl, String kafka, String registry) {

    static DemoSummary collect(Pipeline pipeline, DemoSite site, SinkStats stats) {
        var fetcherStats = pipeline.fetcher().stats();
        return new DemoSummary(site.articles().size(), site.baseUrl(DemoSite.PRIMARY_HOST), fetcherStats.pagesFetched(),
                fetcherStats.pagesFailed(), stats, deadLetters(pipeline), pipeline.sinkConfig().safeJdbcUrl(),
                "http://127.0.0.1:" + pipeline.runtime().metrics().port() + "/metrics",
                String.valueOf(pipeline.clientProps().get("bootstrap.servers")), pipeline.runtime().registryUrl());
    }

    private static Map<String, Integer> deadLetters(Pipeline pipeline) {
        var topic = pipeline.runtime().context().topics().deadLetters();
        Map<String, Object> props = new HashMap<>(pipeline.clientProps());
        props.put("isolation.level", "read_committed");
        Map<String, Integer> byReason = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    DeadLetter dl = topic.valueSerde().deserializer().deserialize(topic.name(), r.value());
                    byReason.merge(dl.getStage() + "/" + dl.getReason(), 1, Integer::sum);
                }
            }
        }
        return byReason;
    }

    /** True when every demo article is stored exactly once and nothing was dead-lettered. */
    boolean complete() {
        return stored.distinctArticles() == siteArticles && stored.articleRows() == siteArticles && deadLetters.isEmpty();
    }

    void print(PrintStream out, boolean finished) {
        int dead = deadLetters.values().stream().mapToInt(Integer::intValue).sum();
        out.println();
        out.println("newsflow demo summary" + (finished ? "" : " (TIMED OUT before the pipeline went quiet)"));
        out.printf("  demo site            %s (%d articles, also served on the mirror host)%n", siteUrl, siteArticles);
        out.printf("  pages fetched        %d (failed: %d)%n", pagesFetched, fetchFailures);
        out.printf("  articles stored      %d (article rows incl. revisions: %d)%n", stored.distinctArticles(), stored.articleRows());
        out.printf("  mirror copies merged %d (articles known under more than one URL: %d)%n",
                stored.sightingsByKind().getOrDefault("mirror", 0L), stored.articlesWithMultipleUrls());
        out.printf("  sightings            %s%n", stored.sightingsByKind());
        out.printf("  dead letters         %d%s%n", dead, dead == 0 ? "" : " " + deadLetters);
        out.printf("  database             %s%n", database);
        out.printf("  metrics              %s%n", metricsUrl);
        out.printf("  kafka                %s (read_committed; topics news.articles, news.article.sightings, news.dlq)%n", kafka);
        out.printf("  schema registry      %s (Confluent API)%n", registry);
        out.println(complete() ? "  result               OK: every demo article stored once, mirror copies merged"
                : "  result               INCOMPLETE: expected " + siteArticles + " articles and no dead letters");
    }
}
