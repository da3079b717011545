package dev.newsflow.processor.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.avro.Article;
import org.junit.jupiter.api.Test;

class ReadingEnricherTest {
    final ReadingEnricher enricher = new ReadingEnricher(200, 500, 120);

    @Test
    void shouldComputeWordCountAndReadingTime() {
        String body = "word ".repeat(400).strip();
        Article a = enricher.enrich(EnrichTestArticles.draft("t", body), EnrichmentContext.of(null));

        assertThat(a.getWordCount()).isEqualTo(400);
        assertThat(a.getReadingTimeSeconds()).isEqualTo(120);
    }

    @Test
    void shouldReadChineseByCharacters() {
        Article a = enricher.enrich(EnrichTestArticles.draft("t", "外交部今天宣布".repeat(50)), EnrichmentContext.of(null));

        assertThat(a.getReadingTimeSeconds()).isEqualTo(42); // 350 characters at 500 per minute
        assertThat(a.getWordCount()).isEqualTo(175);
    }

    @Test
    void shouldUseTheLeadParagraphWhenItFits() {
        assertThat(ReadingEnricher.summary("Short lead.\n\nSecond paragraph.", 120)).isEqualTo("Short lead.");
    }

    @Test
    void shouldKeepWholeFirstSentencesWithinTheBudget() {
        String lead = "First sentence is here. Second sentence is a bit longer than the first. Third sentence would not fit into the budget at all.";
        assertThat(ReadingEnricher.summary(lead, 80)).isEqualTo("First sentence is here. Second sentence is a bit longer than the first.");
    }

    @Test
    void shouldCutAnOverlongSentenceAtAWord() {
        String s = ReadingEnricher.summary("word ".repeat(100), 50);
        assertThat(s).endsWith("…").hasSizeLessThanOrEqualTo(51);
        assertThat(ReadingEnricher.summary("  ", 50)).isNull();
    }
}
