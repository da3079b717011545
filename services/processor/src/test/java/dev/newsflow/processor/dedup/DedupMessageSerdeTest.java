package dev.newsflow.processor.dedup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.avro.Article;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class DedupMessageSerdeTest {
    private final DedupMessageSerde serde = new DedupMessageSerde();

    private DedupMessage roundTrip(DedupMessage m) {
        return serde.deserializer().deserialize("t", serde.serializer().serialize("t", m));
    }

    @Test
    void shouldRoundTripIndexMessages() {
        byte[] shingles = Bin.encodeInts(new int[] {Integer.MIN_VALUE, -3, 0, 42, Integer.MAX_VALUE});
        DedupMessage.Probe p = (DedupMessage.Probe) roundTrip(new DedupMessage.Probe("a1", -7L, 123L, 3, new int[] {-9, 4}, shingles, "h.example", "/x?y=1"));
        assertThat(p.articleId()).isEqualTo("a1");
        assertThat(p.simhash()).isEqualTo(-7L);
        assertThat(p.table()).isEqualTo(3);
        assertThat(p.anchors()).containsExactly(-9, 4);
        assertThat(Bin.decodeInts(p.shingles())).containsExactly(Integer.MIN_VALUE, -3, 0, 42, Integer.MAX_VALUE);
        assertThat(roundTrip(new DedupMessage.TableDone("a1", 7, 2))).isEqualTo(new DedupMessage.TableDone("a1", 7, 2));
        assertThat(roundTrip(new DedupMessage.Verdict("s", "c", 9L, 4, true, false)))
                .isEqualTo(new DedupMessage.Verdict("s", "c", 9L, 4, true, false));
        assertThat(roundTrip(new DedupMessage.MirrorEvidence("a.example", "b.example", "/p")))
                .isEqualTo(new DedupMessage.MirrorEvidence("a.example", "b.example", "/p"));
    }

    @Test
    void shouldRoundTripArticleMessages() {
        Article a = Article.newBuilder().setArticleId("id").setStoryKey("k").setCanonicalUrl("https://x.example/a")
                .setUrls(List.of("https://x.example/a")).setSourceId("s").setHost("x.example").setBodyText("body")
                .setContentHash("h").setFetchedAt(Instant.ofEpochMilli(5)).setProcessedAt(Instant.ofEpochMilli(6))
                .setExtractorVersion("v").build();
        DedupMessage.Copy c = (DedupMessage.Copy) roundTrip(new DedupMessage.Copy("id", Bin.articleBytes(a), DedupMessage.Facts.of(a),
                "https://x.example/a?utm_source=z", "https://x.example/a", true, 2, "old"));
        assertThat(Bin.articleOf(c.article())).isEqualTo(a);
        assertThat(c.facts()).isEqualTo(DedupMessage.Facts.of(a));
        assertThat(c.revision()).isEqualTo(2);
        assertThat(c.previousHash()).isEqualTo("old");
    }

    @Test
    void shouldRejectGarbageWithASerializationException() {
        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {9, 9, 9}))
                .isInstanceOf(SerializationException.class);
    }
}
