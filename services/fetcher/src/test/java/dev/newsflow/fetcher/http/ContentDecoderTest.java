package dev.newsflow.fetcher.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class ContentDecoderTest {
    private static final byte[] HTML = "<html><body>hello world</body></html>".repeat(100).getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldDecodeGzipAndBothDeflateFlavours() throws IOException {
        assertThat(ContentDecoder.decode(gzip(HTML), "gzip", 1 << 20, true).body()).isEqualTo(HTML);
        assertThat(ContentDecoder.decode(deflate(HTML, false), "deflate", 1 << 20, true).body()).isEqualTo(HTML);
        assertThat(ContentDecoder.decode(deflate(HTML, true), "deflate", 1 << 20, true).body()).isEqualTo(HTML);
        assertThat(ContentDecoder.decode(HTML, "identity", 1 << 20, true).body()).isEqualTo(HTML);
    }

    @Test
    void shouldRefuseADecompressionBombEvenWhenTruncationIsAllowed() throws IOException {
        byte[] bomb = gzip(new byte[50 * 1024 * 1024]);
        assertThatThrownBy(() -> ContentDecoder.decode(bomb, "gzip", 1 << 20, true))
                .isInstanceOfSatisfying(FetchFailure.class, f -> assertThat(f.outcome()).isEqualTo(Outcome.DECOMPRESSION_BOMB));
    }

    @Test
    void shouldTruncateOrRefuseOversizeBodiesByPolicy() throws FetchFailure {
        ContentDecoder.Decoded cut = ContentDecoder.decode(HTML, null, 100, true);
        assertThat(cut.truncated()).isTrue();
        assertThat(cut.body()).hasSize(100);
        assertThatThrownBy(() -> ContentDecoder.decode(HTML, null, 100, false))
                .isInstanceOfSatisfying(FetchFailure.class, f -> assertThat(f.outcome()).isEqualTo(Outcome.TOO_LARGE));
    }

    @Test
    void shouldDecodeBrotliAndAdvertiseIt() throws IOException {
        // fixtures made with the brotli 1.0.9 command line (Debian): brotli -q 9 page.html
        byte[] html = resource("page.html");
        assertThat(ContentDecoder.decode(resource("page.html.br"), "br", 1 << 20, true).body()).isEqualTo(html);
        assertThat(HttpFetcher.ACCEPT_ENCODING).isEqualTo("gzip, deflate, br");
    }

    @Test
    void shouldRefuseABrotliBombEvenWhenTruncationIsAllowed() throws IOException {
        // 52 bytes that decode to 64 MiB of zeros (brotli -q 5)
        byte[] bomb = resource("bomb-64mib-zeros.br");
        assertThat(bomb.length).isLessThan(100);
        assertThatThrownBy(() -> ContentDecoder.decode(bomb, "br", 1 << 20, true))
                .isInstanceOfSatisfying(FetchFailure.class, f -> assertThat(f.outcome()).isEqualTo(Outcome.DECOMPRESSION_BOMB));
    }

    @Test
    void shouldRejectUnknownEncodingsAndCorruptBodies() {
        assertThatThrownBy(() -> ContentDecoder.decode(HTML, "zstd", 1 << 20, true))
                .isInstanceOfSatisfying(FetchFailure.class, f -> assertThat(f.outcome()).isEqualTo(Outcome.UNSUPPORTED_ENCODING));
        assertThatThrownBy(() -> ContentDecoder.decode(HTML, "gzip", 1 << 20, true))
                .isInstanceOfSatisfying(FetchFailure.class, f -> assertThat(f.outcome()).isEqualTo(Outcome.PROTOCOL_ERROR));
        assertThatThrownBy(() -> ContentDecoder.decode(HTML, "br", 1 << 20, true))
                .isInstanceOfSatisfying(FetchFailure.class, f -> assertThat(f.outcome()).isEqualTo(Outcome.PROTOCOL_ERROR));
    }

    static byte[] resource(String name) throws IOException {
        try (var in = ContentDecoderTest.class.getResourceAsStream("/encoding/" + name)) {
            return in.readAllBytes();
        }
    }

    static byte[] gzip(byte[] in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(out)) {
            g.write(in);
        }
        return out.toByteArray();
    }

    static byte[] deflate(byte[] in, boolean raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, raw))) {
            d.write(in);
        }
        return out.toByteArray();
    }
}
