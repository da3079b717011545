package dev.newsflow.fetcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * One article page to fetch, as carried by the fetch-request topic (key: host, value: this as JSON), so
 * the instance owning the host's partition fetches it.
 *
 * @param url       page URL (normalized)
 * @param sourceId  configured source
 * @param via       the feed, sitemap or seed that announced it
 * @param title     title hint, or null
 * @param published publication-time hint, or null
 */
public record FetchRequest(URI url, String sourceId, String via, String title, Instant published) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public String host() {
        return url.getHost();
    }

    public String toJson() {
        ObjectNode n = JSON.createObjectNode();
        n.put("url", url.toString());
        n.put("source", sourceId);
        if (via != null) {
            n.put("via", via);
        }
        if (title != null) {
            n.put("title", title);
        }
        if (published != null) {
            n.put("published", published.toEpochMilli());
        }
        return n.toString();
    }

    /** Parses a request; empty when the value is not a valid request (it is then dead-lettered by the caller). */
    public static Optional<FetchRequest> fromJson(String json) {
        try {
            JsonNode n = JSON.readTree(json);
            if (n == null || !n.hasNonNull("url") || !n.hasNonNull("source")) {
                return Optional.empty();
            }
            URI url = new URI(n.get("url").asText());
            if (url.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(new FetchRequest(url, n.get("source").asText(), text(n, "via"), text(n, "title"),
                    n.hasNonNull("published") ? Instant.ofEpochMilli(n.get("published").asLong()) : null));
        } catch (IOException | java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode n, String f) {
        return n.hasNonNull(f) ? n.get(f).asText() : null;
    }
}
