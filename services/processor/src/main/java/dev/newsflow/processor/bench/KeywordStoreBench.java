package dev.newsflow.processor.bench;

import dev.newsflow.avro.Article;
import dev.newsflow.common.serde.AvroTrust;
import dev.newsflow.common.sources.ExtractionOverrides;
import dev.newsflow.processor.enrich.EnrichmentContext;
import dev.newsflow.processor.enrich.EnrichmentSettings;
import dev.newsflow.processor.enrich.InMemoryDocumentFrequencies;
import dev.newsflow.processor.enrich.KeywordEnricher;
import dev.newsflow.processor.enrich.LanguageDetector;
import dev.newsflow.processor.enrich.OpenNlpLanguageDetector;
import dev.newsflow.processor.extract.ArticleExtractor;
import dev.newsflow.processor.extract.ExtractionResult;
import dev.newsflow.processor.extract.PageDecoder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Size and stability of the keyword document-frequency store on real pages: extracts every {@code *.html} under
 * the given folders, detects the language, feeds the keyword enricher once with an unbounded store and once with
 * {@code --max-terms}, and prints per language the documents, distinct terms, the key/value bytes they take, the
 * growth exponent (Heaps' law, from the first half to the whole) and how many articles keep their keywords.
 * Usage: {@code KeywordStoreBench [--max-terms N] DIR...}
 */
public final class KeywordStoreBench {
    private KeywordStoreBench() {
    }

    public static int run(String[] args, PrintStream out) throws IOException {
        int maxTerms = EnrichmentSettings.defaults().keywords().maxTerms();
        List<Path> dirs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if ("--max-terms".equals(args[i]) && i + 1 < args.length) {
                maxTerms = Integer.parseInt(args[++i]);
            } else if (args[i].startsWith("-")) {
                out.println("unknown option " + args[i] + "; usage: bench keywords [--max-terms N] DIR...");
                return 2;
            } else {
                dirs.add(Path.of(args[i]));
            }
        }
        if (dirs.isEmpty()) {
            out.println("usage: bench keywords [--max-terms N] DIR...   (folders of *.html pages)");
            return 2;
        }
        AvroTrust.install();
        List<Article> articles = extract(dirs);
        EnrichmentSettings.Keywords k = EnrichmentSettings.defaults().keywords();
        KeywordEnricher enricher = new KeywordEnricher(k.count(), k.maxDocumentRatio(), k.minDocuments(), k.maxChars());
        InMemoryDocumentFrequencies all = new InMemoryDocumentFrequencies(Integer.MAX_VALUE);
        InMemoryDocumentFrequencies capped = new InMemoryDocumentFrequencies(maxTerms);
        Map<String, long[]> perLanguage = new TreeMap<>(); // docs, -, docs at half, same top-3 set, top-10 overlap x1000, compared
        Map<String, Long> halfTerms = new TreeMap<>();
        Map<String, Long> docsOf = new TreeMap<>();
        articles.forEach(a -> docsOf.merge(a.getLanguage(), 1L, Long::sum));
        for (Article a : articles) {
            String lang = a.getLanguage();
            List<String> x = enricher.enrich(a, new EnrichmentContext(null, all)).getKeywords();
            List<String> y = enricher.enrich(a, new EnrichmentContext(null, capped)).getKeywords();
            long[] s = perLanguage.computeIfAbsent(lang, l -> new long[6]);
            s[0]++;
            if (s[0] == (docsOf.get(lang) + 1) / 2) {
                halfTerms.put(lang, all.terms(lang));
                s[2] = s[0];
            }
            if (!x.isEmpty() || !y.isEmpty()) {
                s[3] += new HashSet<>(x.subList(0, Math.min(3, x.size()))).equals(new HashSet<>(y.subList(0, Math.min(3, y.size())))) ? 1 : 0;
                Set<String> common = new HashSet<>(x);
                common.retainAll(y);
                s[4] += x.isEmpty() ? 0 : Math.round(1000.0 * common.size() / x.size());
                s[5]++;
            }
        }
        out.printf(Locale.ROOT, "%d pages with a body; store capped at %,d terms per language%n", articles.size(), maxTerms);
        out.println("lang   docs    terms  kv-bytes   heaps-beta   terms(capped)  same-top3  top10-overlap");
        for (Map.Entry<String, long[]> e : perLanguage.entrySet()) {
            String lang = e.getKey();
            long[] s = e.getValue();
            long terms = all.terms(lang);
            long[] bytes = {0};
            all.forEachTerm(lang, (key, v) -> bytes[0] += key.getBytes(StandardCharsets.UTF_8).length + 8);
            Long half = halfTerms.get(lang);
            double beta = half == null || s[2] < 2 || half == 0 || half == terms ? Double.NaN
                    : Math.log((double) terms / half) / Math.log((double) s[0] / s[2]);
            out.printf(Locale.ROOT, "%-5s %5d %8d %9d %12.2f %15d %10s %14s%n", lang, s[0], terms, bytes[0], beta, capped.terms(lang),
                    s[5] == 0 ? "-" : String.format(Locale.ROOT, "%.3f", (double) s[3] / s[5]),
                    s[5] == 0 ? "-" : String.format(Locale.ROOT, "%.3f", s[4] / 1000.0 / s[5]));
        }
        out.printf(Locale.ROOT, "terms pruned in total: %d%n", capped.pruned());
        return 0;
    }

    private static List<Article> extract(List<Path> dirs) throws IOException {
        ArticleExtractor extractor = new ArticleExtractor();
        LanguageDetector detector = new OpenNlpLanguageDetector(500);
        List<Path> files = new ArrayList<>();
        for (Path d : dirs) {
            try (Stream<Path> s = Files.walk(d)) {
                s.filter(p -> p.toString().endsWith(".html")).sorted().forEach(files::add);
            }
        }
        List<Article> out = new ArrayList<>();
        for (Path f : files) {
            String html = PageDecoder.decode(Files.readAllBytes(f), null).html();
            if (!(extractor.extract(html, "https://example.invalid/", ExtractionOverrides.NONE) instanceof ExtractionResult.Found found)) {
                continue;
            }
            String body = found.article().bodyText();
            String title = found.article().title();
            String lang = detector.detect((title == null ? "" : title + "\n") + body).language();
            String url = "https://example.invalid/" + f.getFileName();
            out.add(Article.newBuilder().setArticleId("").setRevision(0).setStoryKey(url).setCanonicalUrl(url).setUrls(List.of(url))
                    .setSourceId("bench").setHost("example.invalid").setTitle(title).setBodyText(body).setLanguage(lang == null ? "und" : lang)
                    .setContentHash("x").setFetchedAt(Instant.EPOCH).setProcessedAt(Instant.EPOCH).setExtractorVersion("bench").build());
        }
        return out;
    }
}
