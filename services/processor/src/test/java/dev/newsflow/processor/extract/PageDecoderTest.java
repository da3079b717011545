package dev.newsflow.processor.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PageDecoderTest {
    @Test
    void shouldUseHeaderCharset() {
        byte[] body = "<p>caf\u00e9</p>".getBytes(Charset.forName("windows-1252"));
        PageDecoder.Decoded d = PageDecoder.decode(body, "windows-1252");
        assertThat(d.html()).contains("caf\u00e9");
        assertThat(d.evidence()).isEqualTo("header");
    }

    @Test
    void shouldPreferByteOrderMark() {
        byte[] text = "<p>\u00fcber</p>".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[text.length + 3];
        body[0] = (byte) 0xEF;
        body[1] = (byte) 0xBB;
        body[2] = (byte) 0xBF;
        System.arraycopy(text, 0, body, 3, text.length);
        PageDecoder.Decoded d = PageDecoder.decode(body, "iso-8859-1");
        assertThat(d.html()).isEqualTo("<p>\u00fcber</p>");
        assertThat(d.evidence()).isEqualTo("bom");
    }

    @Test
    void shouldReadMetaCharset() {
        byte[] body = "<html><head><meta charset=\"iso-8859-1\"></head><body>Gr\u00fc\u00dfe</body></html>"
                .getBytes(StandardCharsets.ISO_8859_1);
        PageDecoder.Decoded d = PageDecoder.decode(body, null);
        assertThat(d.html()).contains("Gr\u00fc\u00dfe");
        assertThat(d.charset().name()).isEqualTo("windows-1252");
    }

    @Test
    void shouldTreatInvalidDeclaredUtf8AsMislabelled() {
        byte[] body = "<meta charset=utf-8><p>na\u00efve caf\u00e9</p>".getBytes(Charset.forName("windows-1252"));
        assertThat(PageDecoder.decode(body, null).html()).contains("na\u00efve caf\u00e9");
    }

    @Test
    void shouldDetectUtf8WithoutDeclaration() {
        byte[] body = "<p>\u65e5\u672c\u8a9e\u306e\u8a18\u4e8b</p>".getBytes(StandardCharsets.UTF_8);
        assertThat(PageDecoder.decode(body, null).html()).contains("\u65e5\u672c\u8a9e");
    }

    @Test
    void shouldDetectShiftJis() {
        String text = "<p>" + "\u65e5\u672c\u8a9e\u306e\u8a18\u4e8b\u3067\u3059\u3002".repeat(20) + "</p>";
        byte[] body = text.getBytes(Charset.forName("Shift_JIS"));
        assertThat(PageDecoder.decode(body, null).html()).isEqualTo(text);
    }

    @Test
    void shouldDetectWindows1256Arabic() {
        String text = "<p>" + "\u0623\u0639\u0644\u0646\u062a \u0648\u0632\u0627\u0631\u0629 \u0627\u0644\u0635\u062d\u0629 ".repeat(20) + "</p>";
        byte[] body = text.getBytes(Charset.forName("windows-1256"));
        assertThat(PageDecoder.decode(body, null).html()).isEqualTo(text);
    }
}
