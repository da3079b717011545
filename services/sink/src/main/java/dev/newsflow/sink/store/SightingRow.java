package dev.newsflow.sink.store;

import java.time.Instant;

/**
 * One {@code sightings} row: a further URL under which an article was seen.
 *
 * @param kind lower-case sighting kind (primary, mirror, tracking, refetch, duplicate, revision, unknown)
 */
public record SightingRow(String articleId, String url, String host, String kind, String sourceId, String storyKey,
                          Integer distance, Instant seenAt) {
}
