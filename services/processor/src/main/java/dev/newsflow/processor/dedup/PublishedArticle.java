package dev.newsflow.processor.dedup;

import dev.newsflow.avro.Article;
import dev.newsflow.common.serde.ConfluentWireFormat;
import dev.newsflow.common.serde.SchemaRegistryClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.common.serialization.Serializer;

/**
 * An article ready to publish: its Avro binary encoding in the current {@link Article} schema
 * ({@link ArticleBytes#withIdentity}). The articles topic gets exactly what {@code AvroSerde<Article>} would write.
 */
record PublishedArticle(String articleId, byte[] avro) {

    /** Confluent wire format: magic byte, the id of the Article schema registered for the topic, the Avro bytes. */
    static Serializer<PublishedArticle> serializer(SchemaRegistryClient registry) {
        Map<String, Integer> ids = new ConcurrentHashMap<>();
        return (topic, a) -> {
            if (a == null) {
                return null;
            }
            int id = ids.computeIfAbsent(topic, t -> registry.register(t + "-value", Article.getClassSchema()));
            byte[] out = new byte[5 + a.avro().length];
            out[0] = ConfluentWireFormat.MAGIC;
            out[1] = (byte) (id >>> 24);
            out[2] = (byte) (id >>> 16);
            out[3] = (byte) (id >>> 8);
            out[4] = (byte) id;
            System.arraycopy(a.avro(), 0, out, 5, a.avro().length);
            return out;
        };
    }
}
