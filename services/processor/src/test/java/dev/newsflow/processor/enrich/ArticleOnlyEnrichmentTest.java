package dev.newsflow.processor.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.avro.Article;
import dev.newsflow.common.sources.ExtractionOverrides;
import dev.newsflow.processor.extract.ArticleExtractor;
import dev.newsflow.processor.extract.ExtractedArticle;
import dev.newsflow.processor.extract.ExtractionResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The article-only enrichers run in the parse step (possibly on a parse-ahead worker), language answers and keyword
 * term counts may be prepared there too, and the rest of the chain runs on the stream thread: the articles must be
 * exactly those of the whole chain run in one place.
 */
class ArticleOnlyEnrichmentTest {

    /** Draft articles of the golden extraction pages (real markup: sections, places, long bodies) and the language samples. */
    private static List<Article> drafts() throws IOException, URISyntaxException {
        List<Article> out = new ArrayList<>();
        ArticleExtractor extractor = new ArticleExtractor();
        Path golden = Path.of(ArticleOnlyEnrichmentTest.class.getResource("/golden").toURI());
        try (Stream<Path> pages = Files.walk(golden)) {
            for (Path p : pages.filter(f -> f.toString().endsWith(".html")).sorted().toList()) {
                String url = "https://news.example/" + golden.relativize(p).toString().replace('\\', '/');
                if (extractor.extract(Files.readString(p), url, ExtractionOverrides.NONE) instanceof ExtractionResult.Found found) {
                    ExtractedArticle a = found.article();
                    out.add(Article.newBuilder(EnrichTestArticles.draft(a.title(), a.bodyText(), a.section(), url))
                            .setLanguage(a.language()).build());
                }
            }
        }
        try (InputStream in = ArticleOnlyEnrichmentTest.class.getResourceAsStream("/enrich/lang-samples.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(EnrichTestArticles.draft("Headline", line.split("\t", 2)[1], "World > Europe",
                            "https://news.example/politics/2026/11/25/story.html"));
                }
            }
        }
        return out;
    }

    /**
     * Runs a chain over the articles in order, as a stream task does: one source, and document frequencies learned
     * article by article (each call its own, so two chains fed the same articles learn the same).
     */
    private static List<Article> enrichAll(Enrichment chain, List<Article> articles) {
        SourceMetadata source = new SourceMetadata("demo", "Demo News", "GB", "en", List.of("test"));
        DocumentFrequencies df = new InMemoryDocumentFrequencies();
        List<Article> out = new ArrayList<>();
        for (Article a : articles) {
            out.add(chain.enrich(a, new EnrichmentContext(source, df)));
        }
        return out;
    }

    @Test
    void splitChainShouldGiveTheArticlesOfTheWholeChain() throws Exception {
        EnrichmentSettings settings = EnrichmentSettings.defaults();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Enrichment whole = Enrichment.from(settings, meters);
        Enrichment articleOnly = Enrichment.articleOnly(settings, meters);
        Enrichment rest = Enrichment.from(settings, meters, null, true);
        assertThat(articleOnly.names()).containsExactly("category", "places", "reading");
        assertThat(rest.names()).containsExactly("source", "language", "keywords");
        List<Article> drafts = drafts();
        assertThat(drafts).hasSizeGreaterThan(20);
        List<Article> expected = enrichAll(whole, drafts);
        assertThat(enrichAll(rest, drafts.stream().map(articleOnly::enrich).toList())).isEqualTo(expected);
        long withPlaces = expected.stream().filter(a -> !a.getPlaces().isEmpty()).count();
        assertThat(withPlaces).as("the drafts exercise the place matcher").isPositive();
        assertThat(meters.find("news.enrich.failures").counters()).isEmpty();
    }

    @Test
    void articleOnlyEnrichmentShouldBeSafeToShareBetweenThreads() throws Exception {
        Enrichment articleOnly = Enrichment.articleOnly(EnrichmentSettings.defaults(), new SimpleMeterRegistry());
        List<Article> drafts = drafts();
        List<Article> expected = drafts.stream().map(articleOnly::enrich).toList();
        List<Thread> threads = new ArrayList<>();
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            int offset = t;
            Thread thread = new Thread(() -> {
                try {
                    for (int round = 0; round < 20; round++) {
                        for (int i = 0; i < drafts.size(); i++) {
                            int k = (i + offset * 7) % drafts.size();
                            if (!articleOnly.enrich(drafts.get(k)).equals(expected.get(k))) {
                                throw new AssertionError("different article for " + drafts.get(k).getCanonicalUrl());
                            }
                        }
                    }
                } catch (Throwable e) {
                    errors.add(e);
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(errors).isEmpty();
    }

    @Test
    void enrichmentPreparedAheadOnAnotherThreadShouldGiveTheArticlesOfTheWholeChain() throws Exception {
        // as in the processor: a worker parses (article-only enrichers included) and prepares language answers and
        // term counts; the stream thread runs source, language and keywords on the worker's draft
        EnrichmentSettings settings = EnrichmentSettings.defaults();
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Enrichment whole = Enrichment.from(settings, meters);
        Enrichment articleOnly = Enrichment.articleOnly(settings, meters);
        EnrichAhead ahead = EnrichAhead.of(settings, 1000, 1000);
        Enrichment rest = Enrichment.from(settings, meters, ahead, true);
        List<Article> drafts = drafts();
        List<Article> workerDrafts = new ArrayList<>();
        Thread worker = new Thread(() -> {
            for (Article d : drafts) {
                Article a = articleOnly.enrich(d);
                ahead.prepare(a);
                workerDrafts.add(a);
            }
        }, "parse-ahead-test");
        worker.start();
        worker.join();
        assertThat(ahead.terms().waiting()).isEqualTo(drafts.size());
        List<Article> expected = enrichAll(whole, drafts);
        assertThat(enrichAll(rest, workerDrafts)).isEqualTo(expected);
        long withKeywords = expected.stream().filter(a -> !a.getKeywords().isEmpty()).count();
        assertThat(withKeywords).as("the drafts exercise keyword scoring").isGreaterThan(20);
        assertThat(ahead.terms().waiting()).as("every prepared count was used").isZero();
    }

    @Test
    void preparedTermsShouldOnlyServeTheVeryBodyAndTitleTheyWereCountedFor() {
        EnrichmentSettings settings = EnrichmentSettings.defaults();
        PreparedTerms terms = new PreparedTerms(settings.keywords(), 10);
        Article draft = EnrichTestArticles.draft("Harbour strike ends", "Dock workers in the harbour voted to end the strike on Monday.");
        terms.prepare(draft);
        // an equal body that is another String instance: not this draft's counts (identity, not a hash of the text)
        Article equalCopy = Article.newBuilder(draft).setBodyText(new String(draft.getBodyText())).build();
        assertThat(terms.take(equalCopy)).isNull();
        assertThat(terms.take(Article.newBuilder(draft).setTitle("Another title").build())).as("title changed").isNull();
        terms.prepare(draft);
        assertThat(terms.take(Article.newBuilder(draft).build())).as("same instances through a builder copy").isNotNull();
        assertThat(terms.take(draft)).as("each used once").isNull();
        for (int i = 0; i < 25; i++) {
            terms.prepare(EnrichTestArticles.draft("t" + i, "body number " + i + " of the pile"));
        }
        assertThat(terms.waiting()).as("unused counts are dropped at the capacity").isLessThanOrEqualTo(10);
    }
}
