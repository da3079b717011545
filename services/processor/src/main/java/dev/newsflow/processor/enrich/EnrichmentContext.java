package dev.newsflow.processor.enrich;

/**
 * What enrichers may look up besides the article.
 *
 * @param source      metadata of the article's source from the sources config, or null when unknown
 * @param frequencies document frequencies learned so far (per language)
 */
public record EnrichmentContext(SourceMetadata source, DocumentFrequencies frequencies) {
    public static EnrichmentContext of(SourceMetadata source) {
        return new EnrichmentContext(source, new InMemoryDocumentFrequencies());
    }
}
