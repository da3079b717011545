package dev.newsflow.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.avro.Article;
import dev.newsflow.avro.DeadLetter;
import dev.newsflow.avro.RawPage;
import dev.newsflow.avro.Sighting;
import dev.newsflow.avro.SightingKind;
import dev.newsflow.common.config.ConfigReport;
import dev.newsflow.common.kafka.NewsTopics;
import dev.newsflow.common.kafka.TopicSettings;
import dev.newsflow.common.serde.InMemorySchemaRegistry;
import dev.newsflow.common.sources.SourcesConfig;
import dev.newsflow.common.sources.SourcesLoader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NewsTopologyTest {
    static final String SOURCES = """
            sources:
              - id: demo
                name: Demo News
                hosts: [www.demo-news.test]
                mirrors: [mirror.demo-news.test]
                feeds: [http://www.demo-news.test/rss.xml]
            """;

    @TempDir
    Path tmp;
    InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    NewsTopics topics = new NewsTopics(TopicSettings.defaults(), registry);
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    TopologyTestDriver driver;
    TestInputTopic<String, byte[]> raw;
    TestOutputTopic<String, Article> articles;
    TestOutputTopic<String, Sighting> sightings;
    TestOutputTopic<byte[], DeadLetter> dlq;

    @BeforeEach
    void setUp() {
        SourcesConfig sources = SourcesLoader.parse("sources.yml", SOURCES).orThrow();
        ProcessorConfig config = ProcessorConfig.from(ConfigReport.empty(Map.of()), tmp);
        StreamsBuilder builder = new StreamsBuilder();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:1234");
        props.put(StreamsConfig.STATE_DIR_CONFIG, tmp.toString());
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        driver = new TopologyTestDriver(NewsTopology.build(builder, config, topics, registry, () -> sources, meters), props);
        raw = driver.createInputTopic(topics.rawPages().name(), Serdes.String().serializer(), Serdes.ByteArray().serializer());
        articles = driver.createOutputTopic(topics.articles().name(), Serdes.String().deserializer(), topics.articles().valueSerde().deserializer());
        sightings = driver.createOutputTopic(topics.sightings().name(), Serdes.String().deserializer(), topics.sightings().valueSerde().deserializer());
        dlq = driver.createOutputTopic(topics.deadLetters().name(), Serdes.ByteArray().deserializer(), topics.deadLetters().valueSerde().deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    @Test
    void shouldMergeMirrorCopiesIntoOneArticle() {
        pipe("http://www.demo-news.test/world/2026/11/25/ceasefire-talks", page("Ceasefire talks resume", "Negotiators met again today."));
        pipe("http://mirror.demo-news.test/world/2026/11/25/ceasefire-talks", page("Ceasefire talks resume", "Negotiators met again today."));

        List<Article> out = articles.readValuesToList();
        assertThat(out).hasSize(2);
        assertThat(out).extracting(Article::getArticleId).containsOnly(out.get(0).getArticleId());
        Article last = out.get(1);
        assertThat(last.getRevision()).isEqualTo(1);
        assertThat(last.getUrls()).containsExactly("http://www.demo-news.test/world/2026/11/25/ceasefire-talks",
                "http://mirror.demo-news.test/world/2026/11/25/ceasefire-talks");
        assertThat(last.getCanonicalUrl()).isEqualTo("http://www.demo-news.test/world/2026/11/25/ceasefire-talks");
        assertThat(last.getTitle()).isEqualTo("Ceasefire talks resume");
        assertThat(sightings.readValuesToList()).extracting(Sighting::getKind).containsExactly(SightingKind.PRIMARY, SightingKind.MIRROR);
        assertThat(dlq.isEmpty()).isTrue();
    }

    @Test
    void shouldPreferPrimaryHostUrlWhenMirrorArrivesFirst() {
        pipe("http://mirror.demo-news.test/a/story", page("Story", "Body text of the story."));
        pipe("http://www.demo-news.test/a/story", page("Story", "Body text of the story."));
        List<Article> out = articles.readValuesToList();
        assertThat(out.get(out.size() - 1).getCanonicalUrl()).isEqualTo("http://www.demo-news.test/a/story");
    }

    @Test
    void shouldPublishNewRevisionWhenBodyChanges() {
        pipe("http://www.demo-news.test/a/story", page("Story", "First version of the text."));
        pipe("http://www.demo-news.test/a/story", page("Story", "Corrected version of the text."));
        List<Article> out = articles.readValuesToList();
        assertThat(out).extracting(Article::getRevision).containsExactly(1, 2);
        assertThat(out.get(1).getPreviousContentHash()).isEqualTo(out.get(0).getContentHash());
    }

    @Test
    void shouldDeadLetterUndecodableRecordsWithOriginalBytes() {
        byte[] garbage = {1, 2, 3, 4, 5, 6, 7};
        raw.pipeInput("http://www.demo-news.test/x", garbage);
        DeadLetter dl = dlq.readValue();
        assertThat(dl.getStage()).isEqualTo("deserialize");
        assertThat(dl.getReason()).isEqualTo("bad-avro");
        assertThat(dl.getOriginalValue().array()).isEqualTo(garbage);
        assertThat(dl.getSourceTopic()).isEqualTo(topics.rawPages().name());
        assertThat(meters.counter("news.dead.letters", "service", "processor", "stage", "deserialize", "reason", "bad-avro").count()).isEqualTo(1.0);
    }

    @Test
    void shouldDeadLetterPagesWithoutArticle() {
        pipe("http://www.demo-news.test/empty", "<html><body><nav>Home</nav></body></html>");
        assertThat(dlq.readValue().getReason()).isEqualTo("empty-body");
        assertThat(articles.isEmpty()).isTrue();
    }

    @Test
    void shouldTimeEveryProcessorStageAndLabelOnlyConfiguredSources() {
        pipe("http://www.demo-news.test/a/story", page("Story", "Body text of the story."));
        pipe("http://www.demo-news.test/a/other", page("Other", "Another story entirely."), "not-a-configured-source");
        for (String stage : List.of("parse", "key", "enrich", "dedup-story", "dedup-articles")) {
            assertThat(meters.find("news.stage.duration").tag("stage", stage).timer()).as(stage).isNotNull()
                    .satisfies(t -> assertThat(t.count()).as(stage).isEqualTo(2));
        }
        assertThat(meters.counter("news.parse.outcomes", "outcome", "parsed", "source", "demo").count()).isEqualTo(1.0);
        assertThat(meters.counter("news.parse.outcomes", "outcome", "parsed", "source", "unknown").count()).isEqualTo(1.0);
        assertThat(meters.counter("news.dedup.decisions", "kind", "new", "source", "unknown").count()).isEqualTo(1.0);
        assertThat(meters.getMeters()).noneMatch(m -> "not-a-configured-source".equals(m.getId().getTag("source")));
    }

    private static String page(String title, String body) {
        return "<html lang=\"en\"><head><title>" + title + " | Demo News</title><meta property=\"og:title\" content=\"" + title
                + "\"></head><body><article><h1>" + title + "</h1><p>" + body + "</p></article></body></html>";
    }

    private void pipe(String url, String html) {
        pipe(url, html, "demo");
    }

    private void pipe(String url, String html, String sourceId) {
        RawPage page = RawPage.newBuilder().setRequestedUrl(url).setFinalUrl(url).setStatus(200).setContentType("text/html")
                .setCharset("utf-8").setBody(ByteBuffer.wrap(html.getBytes(StandardCharsets.UTF_8))).setSourceId(sourceId)
                .setFetchStartedAt(Instant.parse("2026-11-25T10:00:00Z")).setFetchCompletedAt(Instant.parse("2026-11-25T10:00:01Z")).build();
        raw.pipeInput(url, topics.rawPages().valueSerde().serializer().serialize(topics.rawPages().name(), page));
    }
}
