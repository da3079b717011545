package dev.newsflow.processor.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.avro.Article;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LanguageEnricherTest {
    static LanguageEnricher enricher;

    @BeforeAll
    static void load() {
        enricher = new LanguageEnricher(new OpenNlpLanguageDetector(2000), 20, 0.5);
    }

    static Stream<Arguments> samples() throws IOException {
        try (InputStream in = LanguageEnricherTest.class.getResourceAsStream("/enrich/lang-samples.tsv")) {
            List<Arguments> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] cols = line.split("\t", 2);
                    out.add(Arguments.of(cols[0], cols[1]));
                }
            }
            return out.stream();
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("samples")
    void shouldDetectTheLanguageOfAShortNewsText(String expected, String text) {
        Article a = enricher.enrich(draft(text, null), EnrichmentContext.of(null));

        assertThat(a.getLanguage()).isEqualTo(expected);
        assertThat(a.getLanguageConfidence()).isBetween(0.5, 1.0);
    }

    @Test
    void shouldPreferTheDetectedLanguageOverAWrongPageDeclaration() {
        Article a = enricher.enrich(draft("Das Auswärtige Amt teilte mit, dass die Verhandlungen fortgesetzt werden.", "en-US"),
                EnrichmentContext.of(null));

        assertThat(a.getLanguage()).isEqualTo("de");
    }

    @Test
    void shouldLetThePageDeclarationDecideACloseCall() {
        LanguageEnricher closeCall = new LanguageEnricher(new LanguageDetector() {
            @Override
            public Detection detect(String text) {
                return new Detection("af", 0.55, "nl");
            }

            @Override
            public String name() {
                return "fixed";
            }
        }, 5, 0.5);

        assertThat(closeCall.enrich(draft("Het nationale elftal won gisteravond.", "nl"), EnrichmentContext.of(null)).getLanguage()).isEqualTo("nl");
        assertThat(closeCall.enrich(draft("Het nationale elftal won gisteravond.", null), EnrichmentContext.of(null)).getLanguage()).isEqualTo("af");
    }

    @Test
    void shouldFallBackToTheDeclaredLanguageThenThePublisherLanguageForTooShortTexts() {
        assertThat(enricher.enrich(draft("OK", "fr-FR"), EnrichmentContext.of(null)).getLanguage()).isEqualTo("fr");
        Article a = enricher.enrich(draft("OK", null), EnrichmentContext.of(new SourceMetadata("x", "X", "IR", "fa", List.of())));
        assertThat(a.getLanguage()).isEqualTo("fa");
        assertThat(a.getLanguageConfidence()).isNull();
    }

    /** Answers from a table by the length of the text read, and records the texts it was given. */
    private static LanguageDetector byLength(List<String> read, Map<Integer, LanguageDetector.Detection> answers) {
        return new LanguageDetector() {
            @Override
            public Detection detect(String text) {
                read.add(text);
                return answers.getOrDefault(text.length(), Detection.UNKNOWN);
            }

            @Override
            public String name() {
                return "by-length";
            }
        };
    }

    private static final String BODY = "x".repeat(500);

    @Test
    void shouldKeepTheQuickAnswerWhenItIsTheDeclaredLanguageAndNotACloseCall() {
        List<String> read = new ArrayList<>();
        LanguageEnricher e = new LanguageEnricher(byLength(read, Map.of(100, new LanguageDetector.Detection("de", 0.7, "nl"),
                300, new LanguageDetector.Detection("de", 0.97, "nl"))), 20, 0.5, 300, 100);

        Article a = e.enrich(draft(BODY, "de-DE"), EnrichmentContext.of(null));

        assertThat(a.getLanguage()).isEqualTo("de");
        assertThat(a.getLanguageConfidence()).as("the confidence of the text read").isEqualTo(0.7);
        assertThat(read).extracting(String::length).containsExactly(100);
    }

    @Test
    void shouldReadTheFullSampleWhenTheQuickAnswerIsNotTheDeclaredLanguageOrIsACloseCall() {
        Map<Integer, LanguageDetector.Detection> answers = Map.of(100, new LanguageDetector.Detection("en", 0.6, "de"),
                300, new LanguageDetector.Detection("de", 0.93, "en"));
        List<String> read = new ArrayList<>();
        LanguageEnricher e = new LanguageEnricher(byLength(read, answers), 20, 0.5, 300, 100);

        assertThat(e.enrich(draft(BODY, "en"), EnrichmentContext.of(null)).getLanguage()).as("0.6 is a close call").isEqualTo("de");
        assertThat(e.enrich(draft(BODY, "de"), EnrichmentContext.of(null)).getLanguage()).isEqualTo("de");
        assertThat(e.enrich(draft(BODY, null), EnrichmentContext.of(null)).getLanguage()).isEqualTo("de");
        assertThat(read).extracting(String::length).as("no quick step without a declared language").containsExactly(100, 300, 100, 300, 300);
    }

    @Test
    void shouldAnswerARepeatedTextFromMemoryAndForgetTheLeastRecentlyUsedText() {
        List<String> read = new ArrayList<>();
        RecentDetections recent = new RecentDetections(byLength(read, Map.of(1, new LanguageDetector.Detection("en", 0.9, "de"))), 2);

        LanguageDetector.Detection first = recent.detect("a");
        assertThat(recent.detect("a")).isSameAs(first);
        recent.detect("b");
        recent.detect("a"); // "a" is now more recently used than "b"
        recent.detect("c"); // evicts "b"
        recent.detect("a");
        recent.detect("b");

        assertThat(read).containsExactly("a", "b", "c", "b");
        assertThat(recent.hits()).isEqualTo(3);
        assertThat(recent.misses()).isEqualTo(4);
    }

    @Test
    void shouldSampleThePrefixOfTitleAndBodyWithoutBuildingTheWholeText() {
        Article a = Article.newBuilder(draft("Body text here.", null)).setTitle("Title").build();
        String whole = "Title\nBody text here.";
        for (int limit = 1; limit <= whole.length() + 2; limit++) {
            assertThat(LanguageEnricher.sample(a, limit)).isEqualTo(whole.substring(0, Math.min(limit, whole.length())));
        }
        assertThat(LanguageEnricher.sample(Article.newBuilder(a).setBodyText(" ").build(), 100)).isEqualTo("Title");
    }

    @Test
    void shouldMapThreeLetterCodesToIso6391() {
        assertThat(LanguageCodes.toIso1("pes")).isEqualTo("fa");
        assertThat(LanguageCodes.toIso1("cmn")).isEqualTo("zh");
        assertThat(LanguageCodes.toIso1("heb")).isEqualTo("he");
        assertThat(LanguageCodes.toIso1("urd")).isEqualTo("ur");
        assertThat(LanguageCodes.toIso1("tur")).isEqualTo("tr");
        assertThat(LanguageCodes.toIso1("en-GB")).isEqualTo("en");
        assertThat(LanguageCodes.toIso1("ceb")).isEqualTo("ceb");
    }

    static Article draft(String body, String language) {
        return Article.newBuilder(EnrichTestArticles.draft("", body)).setLanguage(language).build();
    }
}
