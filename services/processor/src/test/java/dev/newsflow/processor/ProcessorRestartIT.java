package dev.newsflow.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.newsflow.avro.Article;
import dev.newsflow.avro.RawPage;
import dev.newsflow.avro.Sighting;
import dev.newsflow.avro.SightingKind;
import dev.newsflow.common.kafka.NewsTopics;
import dev.newsflow.common.kafka.TopicProvisioner;
import dev.newsflow.common.runtime.NewsflowConfig;
import dev.newsflow.common.runtime.ServiceContext;
import dev.newsflow.common.serde.InMemorySchemaRegistry;
import dev.newsflow.testkit.KafkaBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

@Tag("integration")
@Timeout(180)
class ProcessorRestartIT {
    @RegisterExtension
    static KafkaBroker kafka = new KafkaBroker();

    @TempDir
    Path tmp;

    @Test
    void shouldNeitherLoseNorDuplicateWhenRestartedMidStream() throws Exception {
        String prefix = KafkaBroker.uniquePrefix();
        Path sources = tmp.resolve("sources.yml");
        Files.writeString(sources, """
                sources:
                  - id: demo
                    hosts: [www.demo-news.test]
                    mirrors: [mirror.demo-news.test]
                    feeds: [http://www.demo-news.test/rss.xml]
                """);
        NewsflowConfig config = NewsflowConfig.parse("kafka:\n  bootstrap-servers: " + kafka.bootstrapServers()
                + "\n  topics:\n    prefix: '" + prefix + "'\n    partitions: 2\n"
                // the stores share one bounded cache (BoundedRocksDbMemory): restored and written through it here
                + "processor:\n  rocksdb-memory: 64MiB\n", Map.of());
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        NewsTopics topics = new NewsTopics(config.topics(), registry);
        TopicProvisioner.ensure(kafka.clientProps(), topics.all());
        ServiceContext ctx = new ServiceContext(config.kafka(), registry, topics, new SimpleMeterRegistry(), sources, tmp, config);
        ProcessorConfig processorConfig = ProcessorConfig.from(config.section("processor"), tmp).withApplicationId(prefix + "processor");

        int stories = 150;
        produce(topics, stories);
        ProcessorService first = new ProcessorService(processorConfig, ctx);
        first.start();
        await().atMost(Duration.ofSeconds(90)).until(() -> readAll(topics.sightings().name(), topics, Sighting.class).size() >= 40);
        first.close();

        ProcessorService second = new ProcessorService(processorConfig, ctx);
        second.start();
        try {
            // articles are published one repartition hop after the sightings (dedup-articles waits for the near-duplicate decision)
            await().atMost(Duration.ofSeconds(120)).until(() -> readAll(topics.sightings().name(), topics, Sighting.class).size() >= 2 * stories
                    && readAll(topics.articles().name(), topics, Article.class).size() >= 2 * stories);
            Thread.sleep(2000);
            List<Sighting> sightings = readAll(topics.sightings().name(), topics, Sighting.class);
            List<Article> articles = readAll(topics.articles().name(), topics, Article.class);
            assertThat(sightings).hasSize(2 * stories);
            assertThat(sightings.stream().filter(s -> s.getKind() == SightingKind.PRIMARY).map(Sighting::getArticleId).distinct()).hasSize(stories);
            assertThat(sightings.stream().filter(s -> s.getKind() == SightingKind.MIRROR)).hasSize(stories);
            assertThat(articles.stream().map(Article::getArticleId).distinct()).hasSize(stories);
            // one record when the story is created, one when its mirror URL is added: no more, no less
            assertThat(articles).hasSize(2 * stories);
            // the default parse-ahead workers parsed raw pages for the stream thread (processor.parse-ahead-threads)
            double ahead = ctx.meters().counter("news.parse.ahead", "result", "ready").count()
                    + ctx.meters().counter("news.parse.ahead", "result", "waited").count();
            assertThat(ahead).isPositive();
        } finally {
            second.close();
        }
    }

    private void produce(NewsTopics topics, int stories) {
        Map<String, Object> props = new HashMap<>(kafka.clientProps());
        props.put("enable.idempotence", true);
        try (KafkaProducer<String, RawPage> producer = new KafkaProducer<>(props, new StringSerializer(), topics.rawPages().valueSerde().serializer())) {
            for (int i = 0; i < stories; i++) {
                for (String host : List.of("www.demo-news.test", "mirror.demo-news.test")) {
                    String url = "http://" + host + "/world/story-" + i;
                    String html = "<html><head><title>Story " + i + "</title></head><body><article><h1>Story " + i
                            + "</h1><p>This is the body of story number " + i + ", told in a few words.</p></article></body></html>";
                    producer.send(new ProducerRecord<>(topics.rawPages().name(), url, RawPage.newBuilder().setRequestedUrl(url).setFinalUrl(url)
                            .setStatus(200).setContentType("text/html").setCharset("utf-8")
                            .setBody(ByteBuffer.wrap(html.getBytes(StandardCharsets.UTF_8))).setSourceId("demo")
                            .setFetchStartedAt(Instant.now()).setFetchCompletedAt(Instant.now()).build()));
                }
            }
            producer.flush();
        }
    }

    private <T> List<T> readAll(String topic, NewsTopics topics, Class<T> type) {
        Map<String, Object> props = new HashMap<>(kafka.clientProps());
        props.put("isolation.level", "read_committed");
        var deserializer = type == Article.class ? topics.articles().valueSerde().deserializer() : topics.sightings().valueSerde().deserializer();
        List<T> out = new ArrayList<>();
        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                (org.apache.kafka.common.serialization.Deserializer<Object>) (org.apache.kafka.common.serialization.Deserializer<?>) deserializer)) {
            List<TopicPartition> parts = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                for (ConsumerRecord<String, Object> r : consumer.poll(Duration.ofMillis(200))) {
                    out.add(type.cast(r.value()));
                }
            }
        }
        return out;
    }
}
