package dev.newsflow.processor.bench;

import dev.newsflow.avro.Article;
import dev.newsflow.common.serde.AvroTrust;
import dev.newsflow.processor.enrich.ArticleEnricher;
import dev.newsflow.processor.enrich.CategoryEnricher;
import dev.newsflow.processor.enrich.EnrichmentContext;
import dev.newsflow.processor.enrich.EnrichmentSettings;
import dev.newsflow.processor.enrich.Gazetteer;
import dev.newsflow.processor.enrich.InMemoryDocumentFrequencies;
import dev.newsflow.processor.enrich.KeywordEnricher;
import dev.newsflow.processor.enrich.LanguageEnricher;
import dev.newsflow.processor.enrich.OpenNlpLanguageDetector;
import dev.newsflow.processor.enrich.PlaceEnricher;
import dev.newsflow.processor.enrich.ReadingEnricher;
import dev.newsflow.processor.enrich.SourceEnricher;
import dev.newsflow.processor.enrich.SourceMetadata;
import dev.newsflow.processor.enrich.Taxonomy;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Throughput of the enrichers at default settings on synthetic articles (about 450 words each) built from the
 * bundled 14-language sentence corpus plus place-rich English sentences: median µs per article per enricher
 * and in total, single thread. Usage: {@code EnrichBench [--articles N] [--rounds N]}
 */
public final class EnrichBench {
    private static final String[] PLACES = {
        "Rockets struck the Ain al-Asad airbase in western Anbar province, Iraqi officials in Baghdad said.",
        "Aid trucks crossed from Egypt into the Gaza Strip at Rafah while talks continued in Doha and Cairo.",
        "Officials in Tehran and Moscow discussed the Strait of Hormuz, and Turkey hosted talks in Istanbul."};

    private EnrichBench() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args) throws IOException {
        return run(args, System.out);
    }

    public static int run(String[] args, PrintStream out) throws IOException {
        int count = 700;
        int rounds = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--articles" -> count = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> {
                    out.println("unknown argument " + args[i] + "; usage: EnrichBench [--articles N] [--rounds N]");
                    return 2;
                }
            }
        }
        AvroTrust.install();
        List<Article> articles = articles(LangBench.load(null), count);
        EnrichmentSettings s = EnrichmentSettings.defaults();
        Map<String, ArticleEnricher> chain = new LinkedHashMap<>();
        chain.put("source", new SourceEnricher());
        chain.put("language", new LanguageEnricher(new OpenNlpLanguageDetector(s.language().maxChars()), s.language().minChars(),
                s.language().minConfidence()));
        chain.put("category", new CategoryEnricher(Taxonomy.standard()));
        chain.put("places", new PlaceEnricher(Gazetteer.standard(), s.places().maxPlaces(), s.places().maxChars()));
        chain.put("reading", new ReadingEnricher(s.reading().wordsPerMinute(), s.reading().charsPerMinute(), s.reading().summaryMaxChars()));
        chain.put("keywords", new KeywordEnricher(s.keywords().count(), s.keywords().maxDocumentRatio(), s.keywords().minDocuments(),
                s.keywords().maxChars()));
        SourceMetadata source = new SourceMetadata("bench", "Bench News", "GB", "en", List.of("bench"));
        Map<String, double[]> perEnricher = new LinkedHashMap<>();
        for (String k : chain.keySet()) {
            perEnricher.put(k, new double[rounds]);
        }
        double[] total = new double[rounds];
        for (int r = -2; r < rounds; r++) { // two warm-up rounds
            EnrichmentContext ctx = new EnrichmentContext(source, new InMemoryDocumentFrequencies());
            Map<String, Long> nanos = new LinkedHashMap<>();
            long start = System.nanoTime();
            for (Article a : articles) {
                Article x = a;
                for (Map.Entry<String, ArticleEnricher> e : chain.entrySet()) {
                    long t = System.nanoTime();
                    x = e.getValue().enrich(x, ctx);
                    nanos.merge(e.getKey(), System.nanoTime() - t, Long::sum);
                }
            }
            if (r >= 0) {
                total[r] = (System.nanoTime() - start) / 1000.0 / articles.size();
                for (Map.Entry<String, Long> e : nanos.entrySet()) {
                    perEnricher.get(e.getKey())[r] = e.getValue() / 1000.0 / articles.size();
                }
            }
        }
        double words = articles.stream().mapToInt(a -> a.getBodyText().split("\\s+").length).average().orElse(0);
        out.printf(Locale.ROOT, "%d articles (mean %.0f whitespace-separated tokens), %d rounds, medians, 1 thread%n", articles.size(), words, rounds);
        for (Map.Entry<String, double[]> e : perEnricher.entrySet()) {
            out.printf(Locale.ROOT, "  %-9s %9.1f µs/article%n", e.getKey(), median(e.getValue()));
        }
        double t = median(total);
        out.printf(Locale.ROOT, "  %-9s %9.1f µs/article = %.0f articles/s%n", "total", t, 1e6 / t);
        return 0;
    }

    static List<Article> articles(List<LangBench.Sample> samples, int count) {
        Map<String, List<String>> byLang = new LinkedHashMap<>();
        for (LangBench.Sample s : samples) {
            byLang.computeIfAbsent(s.language(), k -> new ArrayList<>()).add(s.text());
        }
        List<String> langs = new ArrayList<>(byLang.keySet());
        Random random = new Random(42);
        List<Article> out = new ArrayList<>();
        String[] sections = {"World > Middle East", "Business", "Sport", "Opinion", null};
        for (int i = 0; i < count; i++) {
            String lang = langs.get(i % langs.size());
            List<String> sentences = byLang.get(lang);
            StringBuilder body = new StringBuilder();
            for (int p = 0; p < 6; p++) {
                for (int k = 0; k < 5; k++) {
                    body.append(sentences.get(random.nextInt(sentences.size()))).append(' ');
                }
                if ("en".equals(lang)) {
                    body.append(PLACES[random.nextInt(PLACES.length)]);
                }
                body.append("\n\n");
            }
            String url = "https://bench.example/" + (i % 3 == 0 ? "world" : "news") + "/2026/11/25/story-" + i;
            out.add(Article.newBuilder().setArticleId("").setRevision(0).setStoryKey("bench/" + i).setCanonicalUrl(url).setUrls(List.of(url))
                    .setSourceId("bench").setHost("bench.example").setTitle(sentences.get(i % sentences.size()))
                    .setBodyText(body.toString().strip()).setSection(sections[i % sections.length]).setContentHash("x")
                    .setFetchedAt(Instant.EPOCH).setProcessedAt(Instant.EPOCH).setExtractorVersion("bench").build());
        }
        return out;
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }
}
