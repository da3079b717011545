package dev.newsflow.fetcher.discovery;

import java.net.URI;
import java.util.List;

/**
 * What one discovery document yielded.
 *
 * @param kind      what the document really was (a "feed" URL may turn out to be a sitemap)
 * @param articles  article URLs (bounded by the per-document limit)
 * @param documents further discovery documents: child sitemaps of an index, feeds autodiscovered on a seed page
 * @param capped    true when the per-document URL limit cut the list
 */
public record Discovery(DocumentKind kind, List<DiscoveredUrl> articles, List<URI> documents, boolean capped) {
    public Discovery {
        articles = List.copyOf(articles);
        documents = List.copyOf(documents);
    }
}
