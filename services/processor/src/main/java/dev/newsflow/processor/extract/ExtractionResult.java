package dev.newsflow.processor.extract;

/** Outcome of extracting one page: an article, or a reason there is none. Never an exception. */
public sealed interface ExtractionResult {

    /** The page held an article. */
    record Found(ExtractedArticle article) implements ExtractionResult {
    }

    /**
     * The page held no article.
     *
     * @param reason  closed-set reason class (e.g. empty-body, not-html), usable as a metric label
     * @param message human-readable detail
     */
    record NoArticle(String reason, String message) implements ExtractionResult {
    }
}
