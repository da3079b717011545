package dev.newsflow.processor.dedup;

import dev.newsflow.avro.Article;
import dev.newsflow.avro.ParsedPage;
import dev.newsflow.avro.Sighting;
import dev.newsflow.common.kafka.NewsTopics;
import dev.newsflow.common.kafka.TopicSettings;
import dev.newsflow.common.serde.AvroSerde;
import dev.newsflow.common.serde.InMemorySchemaRegistry;
import dev.newsflow.common.sources.SourcesConfig;
import dev.newsflow.processor.canonical.StoryKey;
import dev.newsflow.processor.canonical.StoryKeys;
import dev.newsflow.processor.metrics.SourceLabels;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** Test harness: the dedup part of the topology alone, fed with ParsedPages built from a URL and a body. */
final class DedupDriver implements AutoCloseable {
    static final String INPUT = "test.parsed";

    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final TopologyTestDriver driver;
    final TestInputTopic<String, ParsedPage> input;
    final TestOutputTopic<String, Article> articles;
    final TestOutputTopic<String, Sighting> sightings;
    final TestOutputTopic<String, String> mirrors;
    private final StoryKeys keys;
    private final Path stateDir;

    DedupDriver(SourcesConfig sources, DedupSettings settings) throws Exception {
        this.keys = new StoryKeys(sources);
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        NewsTopics topics = new NewsTopics(TopicSettings.defaults(), registry);
        Serde<ParsedPage> parsedSerde = AvroSerde.forValues(ParsedPage.class, registry);
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, ParsedPage> parsed = builder.stream(INPUT, Consumed.with(Serdes.String(), parsedSerde));
        DedupTopology.build(builder, parsed, settings, topics, parsedSerde, registry, new SourceLabels(() -> sources), meters);
        stateDir = Files.createTempDirectory("dedup-test");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "dedup-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put("ensure.explicit.internal.resource.naming", "true");
        driver = new TopologyTestDriver(builder.build(), props);
        input = driver.createInputTopic(INPUT, Serdes.String().serializer(), parsedSerde.serializer());
        articles = driver.createOutputTopic(topics.articles().name(), Serdes.String().deserializer(),
                topics.articles().valueSerde().deserializer());
        sightings = driver.createOutputTopic(topics.sightings().name(), Serdes.String().deserializer(),
                topics.sightings().valueSerde().deserializer());
        mirrors = driver.createOutputTopic(topics.mirrorCandidates().name(), Serdes.String().deserializer(), Serdes.String().deserializer());
    }

    /** Pipes one fetched page. */
    void page(String url, String body, Instant fetchedAt) {
        StoryKey key = keys.keyFor(url, null);
        Article draft = Article.newBuilder().setArticleId("").setRevision(0).setStoryKey(key.key()).setCanonicalUrl(url)
                .setUrls(List.of(url)).setSourceId(key.sourceId() == null ? "unknown" : key.sourceId()).setHost(key.host())
                .setTitle("t").setBodyText(body).setContentHash(ContentHash.of(body)).setFetchedAt(fetchedAt).setProcessedAt(fetchedAt)
                .setExtractorVersion("test").build();
        ParsedPage page = ParsedPage.newBuilder().setUrl(url).setRequestedUrl(url).setHost(key.host())
                .setSourceId(draft.getSourceId()).setStoryKey(key.key()).setOnPrimaryHost(key.onPrimaryHost()).setFetchedAt(fetchedAt)
                .setArticle(draft).build();
        input.pipeInput(url, page, fetchedAt);
    }

    List<Article> articles() {
        List<Article> out = new ArrayList<>();
        for (KeyValue<String, Article> kv : articles.readKeyValuesToList()) {
            out.add(kv.value);
        }
        return out;
    }

    long storeSize(String name) {
        KeyValueStore<Object, Object> store = driver.getKeyValueStore(name);
        long n = 0;
        try (KeyValueIterator<Object, Object> it = store.all()) {
            while (it.hasNext()) {
                it.next();
                n++;
            }
        }
        return n;
    }

    @Override
    public void close() {
        driver.close();
    }
}
