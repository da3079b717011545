package dev.newsflow.processor.enrich;

import dev.newsflow.avro.Article;

/**
 * Enrichment work done ahead of the stream thread by the parse workers ({@code processor.parse-ahead-threads}), for
 * the draft articles they parse: language answers ({@link PreparedDetections}) and keyword term counts
 * ({@link PreparedTerms}). The enrichers on the stream thread use them when they are there and compute the same
 * themselves when not, so the articles do not depend on which thread did the work.
 *
 * @param languages null when language detection is off
 * @param terms     null when keywords are off
 */
public record EnrichAhead(PreparedDetections languages, PreparedTerms terms) {

    /**
     * What the enabled enrichers can use; null when neither language detection nor keywords are on.
     *
     * @param languageCapacity language answers waiting, at most (small: a few hundred characters each)
     * @param termCapacity     term counts waiting, at most (tens of KB each: about the results the workers may hold)
     */
    public static EnrichAhead of(EnrichmentSettings s, int languageCapacity, int termCapacity) {
        PreparedDetections languages = s.enabled() && s.language().enabled() ? new PreparedDetections(s.language(), languageCapacity) : null;
        PreparedTerms terms = s.enabled() && s.keywords().enabled() ? new PreparedTerms(s.keywords(), termCapacity) : null;
        return languages == null && terms == null ? null : new EnrichAhead(languages, terms);
    }

    /** Prepares this draft article's language answer and term counts on the calling worker thread. */
    public void prepare(Article draft) {
        if (languages != null) {
            languages.prepare(draft);
        }
        if (terms != null) {
            terms.prepare(draft);
        }
    }
}
