package dev.newsflow.processor.enrich;

import dev.newsflow.avro.Article;

/** One enrichment step: a pure function of the draft article and the context (no I/O, never throws for bad input). */
@FunctionalInterface
public interface ArticleEnricher {
    Article enrich(Article draft, EnrichmentContext ctx);
}
