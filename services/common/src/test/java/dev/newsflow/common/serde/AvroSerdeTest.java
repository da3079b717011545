package dev.newsflow.common.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.avro.Sighting;
import dev.newsflow.avro.SightingKind;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeTest {
    final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    final AvroSerde<Sighting> serde = AvroSerde.forValues(Sighting.class, registry);

    static Sighting sample() {
        return Sighting.newBuilder().setArticleId("a").setUrl("u").setHost("h").setKind(SightingKind.MIRROR).setSourceId("s")
                .setSeenAt(Instant.ofEpochMilli(1000)).build();
    }

    @Test
    void shouldWriteConfluentWireFormatByteForByte() {
        byte[] bytes = serde.serialize("news.article.sightings", sample());
        byte[] expected = {
            0x00, 0x00, 0x00, 0x00, 0x01,          // magic byte, schema id 1 (big-endian)
            0x02, 'a', 0x02, 'u', 0x02, 'h',        // articleId, url, host: zigzag length 1 + byte
            0x02,                                  // kind: enum index 1 (MIRROR), zigzag-encoded
            0x02, 's',                             // sourceId
            0x00,                                  // storyKey: union branch 0 (null)
            0x00,                                  // distance: union branch 0 (null)
            (byte) 0xD0, 0x0F                      // seenAt: 1000 ms, zigzag varint 2000
        };
        assertThat(bytes).containsExactly(expected);
    }

    @Test
    void shouldRegisterUnderTopicValueSubjectAndRoundTrip() {
        byte[] bytes = serde.serialize("t1", sample());
        assertThat(serde.deserialize("t1", bytes)).isEqualTo(sample());
        assertThat(registry.getById(1)).isEqualTo(Sighting.getClassSchema());
    }

    @Test
    void shouldRejectBytesWithoutMagicByte() {
        assertThatThrownBy(() -> serde.deserialize("t", new byte[] {1, 0, 0, 0, 1, 2}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("magic byte 1");
        assertThatThrownBy(() -> serde.deserialize("t", new byte[] {0, 0}))
                .isInstanceOf(SerializationException.class).hasMessageContaining("need at least 5");
    }

    @Test
    void shouldReportUnknownSchemaIdClearly() {
        assertThatThrownBy(() -> serde.deserialize("t", new byte[] {0, 0, 0, 0, 42, 2}))
                .isInstanceOf(SchemaRegistryException.class).hasMessageContaining("42");
    }
}
