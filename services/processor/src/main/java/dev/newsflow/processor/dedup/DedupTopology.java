package dev.newsflow.processor.dedup;

import dev.newsflow.avro.Article;
import dev.newsflow.avro.ParsedPage;
import dev.newsflow.avro.Sighting;
import dev.newsflow.common.kafka.NewsTopics;
import dev.newsflow.common.serde.AvroSerde;
import dev.newsflow.common.serde.SchemaRegistryClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/** Wires deduplication: repartition by story key, dedup against the story store, publish articles and sightings. */
public final class DedupTopology {
    public static final String STORY_STORE = "dedup-story-store";

    private DedupTopology() {
    }

    public static void build(StreamsBuilder builder, KStream<String, ParsedPage> parsed, DedupSettings settings, NewsTopics topics,
                             Serde<ParsedPage> parsedSerde, SchemaRegistryClient registry, MeterRegistry meters) {
        Serde<Article> articleSerde = AvroSerde.forValues(Article.class, registry);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORY_STORE), Serdes.String(), articleSerde));
        Map<String, KStream<String, SpecificRecord>> out = parsed
                .selectKey((k, v) -> v.getStoryKey(), Named.as("key-by-story"))
                .repartition(Repartitioned.<String, ParsedPage>as("by-story-key").withKeySerde(Serdes.String()).withValueSerde(parsedSerde))
                .process(() -> new StoryDedupProcessor(STORY_STORE, meters), Named.as("dedup-story"), STORY_STORE)
                .split(Named.as("dedup-"))
                .branch((k, v) -> v instanceof Article, Branched.as("article"))
                .defaultBranch(Branched.as("sighting"));
        out.get("dedup-article").mapValues(v -> (Article) v, Named.as("as-article"))
                .to(topics.articles().name(), Produced.with(Serdes.String(), topics.articles().valueSerde()).withName("articles-out"));
        out.get("dedup-sighting").mapValues(v -> (Sighting) v, Named.as("as-sighting"))
                .to(topics.sightings().name(), Produced.with(Serdes.String(), topics.sightings().valueSerde()).withName("sightings-out"));
    }
}
