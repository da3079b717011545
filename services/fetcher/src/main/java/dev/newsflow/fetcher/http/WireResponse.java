package dev.newsflow.fetcher.http;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP response as received: status, headers in order, and the body after transfer decoding but
 * before content decoding (what a WARC response record stores).
 *
 * @param status        status code
 * @param statusLine    the status line as sent
 * @param headers       header fields in order (names as sent)
 * @param body          body bytes (de-chunked, still content-encoded)
 * @param bodyTruncated true when the body was cut at the wire cap
 * @param address       the address connected to
 * @param protocol      {@link #HTTP_1_1} or {@link #HTTP_2}: the protocol the exchange really used
 */
public record WireResponse(int status, String statusLine, List<Map.Entry<String, String>> headers, byte[] body,
                           boolean bodyTruncated, InetAddress address, String protocol) {
    public static final String HTTP_1_1 = "HTTP/1.1";
    public static final String HTTP_2 = "HTTP/2";

    public WireResponse {
        headers = List.copyOf(headers);
    }

    public Optional<String> header(String name) {
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                return Optional.of(h.getValue());
            }
        }
        return Optional.empty();
    }

    public List<String> headers(String name) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, String> h : headers) {
            if (h.getKey().equalsIgnoreCase(name)) {
                out.add(h.getValue());
            }
        }
        return out;
    }

    /** Lower-case header names to values (repeated headers joined with ", "). */
    public Map<String, String> headerMap() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> h : headers) {
            out.merge(h.getKey().toLowerCase(Locale.ROOT), h.getValue(), (a, b) -> a + ", " + b);
        }
        return out;
    }
}
