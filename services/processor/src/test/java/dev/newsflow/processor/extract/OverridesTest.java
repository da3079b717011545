package dev.newsflow.processor.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.common.sources.ExtractionOverrides;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverridesTest {
    private static final String PAGE = "<html><head><title>Generic title | Site</title>"
            + "<meta property=\"article:published_time\" content=\"2021-06-07T10:00:00Z\"></head><body>"
            + "<div class=\"story\"><h1 class=\"hed\">The real headline</h1><span class=\"who\">Ada Byron</span>"
            + "<span class=\"when\" data-x=\"1\">2021-06-07</span>"
            + "<p>This paragraph is the long article text that the generic algorithm would also find on its own page.</p>"
            + "<p class=\"promo\">Buy our magazine today and save a lot of money on the annual subscription price.</p></div>"
            + "<div class=\"other\"><p>Text in another container that only the body override selects for this source.</p></div>"
            + "</body></html>";

    @Test
    void shouldLetSourceSelectorsWinOverGenericExtraction() {
        ExtractionOverrides overrides = new ExtractionOverrides(List.of(".promo"), ".other", "h1.hed", ".when", ".who");
        ExtractionResult r = new ArticleExtractor().extract(PAGE, "https://example.org/a", overrides);
        assertThat(r).isInstanceOf(ExtractionResult.Found.class);
        ExtractedArticle a = ((ExtractionResult.Found) r).article();
        assertThat(a.title()).isEqualTo("The real headline");
        assertThat(a.bodyText()).isEqualTo("Text in another container that only the body override selects for this source.");
        assertThat(a.authors()).containsExactly("Ada Byron");
        assertThat(a.publishedAt()).isEqualTo(Instant.parse("2021-06-07T00:00:00Z"));
        assertThat(a.publishedAtEvidence()).isEqualTo("override:text");
    }

    @Test
    void shouldRemoveSelectedElementsBeforeExtraction() {
        ExtractionOverrides overrides = new ExtractionOverrides(List.of(".promo", ".other"), null, null, null, null);
        ExtractedArticle a = ((ExtractionResult.Found) new ArticleExtractor().extract(PAGE, "https://example.org/a", overrides))
                .article();
        assertThat(a.bodyText()).doesNotContain("Buy our magazine").doesNotContain("another container");
        assertThat(a.publishedAtEvidence()).isEqualTo("meta:article:published_time");
    }

    @Test
    void shouldFallBackToGenericWhenSelectorsMatchNothing() {
        ExtractionOverrides overrides = new ExtractionOverrides(List.of(), ".missing", ".missing", ".missing", null);
        ExtractedArticle a = ((ExtractionResult.Found) new ArticleExtractor().extract(PAGE, "https://example.org/a", overrides))
                .article();
        assertThat(a.title()).isEqualTo("Generic title");
        assertThat(a.bodyText()).contains("long article text");
    }
}
