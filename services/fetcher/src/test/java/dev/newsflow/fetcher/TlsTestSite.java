package dev.newsflow.fetcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A real HTTPS server on loopback (Jetty) with a self-signed certificate made for the test by the JDK's
 * keytool: one connector negotiating h2 or http/1.1 by ALPN, one speaking http/1.1 only. Only the test's
 * own {@link #trust()} context trusts the certificate.
 */
final class TlsTestSite implements AutoCloseable {
    /** One request as the server saw it. */
    record Hit(String path, String protocol, String acceptEncoding) {
    }

    /** Writes a response body (status and headers already set). */
    interface Body {
        void write(Request request, Response response, OutputStream out) throws Exception;
    }

    private static final String PASSWORD = "changeit";
    private final Path keyStore;
    private final Server server;
    private final ServerConnector alpn;
    private final ServerConnector http11Only;
    private final Map<String, Body> handlers = new ConcurrentHashMap<>();
    final List<Hit> hits = new CopyOnWriteArrayList<>();

    /** @param hostName the name the certificate is issued to (the fetcher maps it to 127.0.0.1) */
    TlsTestSite(Path dir, String hostName) throws Exception {
        keyStore = dir.resolve("tls-" + hostName + ".p12");
        keytool(keyStore, hostName);
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStorePath(keyStore.toString());
        ssl.setKeyStorePassword(PASSWORD);
        ssl.setKeyStoreType("PKCS12");
        server = new Server(new QueuedThreadPool(16, 2));
        HttpConfiguration cfg = new HttpConfiguration();
        cfg.addCustomizer(new SecureRequestCustomizer(false));
        HttpConnectionFactory h1 = new HttpConnectionFactory(cfg);
        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(cfg);
        ALPNServerConnectionFactory negotiate = new ALPNServerConnectionFactory("h2", "http/1.1");
        negotiate.setDefaultProtocol(h1.getProtocol());
        alpn = new ServerConnector(server, new SslConnectionFactory(ssl, negotiate.getProtocol()), negotiate, h2, h1);
        alpn.setHost("127.0.0.1");
        http11Only = new ServerConnector(server, new SslConnectionFactory(ssl, h1.getProtocol()), new HttpConnectionFactory(cfg));
        http11Only.setHost("127.0.0.1");
        server.addConnector(alpn);
        server.addConnector(http11Only);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                String path = request.getHttpURI().getPathQuery();
                hits.add(new Hit(path, request.getConnectionMetaData().getHttpVersion().asString(),
                        request.getHeaders().get(HttpHeader.ACCEPT_ENCODING)));
                Body body = handlers.get(path);
                try (OutputStream out = Content.Sink.asOutputStream(response)) {
                    if (body == null) {
                        response.setStatus(404);
                    } else {
                        body.write(request, response, out);
                    }
                } catch (Exception e) {
                    callback.failed(e);
                    return true;
                }
                callback.succeeded();
                return true;
            }
        });
        server.start();
    }

    private static void keytool(Path store, String hostName) throws IOException, InterruptedException {
        Files.deleteIfExists(store);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "site", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=" + hostName, "-ext", "SAN=dns:" + hostName, "-validity", "2", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("keytool failed: " + out);
        }
    }

    /** A TLS context trusting this site's certificate and nothing else. */
    SSLContext trust() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        Certificate cert = ks.getCertificate("site");
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("site", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** Port of the connector that negotiates h2 (or http/1.1) by ALPN. */
    int port() {
        return alpn.getLocalPort();
    }

    /** Port of the connector that offers http/1.1 only. */
    int http11Port() {
        return http11Only.getLocalPort();
    }

    TlsTestSite on(String path, Body body) {
        handlers.put(path, body);
        return this;
    }

    TlsTestSite page(String path, String contentType, byte[] bytes, String... headerPairs) {
        return on(path, (req, resp, out) -> {
            resp.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
            for (int i = 0; i + 1 < headerPairs.length; i += 2) {
                resp.getHeaders().put(headerPairs[i], headerPairs[i + 1]);
            }
            resp.getHeaders().put(HttpHeader.CONTENT_LENGTH, Integer.toString(bytes.length));
            out.write(bytes);
        });
    }

    List<Hit> hits(String path) {
        return hits.stream().filter(h -> h.path().equals(path)).toList();
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
