package dev.newsflow.fetcher.warc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.fetcher.http.WireResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.netpreserve.jwarc.HttpResponse;

class WarcRecorderTest {

    @Test
    void shouldWriteAnHttp2ResponseThatWarcReadersParse() throws IOException {
        byte[] body = "<html>h2</html>".getBytes(StandardCharsets.UTF_8);
        WireResponse h2 = new WireResponse(200, "HTTP/2.0 200 OK", List.of(new AbstractMap.SimpleImmutableEntry<>("content-type", "text/html")),
                body, false, InetAddress.getLoopbackAddress(), WireResponse.HTTP_2);
        HttpResponse parsed = HttpResponse.parseStrictly(Channels.newChannel(new ByteArrayInputStream(WarcRecorder.responseBytes(h2))));
        assertThat(parsed.status()).isEqualTo(200);
        assertThat(parsed.headers().first("content-type")).contains("text/html");
        assertThat(parsed.body().stream().readAllBytes()).isEqualTo(body);
    }
}
