package dev.newsflow.sink.store;

import java.time.Instant;
import java.util.List;

/**
 * One {@code articles} row: the fields of an Article revision as stored, plus the row fingerprint and where in
 * Kafka it came from. Built by {@link dev.newsflow.sink.RowMapper}; text is already cleaned (no NUL characters).
 * {@code places} is null when place enrichment was off (stored as SQL NULL), empty when no place was found.
 */
public record ArticleRow(String articleId, int revision, String previousContentHash, String storyKey, String canonicalUrl,
                         List<String> urls, String sourceId, String host, String siteName, String title, String description,
                         String bodyText, String bodyHtml, List<String> authors, Instant publishedAt, String publishedAtEvidence,
                         Instant modifiedAt, String language, String section, List<String> tags, String leadImage, int wordCount,
                         String contentHash, long simhash, String duplicateOf, Integer duplicateDistance, Instant fetchedAt,
                         Instant processedAt, String extractorVersion, Double languageConfidence, List<PlaceRow> places,
                         String primaryCountry, String category, List<String> keywords, String summary, int readingTimeSeconds,
                         String publisherName, String publisherCountry, String publisherLanguage, List<String> sourceTags,
                         Double publishedAtConfidence, String modifiedAtEvidence, String rowHash, Integer kafkaPartition, Long kafkaOffset) {
}
