package dev.newsflow.processor.enrich;

import dev.newsflow.avro.Article;

/** Publisher name, country, language and operator tags from the source configuration. */
public final class SourceEnricher implements ArticleEnricher {
    @Override
    public Article enrich(Article draft, EnrichmentContext ctx) {
        SourceMetadata s = ctx.source();
        if (s == null) {
            return draft;
        }
        return Article.newBuilder(draft).setPublisherName(s.name()).setPublisherCountry(s.country())
                .setPublisherLanguage(s.language()).setSourceTags(s.tags()).build();
    }
}
