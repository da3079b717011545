package dev.newsflow.processor.dedup;

import dev.newsflow.avro.ParsedPage;
import dev.newsflow.common.serde.ConfluentWireFormat;
import dev.newsflow.common.serde.SchemaRegistryClient;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A parsed page as the story stage reads it from its repartition topic: decoded, plus the Avro bytes of its article
 * as they arrived ({@code null} when the writer schema is not the current one), so the article travels on to the
 * article stage without being encoded again ({@link ArticleBytes}).
 */
record StoryInput(ParsedPage page, byte[] articleAvro) {

    static StoryInput of(ParsedPage page) {
        return new StoryInput(page, null);
    }

    /** Written as the ParsedPage alone (Confluent wire format, the same bytes as before); read with the article's bytes. */
    static final class StorySerde implements Serde<StoryInput> {
        private final Serde<ParsedPage> pages;
        private final SchemaRegistryClient registry;
        private final Map<String, Integer> currentId = new ConcurrentHashMap<>();

        StorySerde(Serde<ParsedPage> pages, SchemaRegistryClient registry) {
            this.pages = pages;
            this.registry = registry;
        }

        @Override
        public Serializer<StoryInput> serializer() {
            Serializer<ParsedPage> s = pages.serializer();
            return (topic, in) -> in == null ? null : s.serialize(topic, in.page());
        }

        @Override
        public Deserializer<StoryInput> deserializer() {
            Deserializer<ParsedPage> d = pages.deserializer();
            return (topic, bytes) -> {
                if (bytes == null) {
                    return null;
                }
                ParsedPage page = d.deserialize(topic, bytes);
                ByteBuffer header = ByteBuffer.wrap(bytes);
                int id = ConfluentWireFormat.readHeader(header);
                int current = currentId.computeIfAbsent(topic, t -> registry.register(t + "-value", ParsedPage.getClassSchema()));
                return new StoryInput(page, id == current ? ArticleBytes.articleOfPage(bytes, header.position()) : null);
            };
        }
    }
}
