package dev.newsflow.processor.canonical;

/**
 * The story identity of a URL.
 *
 * @param key           story key (host folded to the source's primary host, path normalized; see docs/story-keys.md)
 * @param normalizedUrl the URL after normalization, on its own host (tracking parameters and fragment removed)
 * @param host          lower-case host of the URL as fetched
 * @param onPrimaryHost whether the URL is on the source's primary host (up to www./m. folding); true for unknown hosts
 * @param sourceId      id of the source owning the host, or null when unknown
 */
public record StoryKey(String key, String normalizedUrl, String host, boolean onPrimaryHost, String sourceId) {
}
