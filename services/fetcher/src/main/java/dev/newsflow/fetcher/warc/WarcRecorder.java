package dev.newsflow.fetcher.warc;

import dev.newsflow.fetcher.http.FetchResult;
import dev.newsflow.fetcher.http.WireResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcCompression;
import org.netpreserve.jwarc.WarcRequest;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;

/**
 * Writes every HTTP exchange (request + response record, gzip per record) to
 * {@code <dir>/newsflow-<utc-time>-<random>.warc.gz}, rolling to a new file past {@code maxFileBytes}.
 * The response block is the response as received, except that chunked transfer coding is already undone
 * (Content-Length is set accordingly); Content-Encoding and the compressed body are kept.
 */
public final class WarcRecorder implements AutoCloseable {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private final Path dir;
    private final long maxFileBytes;
    private WarcWriter writer;
    private Path current;

    public WarcRecorder(Path dir, long maxFileBytes) {
        this.dir = dir;
        this.maxFileBytes = maxFileBytes;
    }

    public synchronized void record(FetchResult.Exchange exchange) {
        try {
            if (writer == null || writer.position() > maxFileBytes) {
                roll();
            }
            WarcRequest request = new WarcRequest.Builder(exchange.uri()).date(exchange.at())
                    .body(MediaType.HTTP_REQUEST, requestBytes(exchange)).build();
            WireResponse r = exchange.response();
            WarcResponse response = new WarcResponse.Builder(exchange.uri()).date(exchange.at()).ipAddress(r.address())
                    .concurrentTo(request.id()).body(MediaType.HTTP_RESPONSE, responseBytes(r)).build();
            writer.write(request);
            writer.write(response);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write WARC " + current, e);
        }
    }

    public synchronized Path currentFile() {
        return current;
    }

    private void roll() throws IOException {
        if (writer != null) {
            writer.close();
        }
        Files.createDirectories(dir);
        current = dir.resolve("newsflow-" + STAMP.format(Instant.now()) + "-" + UUID.randomUUID().toString().substring(0, 8) + ".warc.gz");
        writer = new WarcWriter(Files.newByteChannel(current, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE), WarcCompression.GZIP);
    }

    private static byte[] requestBytes(FetchResult.Exchange e) {
        String path = e.uri().getRawPath() == null || e.uri().getRawPath().isEmpty() ? "/" : e.uri().getRawPath();
        if (e.uri().getRawQuery() != null) {
            path += "?" + e.uri().getRawQuery();
        }
        StringBuilder sb = new StringBuilder("GET ").append(path).append(" HTTP/1.1\r\nHost: ").append(e.uri().getHost())
                .append(e.uri().getPort() > 0 ? ":" + e.uri().getPort() : "").append("\r\n");
        for (Map.Entry<String, String> h : e.requestHeaders().entrySet()) {
            sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
        }
        return sb.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    static byte[] responseBytes(WireResponse r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(r.body().length + 1024);
        StringBuilder sb = new StringBuilder(r.statusLine()).append("\r\n");
        for (Map.Entry<String, String> h : r.headers()) {
            String name = h.getKey().toLowerCase(Locale.ROOT);
            if (!name.equals("transfer-encoding") && !name.equals("content-length")) {
                sb.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n");
            }
        }
        sb.append("Content-Length: ").append(r.body().length).append("\r\n\r\n");
        out.writeBytes(sb.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(r.body());
        return out.toByteArray();
    }

    @Override
    public synchronized void close() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close WARC " + current, e);
            }
            writer = null;
        }
    }
}
