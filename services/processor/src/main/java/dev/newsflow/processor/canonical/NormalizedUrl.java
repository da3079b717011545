package dev.newsflow.processor.canonical;

/**
 * A URL after {@link UrlNormalizer}: every part lower-cased or percent-normalized where that does not change
 * what it designates, tracking parameters and fragment removed.
 *
 * @param scheme http or https
 * @param host   lower-case ASCII host (IDN converted), no trailing dot
 * @param port   explicit non-default port, or -1
 * @param path   normalized path, starting with '/', without a trailing slash (except the root "/")
 * @param query  remaining query parameters sorted, joined with '&amp;', or "" when none are left
 */
public record NormalizedUrl(String scheme, String host, int port, String path, String query) {

    /** The normalized URL as a string. */
    public String toUrl() {
        return scheme + "://" + host + (port < 0 ? "" : ":" + port) + path + (query.isEmpty() ? "" : "?" + query);
    }

    /** Path and query without scheme and host: the host-independent part of a story key. */
    public String pathAndQuery() {
        return path + (query.isEmpty() ? "" : "?" + query);
    }

    /** The same URL on another host (used to fold mirrors onto the primary host). */
    public NormalizedUrl withHost(String newHost) {
        return new NormalizedUrl(scheme, newHost, port, path, query);
    }
}
