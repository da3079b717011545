package dev.newsflow.fetcher.discovery;

import java.net.URI;
import java.time.Instant;

/**
 * An article URL found by discovery, with the hints its feed or sitemap gave.
 *
 * @param url       normalized URL
 * @param title     title announced by the item, or null
 * @param published publication time announced by the item, or null
 */
public record DiscoveredUrl(URI url, String title, Instant published) {
}
