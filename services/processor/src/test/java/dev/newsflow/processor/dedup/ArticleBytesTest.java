package dev.newsflow.processor.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.avro.Article;
import dev.newsflow.avro.ParsedPage;
import dev.newsflow.avro.Place;
import dev.newsflow.common.serde.AvroSerde;
import dev.newsflow.common.serde.InMemorySchemaRegistry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArticleBytesTest {

    private static Article draft(boolean full) {
        Article.Builder b = Article.newBuilder().setArticleId("").setRevision(0).setStoryKey("example.com/a").setCanonicalUrl("https://example.com/a")
                .setUrls(List.of("https://example.com/a?utm_source=x")).setSourceId("web").setHost("example.com")
                .setBodyText("Caf\u00E9 body \u201Cquoted\u201D \uD83D\uDE00 text").setContentHash("h0").setFetchedAt(Instant.ofEpochMilli(1_000))
                .setProcessedAt(Instant.ofEpochMilli(2_000)).setExtractorVersion("test");
        if (full) {
            b.setTitle("T").setBodyHtml("<p>body</p>").setAuthors(List.of("A", "B")).setPublishedAt(Instant.ofEpochMilli(500))
                    .setLanguage("en").setTags(List.of("x")).setLanguageConfidence(0.5).setKeywords(List.of("k1", "k2"))
                    .setPlaces(List.of(Place.newBuilder().setName("Paris").setCountryCode("FR").build()))
                    .setPreviousContentHash("old").setDuplicateOf("zzz").setDuplicateDistance(4).setSourceTags(List.of("t"));
        }
        return b.build();
    }

    @Test
    void shouldWriteWhatTheAvroWriterWritesForTheArticleWithItsIdentity() {
        for (boolean full : new boolean[] {false, true}) {
            for (boolean duplicate : new boolean[] {false, true}) {
                Article d = draft(full);
                ArticleBytes.Identity id = new ArticleBytes.Identity("abc", 3, duplicate ? "prev" : null, "example.com/a",
                        "https://www.example.com/a", List.of("u1", "u2\u00E9"), "www.example.com", "h3", -42L, duplicate ? "dup" : null,
                        duplicate ? 7 : null, 9_000, 10_000);
                Article expected = Article.newBuilder(d).setArticleId("abc").setRevision(3).setPreviousContentHash(id.previousHash())
                        .setStoryKey(id.storyKey()).setCanonicalUrl(id.canonicalUrl()).setUrls(id.urls()).setHost(id.host())
                        .setContentHash("h3").setSimhash(-42L).setDuplicateOf(id.duplicateOf()).setDuplicateDistance(id.duplicateDistance())
                        .setFetchedAt(Instant.ofEpochMilli(9_000)).setProcessedAt(Instant.ofEpochMilli(10_000)).build();
                assertThat(ArticleBytes.withIdentity(Bin.articleBytes(d), id)).isEqualTo(Bin.articleBytes(expected));
                assertThat(Bin.articleOf(ArticleBytes.withIdentity(Bin.articleBytes(d), id))).isEqualTo(expected);
            }
        }
        Article d = draft(true);
        ArticleBytes.Identity noUrls = new ArticleBytes.Identity("abc", 1, null, "k", "c", List.of(), "h", "x", 0, null, null, 1, 2);
        assertThat(Bin.articleOf(ArticleBytes.withIdentity(Bin.articleBytes(d), noUrls)).getUrls()).isEmpty();
        assertThat(ArticleBytes.sourceId(Bin.articleBytes(d))).isEqualTo("web");
    }

    @Test
    void shouldFindTheArticleInsideAnEncodedPage() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        AvroSerde<ParsedPage> serde = AvroSerde.forValues(ParsedPage.class, registry);
        Article a = draft(true);
        ParsedPage page = ParsedPage.newBuilder().setUrl("https://example.com/a").setRequestedUrl("https://example.com/a").setHost("example.com")
                .setSourceId("web").setStoryKey("example.com/a").setOnPrimaryHost(true).setFetchedAt(Instant.ofEpochMilli(1_000))
                .setArticle(a).build();
        byte[] bytes = serde.serialize("t", page);
        assertThat(ArticleBytes.articleOfPage(bytes, 5)).isEqualTo(Bin.articleBytes(a));
        StoryInput in = new StoryInput.StorySerde(serde, registry).deserializer().deserialize("t", bytes);
        assertThat(in.page()).isEqualTo(page);
        assertThat(in.articleAvro()).isEqualTo(Bin.articleBytes(a));
    }
}
