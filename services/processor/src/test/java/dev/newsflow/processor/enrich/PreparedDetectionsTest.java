package dev.newsflow.processor.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.avro.Article;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PreparedDetectionsTest {

    private static List<Article> drafts() throws IOException {
        try (InputStream in = PreparedDetectionsTest.class.getResourceAsStream("/enrich/lang-samples.tsv")) {
            List<Article> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String[] cols = line.split("\t", 2);
                    out.add(Article.newBuilder(EnrichTestArticles.draft("Headline", cols[1])).setLanguage(cols[0]).build());
                }
            }
            return out;
        }
    }

    /** A detector that counts what it is asked, to see which texts the prepared answers spared. */
    private static final class Counting implements LanguageDetector {
        final LanguageDetector inner = new OpenNlpLanguageDetector(300);
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Detection detect(String text) {
            calls.incrementAndGet();
            return inner.detect(text);
        }

        @Override
        public String name() {
            return inner.name();
        }
    }

    @Test
    void preparedAnswersShouldGiveTheSameArticlesWithoutAskingTheDetector() throws IOException {
        EnrichmentSettings.Language settings = EnrichmentSettings.defaults().language();
        PreparedDetections prepared = new PreparedDetections(settings, 1000);
        Counting direct = new Counting();
        Counting behindPrepared = new Counting();
        LanguageEnricher plain = new LanguageEnricher(direct, settings.minChars(), settings.minConfidence(), settings.maxChars(), 0);
        LanguageEnricher ahead = new LanguageEnricher(prepared.lookingUpFirst(behindPrepared), settings.minChars(), settings.minConfidence(),
                settings.maxChars(), 0);
        List<Article> drafts = drafts();
        for (Article d : drafts) {
            prepared.prepare(d);
        }
        int eligible = prepared.waiting();
        assertThat(eligible).isPositive();
        for (Article d : drafts) {
            EnrichmentContext ctx = EnrichmentContext.of(null);
            assertThat(ahead.enrich(d, ctx)).isEqualTo(plain.enrich(d, ctx));
        }
        assertThat(prepared.waiting()).isZero();
        assertThat(behindPrepared.calls.get()).isEqualTo(direct.calls.get() - eligible);
    }

    @Test
    void shouldPrepareNothingWhenTheEnricherWouldNotDetectTheFullSample() {
        EnrichmentSettings.Language d = EnrichmentSettings.defaults().language();
        PreparedDetections quick = new PreparedDetections(new EnrichmentSettings.Language(true, d.minChars(), d.minConfidence(),
                d.maxChars(), 100, d.remember()), 10);
        PreparedDetections off = new PreparedDetections(new EnrichmentSettings.Language(false, d.minChars(), d.minConfidence(),
                d.maxChars(), 0, d.remember()), 10);
        PreparedDetections tiny = new PreparedDetections(d, 10);
        Article longText = EnrichTestArticles.draft("Title", "Ceci est un texte en français, assez long pour être détecté sans peine.");
        quick.prepare(longText);
        off.prepare(longText);
        tiny.prepare(EnrichTestArticles.draft("", "Kurz."));
        assertThat(quick.waiting() + off.waiting() + tiny.waiting()).isZero();
    }
}
