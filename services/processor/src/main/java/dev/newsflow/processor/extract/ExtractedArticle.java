package dev.newsflow.processor.extract;

import java.time.Instant;
import java.util.List;

/**
 * What extraction found in one page. Fields not found are null (or empty lists).
 *
 * @param title               headline without site-name suffix
 * @param description         standfirst / meta description
 * @param bodyText            main text, paragraphs separated by a blank line
 * @param bodyHtml            cleaned, safe HTML of the main content
 * @param authors             people credited, deduplicated
 * @param publishedAt         publication instant
 * @param publishedAtEvidence where publishedAt came from (e.g. json-ld:datePublished, url)
 * @param publishedAtConfidence 0..1, how often that kind of evidence gives the right day; null without publishedAt
 * @param modifiedAt          modification instant
 * @param modifiedAtEvidence  where modifiedAt came from (e.g. json-ld:dateModified)
 * @param language            ISO 639-1 code hinted by the page (lang attributes, meta)
 * @param section             publisher's section / breadcrumb trail
 * @param tags                publisher's tags and keywords
 * @param leadImage           absolute URL of the lead image
 * @param siteName            publisher's site name
 * @param canonicalUrl        absolute rel=canonical or og:url, as stated by the page
 */
public record ExtractedArticle(String title, String description, String bodyText, String bodyHtml, List<String> authors,
                               Instant publishedAt, String publishedAtEvidence, Double publishedAtConfidence,
                               Instant modifiedAt, String modifiedAtEvidence, String language,
                               String section, List<String> tags, String leadImage, String siteName, String canonicalUrl) {
    public ExtractedArticle {
        authors = authors == null ? List.of() : List.copyOf(authors);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
