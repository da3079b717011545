package dev.newsflow.fetcher.http;

import java.io.IOException;
import java.net.URI;
import java.util.Map;

/**
 * One GET without redirect handling, connected only to an address {@link SafeResolver} vetted, within the
 * timeouts and caps of {@link HttpLimits}.
 */
public interface WireClient extends AutoCloseable {

    /**
     * @param deadlineNanos {@link System#nanoTime()} by which the whole exchange, body included, must be over
     */
    WireResponse get(URI uri, Map<String, String> requestHeaders, boolean allowPrivateNetwork, HttpLimits limits,
                     long deadlineNanos) throws IOException;

    @Override
    default void close() {
    }
}
