package dev.newsflow.processor.bench;

import dev.newsflow.avro.Article;
import dev.newsflow.common.serde.AvroTrust;
import dev.newsflow.processor.enrich.ArticleEnricher;
import dev.newsflow.processor.enrich.CategoryEnricher;
import dev.newsflow.processor.enrich.Enrichment;
import dev.newsflow.processor.enrich.EnrichmentContext;
import dev.newsflow.processor.enrich.EnrichmentSettings;
import dev.newsflow.processor.enrich.Gazetteer;
import dev.newsflow.processor.enrich.InMemoryDocumentFrequencies;
import dev.newsflow.processor.enrich.KeywordEnricher;
import dev.newsflow.processor.enrich.LanguageEnricher;
import dev.newsflow.processor.enrich.OpenNlpLanguageDetector;
import dev.newsflow.processor.enrich.PlaceEnricher;
import dev.newsflow.processor.enrich.ReadingEnricher;
import dev.newsflow.processor.enrich.RecentDetections;
import dev.newsflow.processor.enrich.SourceEnricher;
import dev.newsflow.processor.enrich.SourceMetadata;
import dev.newsflow.processor.enrich.Taxonomy;
import dev.newsflow.avro.RawPage;
import dev.newsflow.common.sources.SourcesConfig;
import dev.newsflow.processor.parse.ParseOutcome;
import dev.newsflow.processor.parse.PageParser;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Throughput of the enrichers at default settings, single thread: median thread-CPU µs per article per enricher
 * and in total (CPU time: a shared, loaded machine still measures it fairly), and the total by wall clock. Input: synthetic articles (about 450 words each) built from the
 * bundled 14-language sentence corpus plus place-rich English sentences, or with {@code --pages} the draft articles
 * {@link PageParser} makes of every {@code *.html} under the given folders. {@code --dump FILE} writes each enriched
 * article (Avro JSON, one per line, after a fresh pass) so that two versions of the code can be diffed.
 * {@code --no-recent-detections} runs the language detector without {@link RecentDetections} (with it, every round
 * starts with no answers remembered: only repeated texts within the pages, such as mirror copies, are answered from
 * memory).
 * Usage: {@code EnrichBench [--articles N] [--rounds N] [--pages DIR]... [--dump FILE] [--no-recent-detections] [--quick-chars N]}
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
        List<Path> pages = new ArrayList<>();
        Path dump = null;
        boolean noRecent = false;
        Integer quickChars = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--articles" -> count = Integer.parseInt(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--pages" -> pages.add(Path.of(args[++i]));
                case "--dump" -> dump = Path.of(args[++i]);
                case "--no-recent-detections" -> noRecent = true;
                case "--quick-chars" -> quickChars = Integer.parseInt(args[++i]);
                default -> {
                    out.println("unknown argument " + args[i] + "; usage: EnrichBench [--articles N] [--rounds N] [--pages DIR]... [--dump FILE] "
                            + "[--no-recent-detections] [--quick-chars N (language.quick-chars; default: the setting's default)]");
                    return 2;
                }
            }
        }
        AvroTrust.install();
        List<Article> articles = pages.isEmpty() ? articles(LangBench.load(null), count) : parse(pages);
        EnrichmentSettings d = EnrichmentSettings.defaults();
        EnrichmentSettings.Language l = d.language();
        EnrichmentSettings s = quickChars == null ? d : new EnrichmentSettings(d.enabled(), d.source(), new EnrichmentSettings.Language(l.enabled(),
                l.minChars(), l.minConfidence(), l.maxChars(), quickChars, l.remember()), d.category(), d.places(), d.reading(), d.keywords());
        Map<String, ArticleEnricher> chain = new LinkedHashMap<>();
        chain.put("source", new SourceEnricher());
        OpenNlpLanguageDetector detector = new OpenNlpLanguageDetector(s.language().maxChars());
        boolean recent = !noRecent && s.language().remember() > 0;
        // every pass starts with no answers remembered, like a task that just started
        Runnable freshLanguage = () -> chain.put("language", new LanguageEnricher(recent ? new RecentDetections(detector,
                s.language().remember()) : detector, s.language().minChars(), s.language().minConfidence(), s.language().maxChars(),
                s.language().quickChars()));
        freshLanguage.run();
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
        double[] cpu = new double[rounds];
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int r = -2; r < rounds; r++) { // two warm-up rounds
            EnrichmentContext ctx = new EnrichmentContext(source, new InMemoryDocumentFrequencies());
            freshLanguage.run();
            Map<String, Long> nanos = new LinkedHashMap<>();
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            for (Article a : articles) {
                Article x = a;
                for (Map.Entry<String, ArticleEnricher> e : chain.entrySet()) {
                    long t = threads.getCurrentThreadCpuTime();
                    x = e.getValue().enrich(x, ctx);
                    nanos.merge(e.getKey(), threads.getCurrentThreadCpuTime() - t, Long::sum);
                }
            }
            if (r >= 0) {
                total[r] = (System.nanoTime() - start) / 1000.0 / articles.size();
                cpu[r] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1000.0 / articles.size();
                for (Map.Entry<String, Long> e : nanos.entrySet()) {
                    perEnricher.get(e.getKey())[r] = e.getValue() / 1000.0 / articles.size();
                }
            }
        }
        double words = articles.stream().mapToInt(a -> a.getBodyText().split("\\s+").length).average().orElse(0);
        out.printf(Locale.ROOT, "%d articles (mean %.0f whitespace-separated tokens), %d rounds, medians, 1 thread%n", articles.size(), words, rounds);
        for (Map.Entry<String, double[]> e : perEnricher.entrySet()) {
            out.printf(Locale.ROOT, "  %-9s %9.1f CPU-µs/article%n", e.getKey(), median(e.getValue()));
        }
        double c = median(cpu);
        out.printf(Locale.ROOT, "  %-9s %9.1f CPU-µs/article = %.0f articles per CPU-second%n", "total", c, 1e6 / c);
        out.printf(Locale.ROOT, "  %-9s %9.1f µs/article wall clock (includes time waiting for a core)%n", "wall", median(total));
        if (dump != null) {
            EnrichmentContext ctx = new EnrichmentContext(source, new InMemoryDocumentFrequencies());
            freshLanguage.run();
            try (BufferedWriter w = Files.newBufferedWriter(dump, StandardCharsets.UTF_8)) {
                for (Article a : articles) {
                    Article x = a;
                    for (ArticleEnricher e : chain.values()) {
                        x = e.enrich(x, ctx);
                    }
                    w.write(x.toString());
                    w.newLine();
                }
            }
            out.println("enriched articles written to " + dump);
        }
        return 0;
    }

    /** The draft articles the parse stage makes of every {@code *.html} under {@code dirs}, in path order. */
    static List<Article> parse(List<Path> dirs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path d : dirs) {
            try (Stream<Path> s = Files.walk(d)) {
                s.filter(p -> p.toString().endsWith(".html")).sorted().forEach(files::add);
            }
        }
        PageParser parser = new PageParser(SourcesConfig::empty, 5L * 1024 * 1024, 500_000);
        List<Article> out = new ArrayList<>();
        for (Path f : files) {
            String url = "https://bench.example/" + f.getParent().getFileName() + "/" + f.getFileName();
            RawPage raw = RawPage.newBuilder().setRequestedUrl(url).setFinalUrl(url).setStatus(200).setContentType("text/html")
                    .setBody(ByteBuffer.wrap(Files.readAllBytes(f))).setSourceId("bench").setFetchStartedAt(Instant.EPOCH)
                    .setFetchCompletedAt(Instant.EPOCH).build();
            if (parser.parse(raw, Instant.EPOCH) instanceof ParseOutcome.Parsed p) {
                out.add(p.page().getArticle());
            }
        }
        return out;
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
