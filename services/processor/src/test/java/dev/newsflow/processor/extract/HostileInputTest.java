package dev.newsflow.processor.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.newsflow.common.sources.ExtractionOverrides;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Hostile pages: each must give a clean result (usually NoArticle) quickly, never an exception or a hang. */
class HostileInputTest {

    static Stream<Arguments> corpus() {
        byte[] binary = new byte[200_000];
        new Random(7).nextBytes(binary);
        byte[] brokenUtf8 = ("<html><body><p>" + "caf\u00e9 ".repeat(200) + "</p></body></html>").getBytes(StandardCharsets.ISO_8859_1);
        return Stream.of(
                Arguments.of("null", null),
                Arguments.of("empty", ""),
                Arguments.of("whitespace", "   \n\t  "),
                Arguments.of("binary", PageDecoder.decode(binary, null).html()),
                Arguments.of("broken-utf8", PageDecoder.decode(brokenUtf8, "utf-8").html()),
                Arguments.of("10MB-nested-divs", "<div>".repeat(2_000_000)),
                Arguments.of("deep-tables", "<table><tr><td>".repeat(100_000) + "text"),
                Arguments.of("unclosed-comment", "<html><body><!-- " + "x".repeat(1_000_000)),
                Arguments.of("huge-attribute", "<div class=\"" + "a ".repeat(1_000_000) + "\">hi</div>"),
                Arguments.of("only-scripts", "<script>" + "var a=1;".repeat(100_000) + "</script>"),
                Arguments.of("broken-json-ld", "<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":"
                        + "[[[[[[[[[[".repeat(10_000) + "</script><p>x</p>"),
                Arguments.of("many-dates", "<p>" + "1. Januar 2020, 02/03/2021, 2019-13-45, ".repeat(50_000) + "</p>"),
                Arguments.of("text-only", "just some words without any markup at all, repeated. ".repeat(100)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void shouldReturnCleanResultWithinTimeLimit(String name, String html) {
        ExtractionResult result = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> new ArticleExtractor().extract(html, "https://example.org/", ExtractionOverrides.NONE));
        assertThat(result).isNotNull();
        if (result instanceof ExtractionResult.NoArticle no) {
            assertThat(no.reason()).isNotBlank();
            assertThat(no.reason()).isNotEqualTo("extraction-failed");
        }
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> new ArticleExtractor().publicationDate(html));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void shouldNotThrowWhenDecodingBytes(String name, String html) {
        byte[] bytes = html == null ? null : html.getBytes(StandardCharsets.UTF_8);
        assertThat(PageDecoder.decode(bytes, "no-such-charset").html()).isNotNull();
    }
}
