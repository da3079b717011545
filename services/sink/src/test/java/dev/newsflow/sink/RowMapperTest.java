package dev.newsflow.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.avro.Article;
import dev.newsflow.avro.Place;
import dev.newsflow.avro.SightingKind;
import dev.newsflow.sink.store.ArticleRow;
import dev.newsflow.sink.store.PlaceRow;
import dev.newsflow.sink.store.SightingRow;
import java.util.List;
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

    @Test
    void shouldCopyEnrichmentFields() {
        Article a = TestRecords.article(7, 1);
        ArticleRow r = mapper.article(a, 0, 0L);
        assertThat(r.languageConfidence()).isEqualTo(0.97);
        assertThat(r.publishedAtConfidence()).isEqualTo(0.95);
        assertThat(r.modifiedAtEvidence()).isEqualTo("json-ld:dateModified");
        assertThat(r.places()).containsExactly(new PlaceRow("Iraq", "IQ", "country", 3), new PlaceRow("Ain al-Asad", "IQ", "base", 2),
                new PlaceRow("Baghdad", "IQ", "capital", 1));
        assertThat(r.primaryCountry()).isEqualTo("IQ");
        assertThat(r.category()).isEqualTo("conflict");
        assertThat(r.keywords()).containsExactly("harbour", "cranes", "dockworkers");
        assertThat(r.summary()).startsWith("Dockworkers in the harbour of town 7");
        assertThat(r.readingTimeSeconds()).isEqualTo(4);
        assertThat(r.publisherName()).isEqualTo("Example News Ltd");
        assertThat(r.publisherCountry()).isEqualTo("GB");
        assertThat(r.publisherLanguage()).isEqualTo("en");
        assertThat(r.sourceTags()).containsExactly("wire", "uk");
    }

    @Test
    void shouldKeepPlacesNullWhenEnrichmentWasOffAndEmptyWhenNoneWasFound() {
        assertThat(mapper.article(TestRecords.article(4, 1), 0, 0L).places()).isNull();
        assertThat(mapper.article(TestRecords.article(4, 1), 0, 0L).languageConfidence()).isNull();
        assertThat(mapper.article(TestRecords.article(1, 1), 0, 0L).places()).isEmpty();
    }

    @Test
    void shouldCleanAndLengthCheckEnrichmentText() {
        Article a = TestRecords.article(7, 1);
        a.setPlaces(List.of(Place.newBuilder().setName("Ira\0q").setCountryCode("IQ").setKind("country").setMentions(1).build()));
        a.setSummary("Sum\0mary");
        ArticleRow r = mapper.article(a, 0, 0L);
        assertThat(r.places().get(0).name()).isEqualTo("Iraq");
        assertThat(r.summary()).isEqualTo("Summary");

        Article longPlace = TestRecords.article(7, 1);
        longPlace.setPlaces(List.of(Place.newBuilder().setName("x".repeat(10_001)).setCountryCode("IQ").build()));
        assertThatThrownBy(() -> mapper.article(longPlace, 0, 0L)).isInstanceOf(RowRejectedException.class)
                .hasMessageContaining("places.name");
        Article longKeyword = TestRecords.article(7, 1);
        longKeyword.setKeywords(List.of("k".repeat(10_001)));
        assertThatThrownBy(() -> mapper.article(longKeyword, 0, 0L)).isInstanceOf(RowRejectedException.class)
                .hasMessageContaining("keywords");
    }

    @Test
    void shouldFingerprintEnrichmentChanges() {
        Article a = TestRecords.article(7, 1);
        a.setCategory("world");
        assertThat(mapper.article(a, 0, 0L).rowHash()).isNotEqualTo(mapper.article(TestRecords.article(7, 1), 0, 0L).rowHash());
    }
}
