package dev.newsflow.fetcher.http;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GET with redirects: every hop is resolved and SSRF-checked again (a {@link WireClient} connects only to
 * vetted addresses), loops and over-long chains fail, and the final body is content-decoded under the cap.
 */
public final class HttpFetcher implements AutoCloseable {
    /** Accept-Encoding: exactly what {@link ContentDecoder} decodes. */
    public static final String ACCEPT_ENCODING = "gzip, deflate, br";

    private final WireClient client;
    private final HttpLimits limits;
    private final String userAgent;

    public HttpFetcher(WireClient client, HttpLimits limits, String userAgent) {
        this.client = client;
        this.limits = limits;
        this.userAgent = userAgent;
    }

    public HttpLimits limits() {
        return limits;
    }

    public String userAgent() {
        return userAgent;
    }

    /**
     * @param extraHeaders source headers and conditional-GET validators
     * @param accept       the Accept header
     */
    /** Checks a redirect hop before it is followed (robots.txt of another origin). */
    @FunctionalInterface
    public interface RedirectGuard {
        void check(URI from, URI to) throws FetchFailure;
    }

    public FetchResult get(URI uri, Map<String, String> extraHeaders, String accept, boolean allowPrivateNetwork) throws IOException {
        return get(uri, extraHeaders, accept, allowPrivateNetwork, (from, to) -> { });
    }

    public FetchResult get(URI uri, Map<String, String> extraHeaders, String accept, boolean allowPrivateNetwork,
                           RedirectGuard guard) throws IOException {
        Instant started = Instant.now();
        long deadline = System.nanoTime() + limits.totalTimeout().toNanos();
        List<String> chain = new ArrayList<>();
        Set<String> visited = new HashSet<>();
        List<FetchResult.Exchange> exchanges = new ArrayList<>();
        URI current = uri;
        while (true) {
            if (!visited.add(current.toString())) {
                throw new FetchFailure(Outcome.REDIRECT_LOOP, "redirect loop after " + chain.size() + " hops");
            }
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("User-Agent", userAgent);
            headers.put("Accept", accept);
            headers.put("Accept-Encoding", ACCEPT_ENCODING);
            headers.putAll(extraHeaders);
            WireResponse r = client.get(current, headers, allowPrivateNetwork, limits, deadline);
            exchanges.add(new FetchResult.Exchange(current, headers, r, Instant.now()));
            if (isRedirect(r.status()) && r.header("Location").isPresent()) {
                if (chain.size() >= limits.maxRedirects()) {
                    throw new FetchFailure(Outcome.TOO_MANY_REDIRECTS, "more than " + limits.maxRedirects() + " redirects");
                }
                chain.add(current.toString());
                URI next = resolveLocation(current, r.header("Location").get());
                guard.check(current, next);
                current = next;
                continue;
            }
            String encoding = r.header("Content-Encoding").orElse(null);
            ContentDecoder.Decoded decoded = ContentDecoder.decode(r.body(), encoding, limits.maxBodyBytes(), limits.truncateOversize());
            Map<String, String> map = r.headerMap();
            return new FetchResult(uri, current, chain, r.status(), map, decoded.body(), decoded.truncated() || r.bodyTruncated(),
                    started, Instant.now(), exchanges);
        }
    }

    @Override
    public void close() {
        client.close();
    }

    static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    static URI resolveLocation(URI base, String location) throws FetchFailure {
        try {
            URI target = base.resolve(new URI(UrlNormalizer.escapeIllegal(location.trim())));
            String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || target.getHost() == null) {
                throw new FetchFailure(Outcome.BAD_REDIRECT, "redirect to a non-http(s) URL");
            }
            return UrlNormalizer.withoutFragment(target);
        } catch (URISyntaxException | IllegalArgumentException e) {
            throw new FetchFailure(Outcome.BAD_REDIRECT, "unparseable Location header", e);
        }
    }
}
