package dev.newsflow.processor.enrich;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What enrichers may look up besides the article, for one article.
 *
 * @param source      metadata of the article's source from the sources config, or null when unknown
 * @param frequencies document frequencies learned so far (per language)
 * @param tokenized   word tokens of the texts tokenized so far for this article, by text instance
 */
public record EnrichmentContext(SourceMetadata source, DocumentFrequencies frequencies, Map<String, List<Tokens.Token>> tokenized) {
    public EnrichmentContext(SourceMetadata source, DocumentFrequencies frequencies) {
        this(source, frequencies, new IdentityHashMap<>());
    }

    public static EnrichmentContext of(SourceMetadata source) {
        return new EnrichmentContext(source, new InMemoryDocumentFrequencies());
    }

    /**
     * The tokens of {@code text}, computed once per article: places and keywords both read the title and the body
     * (the same string instances unless a {@code max-chars} limit cut one of them).
     */
    public List<Tokens.Token> tokens(String text) {
        return tokenized.computeIfAbsent(text, Tokens::of);
    }
}
