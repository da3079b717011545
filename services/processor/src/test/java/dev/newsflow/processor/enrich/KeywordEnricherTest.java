package dev.newsflow.processor.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.avro.Article;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeywordEnricherTest {
    final KeywordEnricher enricher = new KeywordEnricher(5, 0.3, 10, 50_000);

    Article english(String title, String body) {
        return Article.newBuilder(EnrichTestArticles.draft(title, body)).setLanguage("en").build();
    }

    @Test
    void shouldRankTermsFrequentInTheArticleButRareInTheStream() {
        EnrichmentContext ctx = EnrichmentContext.of(null);
        for (int i = 0; i < 30; i++) {
            enricher.enrich(english("Daily report " + i, "The government said the report was published today by the ministry."), ctx);
        }
        Article a = enricher.enrich(english("Drought hits wheat harvest",
                "The drought has cut the wheat harvest. Farmers said the drought is the worst in decades, and wheat prices rose. "
                        + "The government said the ministry would help."), ctx);

        assertThat(a.getKeywords()).hasSizeLessThanOrEqualTo(5).startsWith("drought", "wheat").contains("harvest");
        assertThat(a.getKeywords()).doesNotContain("the", "said", "government", "ministry");
    }

    @Test
    void shouldLearnStopWordsForALanguageWithoutAList() {
        EnrichmentContext ctx = EnrichmentContext.of(null);
        Article first = null;
        for (int i = 0; i < 12; i++) {
            Article a = Article.newBuilder(EnrichTestArticles.draft("", "kwa mujibu wa taarifa hiyo serikali ilisema mradi " + i
                    + " utaanza mwezi ujao kwa ajili ya wananchi")).setLanguage("sw").build();
            Article out = enricher.enrich(a, ctx);
            if (i == 0) {
                first = out;
            }
        }
        Article late = enricher.enrich(Article.newBuilder(EnrichTestArticles.draft("", "kwa mujibu wa taarifa hiyo mafuriko makubwa "
                + "yaliharibu mashamba mafuriko")).setLanguage("sw").build(), ctx);

        assertThat(first.getKeywords()).as("no list and too few documents yet").isEmpty();
        assertThat(late.getKeywords()).first().isEqualTo("mafuriko");
        assertThat(late.getKeywords()).doesNotContain("kwa", "mujibu", "taarifa", "hiyo");
    }

    @Test
    void shouldSplitChineseIntoCharacterBigrams() {
        Article a = enricher.enrich(Article.newBuilder(EnrichTestArticles.draft("", "暴雨导致洪水，洪水淹没农田。")).setLanguage("zh").build(),
                new EnrichmentContext(null, hundredDocuments()));

        assertThat(a.getKeywords()).first().isEqualTo("洪水");
    }

    static DocumentFrequencies hundredDocuments() {
        InMemoryDocumentFrequencies df = new InMemoryDocumentFrequencies();
        for (int i = 0; i < 100; i++) {
            df.add("zh", List.of("今天"));
        }
        return df;
    }

    @Test
    void shouldGiveNoKeywordsForAnEmptyBody() {
        assertThat(enricher.enrich(english(null, ""), EnrichmentContext.of(null)).getKeywords()).isEqualTo(List.of());
    }
}
