package dev.newsflow.processor.enrich;

import dev.newsflow.avro.Article;

/** Normalizes the publisher's section, breadcrumbs and URL path onto the {@link Taxonomy}; the raw section stays as is. */
public final class CategoryEnricher implements ArticleEnricher {
    private final Taxonomy taxonomy;

    public CategoryEnricher(Taxonomy taxonomy) {
        this.taxonomy = taxonomy;
    }

    @Override
    public Article enrich(Article draft, EnrichmentContext ctx) {
        return Article.newBuilder(draft).setCategory(taxonomy.categorize(draft.getSection(), draft.getCanonicalUrl())).build();
    }
}
