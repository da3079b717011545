package dev.newsflow.fetcher.http;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A completed fetch after redirects and content decoding.
 *
 * @param requested     the URL asked for
 * @param finalUri      the URL that produced the body
 * @param redirectChain URLs visited before {@code finalUri}
 * @param status        final status
 * @param headers       lower-case response headers of the final response
 * @param body          decoded body
 * @param truncated     body cut at the cap
 * @param startedAt     first request sent
 * @param completedAt   last byte received
 * @param exchanges     every raw exchange (for WARC), in order
 */
public record FetchResult(URI requested, URI finalUri, List<String> redirectChain, int status, Map<String, String> headers,
                          byte[] body, boolean truncated, Instant startedAt, Instant completedAt, List<Exchange> exchanges) {

    /** One request/response pair as it went over the wire. */
    public record Exchange(URI uri, Map<String, String> requestHeaders, WireResponse response, Instant at) {
    }

    public Optional<String> header(String lowerName) {
        return Optional.ofNullable(headers.get(lowerName));
    }

    /** Media type without parameters, lower-case, or empty. */
    public String mediaType() {
        return MediaTypes.mediaType(headers.get("content-type"));
    }

    /** The protocol of the final response ({@link WireResponse#HTTP_1_1} or {@link WireResponse#HTTP_2}). */
    public String protocol() {
        return exchanges.isEmpty() ? WireResponse.HTTP_1_1 : exchanges.get(exchanges.size() - 1).response().protocol();
    }

    public long wireBytes() {
        return exchanges.stream().mapToLong(e -> e.response().body().length).sum();
    }
}
