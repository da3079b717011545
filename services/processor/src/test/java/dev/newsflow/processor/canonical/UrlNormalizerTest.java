package dev.newsflow.processor.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class UrlNormalizerTest {

    private static String norm(String url) {
        return UrlNormalizer.normalize(url).map(NormalizedUrl::toUrl).orElse(null);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "HTTPS://WWW.Example.COM:443/a/b/|https://www.example.com/a/b",
        "http://example.com:80|http://example.com/",
        "http://example.com:8080/x|http://example.com:8080/x",
        "https://example.com/a/./b/../c#frag|https://example.com/a/c",
        "https://example.com//a///b/|https://example.com/a/b",
        "https://example.com/%7euser/%e2%82%ac|https://example.com/~user/%E2%82%AC",
        "https://example.com/a?b=2&a=1&utm_source=x&fbclid=y|https://example.com/a?a=1&b=2",
        "https://example.com/a?utm_source=feedburner&utm_medium=feed&utm_campaign=Feed:%2Bq#comments|https://example.com/a",
        "https://example.com/a?gclid=Cj0K&UTM_Medium=x|https://example.com/a",
        "https://example.com/story/amp/|https://example.com/story",
        "https://example.com/amp/story|https://example.com/story",
        "https://example.com/story.amp.html|https://example.com/story.html",
        "https://example.com/story?amp=1|https://example.com/story",
        "https://example.com/story?outputType=amp|https://example.com/story",
        "https://example.com/a b|https://example.com/a%20b",
        "https://EXAMPLE.com./x|https://example.com/x",
        "https://bücher.example/x|https://xn--bcher-kva.example/x",
        "https://example.com/news_view.html?idx=6408&page=1&bc=&mc=|https://example.com/news_view.html?bc=&idx=6408&mc=&page=1",
    })
    void shouldNormalize(String in, String expected) {
        assertThat(norm(in)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"ftp://example.com/x", "mailto:a@b.c", "/relative/path", "''", "http://", "javascript:alert(1)"})
    void shouldRejectNonHttpUrls(String in) {
        assertThat(UrlNormalizer.normalize(in)).isEmpty();
    }

    @Test
    void shouldNotThrowOnNull() {
        assertThat(UrlNormalizer.normalize(null)).isEmpty();
    }

    @Test
    void shouldKeepMeaningfulQueryParameters() {
        assertThat(norm("https://example.com/view?id=12&page=2")).isEqualTo("https://example.com/view?id=12&page=2");
    }

    @Test
    void shouldResolveRelativeCanonicalHints() {
        Optional<NormalizedUrl> u = UrlNormalizer.resolve("https://example.com/a/b?x=1", "../c/");
        assertThat(u.map(NormalizedUrl::toUrl)).contains("https://example.com/c");
    }

    @Test
    void shouldKeepBadEscapesEncoded() {
        assertThat(norm("https://example.com/100%/x%zz")).isEqualTo("https://example.com/100%25/x%25zz");
    }
}
