package dev.newsflow.processor.enrich;

import java.util.List;

/**
 * What enrichers may look up besides the article, for one article.
 *
 * @param source      metadata of the article's source from the sources config, or null when unknown
 * @param frequencies document frequencies learned so far (per language)
 */
public record EnrichmentContext(SourceMetadata source, DocumentFrequencies frequencies) {
    public static EnrichmentContext of(SourceMetadata source) {
        return new EnrichmentContext(source, new InMemoryDocumentFrequencies());
    }

    /**
     * The tokens of {@code text}, computed once per article: places and keywords both read the title and the body
     * (the same string instances unless a {@code max-chars} limit cut one of them), which {@link Tokens#of}
     * remembers per thread.
     */
    public List<Tokens.Token> tokens(String text) {
        return Tokens.of(text);
    }
}
