package dev.newsflow.processor.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TaxonomyTest {
    final Taxonomy taxonomy = Taxonomy.standard();

    @ParameterizedTest(name = "{0} | {1} -> {2}")
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "World > Middle East | https://x.test/a/b | world",
        "News > Politics | https://x.test/a | politics",
        "Business > Technology | https://x.test/a | technology",
        "Opinion > Columnists | https://x.test/world/a | opinion",
        "Defence | https://x.test/a | conflict",
        "Sport/Football | https://x.test/a | sports",
        "null | https://x.test/world/middle-east/2026/11/25/story-slug | world",
        "null | https://x.test/en/business/markets/story | business",
        "null | https://x.test/Detail/2026/11/25/12345/story | null",
        "null | https://x.test/opinion/2026/story | opinion",
        "Wirtschaft | https://x.test/a | business",
        "Économie | https://x.test/a | business",
        "Deportes | https://x.test/a | sports",
        "Политика | https://x.test/a | politics",
        "سياسة | https://x.test/a | politics",
        "ورزشی | https://x.test/a | sports",
        "Spor | https://x.test/a | sports",
        "Home | https://x.test/a | null",
    })
    void shouldMapSectionsAndPathsOntoTheTaxonomy(String section, String url, String expected) {
        assertThat(taxonomy.categorize(section, url)).isEqualTo(expected);
    }
}
