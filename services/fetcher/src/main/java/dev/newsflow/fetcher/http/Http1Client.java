package dev.newsflow.fetcher.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A deliberately small HTTP/1.1 client over plain sockets. It exists because the connection must go to
 * the address {@link SafeResolver} vetted (no second DNS lookup), honour the {@code resolve} overrides,
 * and enforce read/total timeouts and size caps byte by byte — none of which the JDK client allows.
 * One request per connection ({@code Connection: close}).
 */
public final class Http1Client implements WireClient {
    private final SafeResolver resolver;
    private final SSLSocketFactory tls;

    public Http1Client(SafeResolver resolver) {
        this(resolver, (SSLSocketFactory) SSLSocketFactory.getDefault());
    }

    public Http1Client(SafeResolver resolver, SSLSocketFactory tls) {
        this.resolver = resolver;
        this.tls = tls;
    }

    @Override
    public WireResponse get(URI uri, Map<String, String> requestHeaders, boolean allowPrivateNetwork, HttpLimits limits,
                            long deadlineNanos) throws IOException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new FetchFailure(Outcome.BAD_REDIRECT, "not an http(s) URL");
        }
        boolean https = scheme.equals("https");
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        InetAddress address = resolver.resolve(uri.getHost(), allowPrivateNetwork);
        Socket socket = new Socket();
        try {
            int connectMillis = (int) Math.max(1, Math.min(limits.connectTimeout().toMillis(), (deadlineNanos - System.nanoTime()) / 1_000_000L));
            socket.connect(new InetSocketAddress(address, port), connectMillis);
            if (https) {
                socket = startTls(socket, uri.getHost(), port);
            }
            OutputStream out = socket.getOutputStream();
            out.write(requestBytes(uri, port, https, requestHeaders));
            out.flush();
            InputStream in = new java.io.BufferedInputStream(new DeadlineInputStream(socket.getInputStream(), socket, deadlineNanos,
                    (int) limits.readTimeout().toMillis()), 16384);
            return readResponse(in, limits, address);
        } catch (SocketTimeoutException e) {
            throw new FetchFailure(Outcome.TIMEOUT, "connect timeout", e);
        } catch (ConnectException e) {
            throw new FetchFailure(Outcome.IO_ERROR, "connection refused", e);
        } catch (javax.net.ssl.SSLException e) {
            throw new FetchFailure(Outcome.IO_ERROR, "TLS failure: " + e.getClass().getSimpleName(), e);
        } finally {
            socket.close();
        }
    }

    private Socket startTls(Socket plain, String host, int port) throws IOException {
        SSLSocket ssl = (SSLSocket) tls.createSocket(plain, host, port, true);
        SSLParameters params = ssl.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.matches("[0-9.]+|\\[.*]")) {
            params.setServerNames(List.of(new SNIHostName(host)));
        }
        ssl.setSSLParameters(params);
        ssl.startHandshake();
        return ssl;
    }

    static byte[] requestBytes(URI uri, int port, boolean https, Map<String, String> headers) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        boolean defaultPort = https ? port == 443 : port == 80;
        StringBuilder sb = new StringBuilder(256);
        sb.append("GET ").append(path).append(" HTTP/1.1\r\n");
        sb.append("Host: ").append(uri.getHost()).append(defaultPort ? "" : ":" + port).append("\r\n");
        for (Map.Entry<String, String> h : headers.entrySet()) {
            if (h.getKey().indexOf('\n') < 0 && h.getValue().indexOf('\n') < 0 && h.getValue().indexOf('\r') < 0) {
                sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
            }
        }
        sb.append("Connection: close\r\n\r\n");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    static WireResponse readResponse(InputStream in, HttpLimits limits, InetAddress address) throws IOException {
        while (true) {
            List<String> lines = headerLines(in);
            String statusLine = lines.get(0);
            int status = parseStatus(statusLine);
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    headers.add(new AbstractMap.SimpleImmutableEntry<>(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
                }
            }
            if (status >= 100 && status < 200) {
                continue; // interim response (100 Continue, 103 Early Hints)
            }
            WireResponse head = new WireResponse(status, statusLine, headers, new byte[0], false, address, WireResponse.HTTP_1_1);
            if (status == 204 || status == 304) {
                return head;
            }
            return readBody(in, head, limits);
        }
    }

    private static WireResponse readBody(InputStream in, WireResponse head, HttpLimits limits) throws IOException {
        InputStream body = in;
        long expected = -1;
        if (head.header("Transfer-Encoding").map(v -> v.toLowerCase(Locale.ROOT).contains("chunked")).orElse(false)) {
            body = new ChunkedInputStream(in);
        } else {
            expected = contentLength(head);
        }
        CappedBody b = readCapped(body, expected, head, limits);
        return new WireResponse(head.status(), head.statusLine(), head.headers(), b.bytes(), b.truncated(), head.address(), head.protocol());
    }

    /** Body bytes read up to the wire cap. */
    record CappedBody(byte[] bytes, boolean truncated) {
    }

    static long contentLength(WireResponse head) throws FetchFailure {
        if (head.header("Content-Length").isEmpty()) {
            return -1;
        }
        try {
            return Long.parseLong(head.header("Content-Length").get().trim());
        } catch (NumberFormatException e) {
            throw new FetchFailure(Outcome.PROTOCOL_ERROR, "bad Content-Length");
        }
    }

    /**
     * Reads a (transfer-decoded) body: at most the cap, plus one byte of headroom for a content-encoded body
     * (whose decoded size is capped after decoding). {@code expected} is the Content-Length or -1.
     */
    static CappedBody readCapped(InputStream body, long expected, WireResponse head, HttpLimits limits) throws IOException {
        boolean encoded = head.header("Content-Encoding").map(v -> !v.isBlank() && !v.equalsIgnoreCase("identity")).orElse(false);
        long cap = encoded ? limits.maxBodyBytes() + 1 : limits.maxBodyBytes();
        if (expected > cap && !limits.truncateOversize() && !encoded) {
            throw new FetchFailure(Outcome.TOO_LARGE, "Content-Length " + expected + " exceeds the cap of " + limits.maxBodyBytes());
        }
        ByteArrayOutputStream buf = new ByteArrayOutputStream((int) Math.min(Math.max(expected, 8192), Math.min(cap, 1 << 20)));
        byte[] chunk = new byte[16384];
        long total = 0;
        while (expected < 0 || total < expected) {
            int want = (int) Math.min(chunk.length, expected < 0 ? chunk.length : expected - total);
            int n = body.read(chunk, 0, want);
            if (n < 0) {
                if (expected >= 0) {
                    throw new FetchFailure(Outcome.PROTOCOL_ERROR, "connection closed after " + total + " of " + expected + " bytes");
                }
                break;
            }
            if (total + n > cap) {
                if (!limits.truncateOversize() && !encoded) {
                    throw new FetchFailure(Outcome.TOO_LARGE, "body exceeds the cap of " + limits.maxBodyBytes() + " bytes");
                }
                buf.write(chunk, 0, (int) (cap - total));
                return new CappedBody(buf.toByteArray(), true);
            }
            buf.write(chunk, 0, n);
            total += n;
        }
        return new CappedBody(buf.toByteArray(), false);
    }

    private static int parseStatus(String statusLine) throws FetchFailure {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new FetchFailure(Outcome.PROTOCOL_ERROR, "not an HTTP/1.x status line");
        }
        try {
            int status = Integer.parseInt(parts[1]);
            if (status < 100 || status > 999) {
                throw new NumberFormatException();
            }
            return status;
        } catch (NumberFormatException e) {
            throw new FetchFailure(Outcome.PROTOCOL_ERROR, "bad status code");
        }
    }

    private static List<String> headerLines(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int total = 0;
        int c;
        while ((c = in.read()) >= 0) {
            if (++total > HttpLimits.MAX_HEADER_BYTES) {
                throw new FetchFailure(Outcome.PROTOCOL_ERROR, "response headers exceed " + HttpLimits.MAX_HEADER_BYTES + " bytes");
            }
            if (c == '\n') {
                String s = line.toString(StandardCharsets.ISO_8859_1);
                if (s.endsWith("\r")) {
                    s = s.substring(0, s.length() - 1);
                }
                line.reset();
                if (s.isEmpty()) {
                    if (lines.isEmpty()) {
                        continue;
                    }
                    return lines;
                }
                if ((s.startsWith(" ") || s.startsWith("\t")) && lines.size() > 1) {
                    lines.set(lines.size() - 1, lines.get(lines.size() - 1) + " " + s.trim()); // obsolete folding
                } else {
                    lines.add(s);
                }
            } else {
                line.write(c);
            }
        }
        throw new FetchFailure(lines.isEmpty() ? Outcome.IO_ERROR : Outcome.PROTOCOL_ERROR, "connection closed before the end of the headers");
    }
}
