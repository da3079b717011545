package dev.newsflow.processor.enrich;

import dev.newsflow.avro.Article;
import dev.newsflow.common.serde.AvroTrust;
import java.time.Instant;
import java.util.List;

/** Minimal draft articles for enricher tests. */
final class EnrichTestArticles {
    static {
        AvroTrust.install();
    }

    private EnrichTestArticles() {
    }

    static Article draft(String title, String body) {
        return draft(title, body, null, "https://news.example/world/story-1");
    }

    static Article draft(String title, String body, String section, String url) {
        return Article.newBuilder().setArticleId("").setRevision(0).setStoryKey("news.example/story-1").setCanonicalUrl(url)
                .setUrls(List.of(url)).setSourceId("demo").setHost("news.example").setTitle(title).setBodyText(body)
                .setSection(section).setContentHash("x").setFetchedAt(Instant.EPOCH).setProcessedAt(Instant.EPOCH)
                .setExtractorVersion("test").build();
    }
}
