package dev.newsflow.processor.extract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.common.sources.ExtractionOverrides;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Pages we wrote ourselves, one per layout, next to what must (and must not) come out of them. */
class GoldenPagesTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Path> pages() throws IOException {
        try (Stream<Path> files = Files.walk(GOLDEN)) {
            List<Path> list = files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
            assertThat(list).hasSizeGreaterThanOrEqualTo(15);
            return list.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void shouldExtractWhatTheGoldenFileExpects(Path page) throws IOException {
        checkPage(page);
    }

    static void checkPage(Path page) throws IOException {
        String html = Files.readString(page, StandardCharsets.UTF_8);
        JsonNode expected = JSON.readTree(Path.of(page.toString().replace(".html", ".expected.json")).toFile());
        ExtractionResult result = new ArticleExtractor().extract(html, "https://example.org/article", ExtractionOverrides.NONE);
        assertThat(result).isInstanceOf(ExtractionResult.Found.class);
        ExtractedArticle a = ((ExtractionResult.Found) result).article();
        for (JsonNode text : expected.path("contains")) {
            assertThat(a.bodyText()).contains(text.asText());
        }
        for (JsonNode text : expected.path("absent")) {
            assertThat(a.bodyText()).doesNotContain(text.asText());
        }
        if (expected.has("title")) {
            assertThat(a.title()).isEqualTo(expected.get("title").asText());
        }
        if (expected.has("published")) {
            PublicationDate d = new ArticleExtractor().publicationDate(html);
            assertThat(d).isNotNull();
            assertThat(d.day()).isEqualTo(LocalDate.parse(expected.get("published").asText()));
            assertThat(a.publishedAt()).isNotNull();
            assertThat(a.publishedAtEvidence()).isNotBlank();
            assertThat(a.publishedAtConfidence()).isBetween(0.0, 1.0);
        }
        if (expected.has("authors")) {
            assertThat(a.authors()).containsExactlyElementsOf(
                    JSON.convertValue(expected.get("authors"), JSON.getTypeFactory().constructCollectionType(List.class, String.class)));
        }
        if (expected.has("language")) {
            assertThat(a.language()).isEqualTo(expected.get("language").asText());
        }
        if (expected.has("leadImage")) {
            assertThat(a.leadImage()).isEqualTo(expected.get("leadImage").asText());
        }
        if (expected.has("canonicalUrl")) {
            assertThat(a.canonicalUrl()).isEqualTo(expected.get("canonicalUrl").asText());
        }
        assertThat(a.bodyHtml()).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("onclick")
                .doesNotContainIgnoringCase("javascript:");
    }
}
