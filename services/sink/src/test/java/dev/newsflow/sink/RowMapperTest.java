package dev.newsflow.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.avro.Article;
import dev.newsflow.avro.SightingKind;
import dev.newsflow.sink.store.ArticleRow;
import dev.newsflow.sink.store.SightingRow;
import org.junit.jupiter.api.Test;

class RowMapperTest {
    private final RowMapper mapper = new RowMapper(10_000);

    @Test
    void shouldCopyEveryArticleField() {
        Article a = TestRecords.article(4, 2);
        ArticleRow r = mapper.article(a, 1, 42L);
        assertThat(r.articleId()).isEqualTo(a.getArticleId());
        assertThat(r.revision()).isEqualTo(2);
        assertThat(r.urls()).hasSize(2);
        assertThat(r.authors()).containsExactly("Jane Doe", "Omar Said");
        assertThat(r.publishedAt()).isEqualTo(a.getPublishedAt());
        assertThat(r.simhash()).isEqualTo(a.getSimhash());
        assertThat(r.kafkaPartition()).isEqualTo(1);
        assertThat(r.kafkaOffset()).isEqualTo(42L);
        assertThat(r.rowHash()).hasSize(64);
    }

    @Test
    void shouldFingerprintIdenticalRevisionsAlike() {
        assertThat(mapper.article(TestRecords.article(1, 1), 0, 1L).rowHash())
                .isEqualTo(mapper.article(TestRecords.article(1, 1), 2, 99L).rowHash())
                .isNotEqualTo(mapper.article(TestRecords.article(1, 2), 0, 1L).rowHash());
    }

    @Test
    void shouldStripNulCharacters() {
        Article a = TestRecords.article(1, 1);
        a.setTitle("Title\0 with NUL");
        assertThat(mapper.article(a, 0, 0L).title()).isEqualTo("Title with NUL");
    }

    @Test
    void shouldRejectTextLongerThanTheLimit() {
        Article a = TestRecords.article(1, 1);
        a.setBodyText("x".repeat(10_001));
        assertThatThrownBy(() -> mapper.article(a, 0, 0L)).isInstanceOf(RowRejectedException.class)
                .hasMessageContaining("bodyText").extracting(e -> ((RowRejectedException) e).reason()).isEqualTo("too-long");
    }

    @Test
    void shouldLowerCaseSightingKindsAndFillMissingHost() {
        var s = TestRecords.sighting(3, SightingKind.MIRROR, "mirror.example-news.test");
        s.setHost("");
        SightingRow r = mapper.sighting(s);
        assertThat(r.kind()).isEqualTo("mirror");
        assertThat(r.host()).isEqualTo("mirror.example-news.test");
    }
}
