package dev.newsflow.processor.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.avro.Article;
import dev.newsflow.avro.Place;
import dev.newsflow.avro.RawPage;
import dev.newsflow.common.config.ConfigReport;
import dev.newsflow.common.kafka.NewsTopics;
import dev.newsflow.common.kafka.TopicSettings;
import dev.newsflow.common.serde.InMemorySchemaRegistry;
import dev.newsflow.common.sources.SourcesConfig;
import dev.newsflow.common.sources.SourcesLoader;
import dev.newsflow.processor.NewsTopology;
import dev.newsflow.processor.ProcessorConfig;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The enrich stage inside the real topology: parse → enrich → dedup → news.articles. */
class EnrichStageTest {
    static final String SOURCES = """
            sources:
              - id: presstv
                name: Press TV
                country: IR
                language: en
                hosts: [www.presstv.ir]
                feeds: [https://www.presstv.ir/rss.xml]
                tags: [state-media, middle-east]
            """;

    @TempDir
    Path tmp;
    final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    final NewsTopics topics = new NewsTopics(TopicSettings.defaults(), registry);
    TopologyTestDriver driver;

    TopologyTestDriver driver(String processorYaml) {
        SourcesConfig sources = SourcesLoader.parse("sources.yml", SOURCES).orThrow();
        ProcessorConfig config = ProcessorConfig.from(ConfigReport.parse("newsflow.yml", processorYaml, Map.of()).section("processor"), tmp);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "enrich-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:1234");
        props.put(StreamsConfig.STATE_DIR_CONFIG, tmp.toString());
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        driver = new TopologyTestDriver(NewsTopology.build(new StreamsBuilder(), config, topics, registry, () -> sources,
                new SimpleMeterRegistry()), props);
        return driver;
    }

    @AfterEach
    void tearDown() {
        if (driver != null) {
            driver.close();
        }
    }

    @Test
    void shouldPublishEnrichedArticlesWithTheSourceMetadataOfTheGlobalTable() {
        driver("{}");
        TestInputTopic<String, String> meta = driver.createInputTopic(topics.sourceMetadata().name(), Serdes.String().serializer(),
                Serdes.String().serializer());
        meta.pipeInput("presstv", new SourceMetadata("presstv", "Press TV", "IR", "en", List.of("state-media")).toJson());

        pipe("https://www.presstv.ir/world/middle-east/2026/11/25/rockets-ain-al-asad", "Rockets hit Ain al-Asad base in Iraq",
                "World > Middle East", "Several rockets struck the Ain al-Asad airbase in western Anbar province on Tuesday, "
                        + "Iraqi security sources said. The base hosts US troops. No casualties were reported at Ain al-Asad.\n\n"
                        + "Officials in Baghdad condemned the attack.");
        Article a = articles().readValue();

        assertThat(a.getLanguage()).isEqualTo("en");
        assertThat(a.getLanguageConfidence()).isGreaterThan(0.5);
        assertThat(a.getCategory()).isEqualTo("world");
        assertThat(a.getPlaces()).extracting(Place::getName).contains("Ain al-Asad", "Anbar", "Iraq", "Baghdad");
        assertThat(a.getPrimaryCountry()).isEqualTo("IQ");
        assertThat(a.getKeywords()).isNotEmpty();
        assertThat(a.getSummary()).startsWith("Several rockets struck").doesNotContain("Baghdad");
        assertThat(a.getReadingTimeSeconds()).isPositive();
        assertThat(a.getPublisherName()).isEqualTo("Press TV");
        assertThat(a.getPublisherCountry()).isEqualTo("IR");
        assertThat(a.getSourceTags()).containsExactly("state-media");

        // a changed source config reaches the running topology through the table, no restart
        meta.pipeInput("presstv", new SourceMetadata("presstv", "Press TV (renamed)", "IR", "en", List.of()).toJson());
        pipe("https://www.presstv.ir/Detail/2026/11/25/2/other", "Other story", null, "A different story about Tehran and its markets.");
        assertThat(articles().readValue().getPublisherName()).isEqualTo("Press TV (renamed)");
    }

    @Test
    void shouldPassArticlesThroughUnchangedWhenEnrichmentIsOff() {
        driver("processor:\n  enrich:\n    enabled: false\n");
        pipe("https://www.presstv.ir/Detail/2026/11/25/3/x", "Talks in Baghdad", null, "Talks were held in Baghdad on Tuesday.");
        Article a = articles().readValue();

        assertThat(a.getPlaces()).as("null: not computed").isNull();
        assertThat(a.getCategory()).isNull();
        assertThat(a.getPublisherName()).isNull();
    }

    @Test
    void shouldEnrichWithoutPublisherWhenTheSourceIsNotInTheTable() {
        driver("processor:\n  enrich:\n    keywords: { enabled: false }\n");
        pipe("https://www.presstv.ir/Detail/2026/11/25/4/x", "Talks in Baghdad", null, "Talks were held in Baghdad on Tuesday.");
        Article a = articles().readValue();

        assertThat(a.getPublisherName()).isNull();
        assertThat(a.getPrimaryCountry()).isEqualTo("IQ");
        assertThat(a.getKeywords()).isEmpty();
    }

    private TestOutputTopic<String, Article> articles() {
        return driver.createOutputTopic(topics.articles().name(), Serdes.String().deserializer(), topics.articles().valueSerde().deserializer());
    }

    private void pipe(String url, String title, String section, String body) {
        TestInputTopic<String, byte[]> raw = driver.createInputTopic(topics.rawPages().name(), Serdes.String().serializer(),
                Serdes.ByteArray().serializer());
        StringBuilder paragraphs = new StringBuilder();
        for (String p : body.split("\n\n")) {
            paragraphs.append("<p>").append(p).append("</p>");
        }
        String sectionMeta = section == null ? "" : "<meta property=\"article:section\" content=\"" + section + "\">";
        String html = "<html lang=\"en\"><head><title>" + title + "</title>" + sectionMeta + "</head><body><article><h1>" + title
                + "</h1>" + paragraphs + "</article></body></html>";
        RawPage page = RawPage.newBuilder().setRequestedUrl(url).setFinalUrl(url).setStatus(200).setContentType("text/html")
                .setCharset("utf-8").setBody(ByteBuffer.wrap(html.getBytes(StandardCharsets.UTF_8))).setSourceId("presstv")
                .setFetchStartedAt(Instant.now()).setFetchCompletedAt(Instant.now()).build();
        raw.pipeInput(url, topics.rawPages().valueSerde().serializer().serialize(topics.rawPages().name(), page));
    }
}
