package dev.newsflow.fetcher.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.client.transport.HttpClientConnectionFactory;
import org.eclipse.jetty.client.transport.HttpClientTransportDynamic;
import org.eclipse.jetty.http.HttpCookieStore;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.ClientConnectionFactoryOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * HTTPS with ALPN: HTTP/2 when the server offers {@code h2}, HTTP/1.1 otherwise (Jetty's client, which keeps
 * connections alive per destination). Plain {@code http://} goes to {@link Http1Client} (no h2c).
 * <p>
 * The SSRF guarantee is the same as {@link Http1Client}'s: the host is resolved and checked by
 * {@link SafeResolver} before the request, the vetted address travels with the request as its destination
 * tag, and Jetty's {@link SocketAddressResolver} only hands that address back — it never asks DNS. A
 * destination (and so a pooled connection) therefore belongs to one vetted address. Content decoding is
 * left to {@link ContentDecoder}, redirects to {@link HttpFetcher}; total and silence timeouts are Jetty's
 * request timeout and idle timeout, and the body is read under the same cap.
 */
public final class AlpnClient implements WireClient {
    private final SafeResolver resolver;
    private final Http1Client plain;
    private final HttpClient jetty;

    public AlpnClient(SafeResolver resolver, Duration connectTimeout) {
        this(resolver, connectTimeout, null);
    }

    /** @param tls the TLS context to trust (tests trust their own certificate), or null for the JDK default */
    public AlpnClient(SafeResolver resolver, Duration connectTimeout, SSLContext tls) {
        this.resolver = resolver;
        this.plain = new Http1Client(resolver);
        this.jetty = start(connectTimeout, tls);
    }

    private static HttpClient start(Duration connectTimeout, SSLContext tls) {
        SslContextFactory.Client ssl = new SslContextFactory.Client();
        ssl.setEndpointIdentificationAlgorithm("HTTPS");
        if (tls != null) {
            ssl.setSslContext(tls);
        }
        QueuedThreadPool threads = new QueuedThreadPool(32, 2);
        threads.setName("fetcher-https");
        threads.setDaemon(true);
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(ssl);
        connector.setExecutor(threads);
        connector.setSelectors(1);
        connector.setConnectTimeout(connectTimeout);
        HTTP2Client h2 = new HTTP2Client(connector);
        h2.setMaxResponseHeadersSize(HttpLimits.MAX_HEADER_BYTES);
        // ALPN offers both and the server picks (servers prefer h2); a server without ALPN gets the first: HTTP/1.1
        HttpClient client = new HttpClient(new HttpClientTransportDynamic(connector,
                HttpClientConnectionFactory.HTTP11, new ClientConnectionFactoryOverHTTP2.HTTP2(h2)));
        client.setExecutor(threads);
        client.setFollowRedirects(false);
        client.setUserAgentField(null);
        client.getContentDecoderFactories().clear();
        client.setHttpCookieStore(new HttpCookieStore.Empty());
        client.setMaxResponseHeadersSize(HttpLimits.MAX_HEADER_BYTES);
        client.setConnectTimeout(connectTimeout.toMillis());
        client.setIdleTimeout(30_000);
        client.setDestinationIdleTimeout(60_000);
        client.setSocketAddressResolver(new PinnedResolver());
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the HTTPS client", e);
        }
        return client;
    }

    @Override
    public WireResponse get(URI uri, Map<String, String> requestHeaders, boolean allowPrivateNetwork, HttpLimits limits,
                            long deadlineNanos) throws IOException {
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            return plain.get(uri, requestHeaders, allowPrivateNetwork, limits, deadlineNanos);
        }
        InetAddress address = resolver.resolve(uri.getHost(), allowPrivateNetwork);
        long remainingMillis = Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000L);
        Request request = jetty.newRequest(uri).tag(new Pinned(address))
                .timeout(remainingMillis, TimeUnit.MILLISECONDS).idleTimeout(limits.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .headers(h -> requestHeaders.forEach((name, value) -> {
                    if (name.indexOf('\n') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
                        h.put(name, value);
                    }
                }));
        InputStreamResponseListener listener = new InputStreamResponseListener();
        request.send(listener);
        try {
            Response response = listener.get(remainingMillis, TimeUnit.MILLISECONDS);
            WireResponse head = head(response, address);
            if (head.status() == 204 || head.status() == 304) {
                response.abort(new CancellationException("no body expected"));
                return head;
            }
            try (InputStream in = listener.getInputStream()) {
                Http1Client.CappedBody body = Http1Client.readCapped(in, Http1Client.contentLength(head), head, limits);
                if (body.truncated()) {
                    response.abort(new CancellationException("body cap reached"));
                }
                return new WireResponse(head.status(), head.statusLine(), head.headers(), body.bytes(), body.truncated(), address,
                        head.protocol());
            } catch (FetchFailure e) {
                response.abort(e);
                throw e;
            } catch (IOException e) {
                throw failure(e, deadlineNanos);
            }
        } catch (TimeoutException e) {
            request.abort(e);
            throw new FetchFailure(Outcome.TIMEOUT, "total timeout exceeded", e);
        } catch (ExecutionException e) {
            throw failure(e.getCause() == null ? e : e.getCause(), deadlineNanos);
        } catch (InterruptedException e) {
            request.abort(e);
            Thread.currentThread().interrupt();
            throw new FetchFailure(Outcome.IO_ERROR, "interrupted", e);
        }
    }

    private static WireResponse head(Response response, InetAddress address) {
        boolean h2 = response.getVersion() == HttpVersion.HTTP_2;
        String reason = response.getReason() == null || response.getReason().isEmpty()
                ? HttpStatus.getMessage(response.getStatus()) : response.getReason();
        // the status line WARC readers expect (HTTP/1.x syntax); the real protocol is kept beside it
        String statusLine = (h2 ? "HTTP/2.0" : "HTTP/1.1") + " " + response.getStatus() + " " + reason;
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (HttpField f : response.getHeaders()) {
            headers.add(new AbstractMap.SimpleImmutableEntry<>(f.getName(), f.getValue()));
        }
        return new WireResponse(response.getStatus(), statusLine, headers, new byte[0], false, address,
                h2 ? WireResponse.HTTP_2 : WireResponse.HTTP_1_1);
    }

    /** Maps what Jetty reports to the fetcher's closed set of outcomes. */
    static FetchFailure failure(Throwable t, long deadlineNanos) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof FetchFailure f) {
                return f;
            }
            if (c instanceof TimeoutException) {
                boolean total = System.nanoTime() >= deadlineNanos - 50_000_000L;
                return new FetchFailure(Outcome.TIMEOUT, total ? "total timeout exceeded" : "read timeout exceeded", t);
            }
            if (c instanceof ConnectException) {
                return new FetchFailure(Outcome.IO_ERROR, "connection refused", t);
            }
            if (c instanceof SSLException) {
                return new FetchFailure(Outcome.IO_ERROR, "TLS failure: " + c.getClass().getSimpleName(), t);
            }
            String m = c.getMessage() == null ? "" : c.getMessage().toLowerCase(Locale.ROOT);
            if (m.contains("header") && (m.contains("too large") || m.contains("too big") || m.contains("431"))) {
                return new FetchFailure(Outcome.PROTOCOL_ERROR, "response headers exceed " + HttpLimits.MAX_HEADER_BYTES + " bytes", t);
            }
        }
        return new FetchFailure(Outcome.IO_ERROR, t.getClass().getSimpleName() + ": " + t.getMessage(), t);
    }

    @Override
    public void close() {
        try {
            jetty.stop();
        } catch (Exception e) {
            // stopping is best effort: the threads are daemons
        }
    }

    /** The destination tag: the address {@link SafeResolver} vetted for this request. */
    record Pinned(InetAddress address) {
    }

    /** Hands back the vetted address of the destination; never resolves anything itself. */
    private static final class PinnedResolver implements SocketAddressResolver {
        @Override
        public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
            Object destination = context.get(Destination.CONTEXT_KEY);
            Object tag = destination instanceof Destination d ? d.getOrigin().getTag() : null;
            if (tag instanceof Pinned p) {
                try {
                    // the host name rides along (no lookup) so TLS sends SNI and verifies the certificate for it
                    promise.succeeded(List.of(new InetSocketAddress(InetAddress.getByAddress(host, p.address().getAddress()), port)));
                } catch (java.net.UnknownHostException e) {
                    promise.failed(e);
                }
            } else {
                promise.failed(new FetchFailure(Outcome.BLOCKED_ADDRESS, "connection to " + host + " without a vetted address"));
            }
        }
    }
}
