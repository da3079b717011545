package dev.newsflow.fetcher.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CharsetSnifferTest {
    private static final Charset CP1256 = Charset.forName("windows-1256");
    private static final Charset SJIS = Charset.forName("Shift_JIS");
    private Locale saved;

    @BeforeEach
    void turkish() {
        saved = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR")); // 'I'.toLowerCase() traps
    }

    @AfterEach
    void restore() {
        Locale.setDefault(saved);
    }

    private static byte[] html(String text, Charset cs, String meta) {
        return ("<html><head>" + meta + "<title>T</title></head><body><p>" + text.repeat(10) + "</p></body></html>").getBytes(cs);
    }

    @Test
    void shouldPreferBomThenHeaderThenMetaThenDetection() {
        byte[] bom = ("\uFEFF" + "<html>é</html>").getBytes(StandardCharsets.UTF_8);
        assertThat(CharsetSniffer.sniff(bom, "ISO-8859-1")).isEqualTo(new CharsetSniffer.Result(StandardCharsets.UTF_8, CharsetSniffer.Source.BOM));
        byte[] latin = html("café crème", Charset.forName("windows-1252"), "");
        assertThat(CharsetSniffer.sniff(latin, "ISO-8859-1").source()).isEqualTo(CharsetSniffer.Source.HEADER);
        assertThat(CharsetSniffer.sniff(latin, "ISO-8859-1").charset().name()).isEqualTo("windows-1252");
        byte[] meta = html("東京のニュース", SJIS, "<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=Shift_JIS\">");
        assertThat(CharsetSniffer.sniff(meta, null)).isEqualTo(new CharsetSniffer.Result(SJIS, CharsetSniffer.Source.META));
    }

    @Test
    void shouldIgnoreADeclaredUtf8ThatDoesNotDecode() {
        byte[] persian = html("این یک متن فارسی درباره اخبار است", CP1256, "<meta charset=\"utf-8\">");
        CharsetSniffer.Result r = CharsetSniffer.sniff(persian, "UTF-8");
        assertThat(r.charset()).isEqualTo(CP1256);
        assertThat(r.source()).isEqualTo(CharsetSniffer.Source.DETECTED);
    }

    @Test
    void shouldDetectArabicJapaneseAndUtf8WithoutDeclarations() {
        assertThat(CharsetSniffer.sniff(html("هذا نص عربي عن الأخبار العاجلة", CP1256, ""), null).charset()).isEqualTo(CP1256);
        assertThat(CharsetSniffer.sniff(html("東京で新しいニュースが報道されました", SJIS, ""), null).charset()).isEqualTo(SJIS);
        assertThat(CharsetSniffer.sniff(html("Ünïcödé", StandardCharsets.UTF_8, ""), null).charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(CharsetSniffer.sniff("plain ascii".getBytes(StandardCharsets.US_ASCII), null).source()).isEqualTo(CharsetSniffer.Source.DEFAULT);
    }

    @Test
    void shouldReadQuotedCharsetParameters() {
        assertThat(MediaTypes.charsetParam("text/html; Charset=\"windows-1256\"")).isEqualTo("windows-1256");
        assertThat(MediaTypes.mediaType("Text/HTML; charset=utf-8")).isEqualTo("text/html");
        assertThat(CharsetSniffer.sniff("x".getBytes(StandardCharsets.US_ASCII), "no-such-charset").source()).isEqualTo(CharsetSniffer.Source.DEFAULT);
    }
}
