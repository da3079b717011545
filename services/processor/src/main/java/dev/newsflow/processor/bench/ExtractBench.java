package dev.newsflow.processor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsflow.common.sources.ExtractionOverrides;
import dev.newsflow.processor.extract.ArticleExtractor;
import dev.newsflow.processor.extract.ExtractionResult;
import dev.newsflow.processor.extract.PageDecoder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.jsoup.Jsoup;

/**
 * {@code bench extract}: scores the article extractor on the article-extraction benchmark (metric of
 * {@code shared/benchmarks/article-extraction/README.md}) and measures its single-threaded speed beside jsoup's
 * {@code parse + body().text()}.
 */
public final class ExtractBench {
    static final String DEFAULT_DATASET = "../shared/benchmarks/article-extraction/dev";
    private static final String DUMMY_URL = "https://example.invalid/";

    private ExtractBench() {
    }

    /** One benchmark page and its reference text. */
    public record Page(String id, String url, String html, String expected) {
    }

    /** Scores of one run. */
    public record Report(ShingleScorer.Aggregate aggregate, Map<String, ShingleScorer.ItemScore> items,
                         Map<String, String> predictions) {
    }

    public static int run(String[] args) {
        return run(args, System.out);
    }

    static int run(String[] args, PrintStream out) {
        BenchArgs opts;
        try {
            opts = BenchArgs.parse(args, DEFAULT_DATASET);
        } catch (IllegalArgumentException e) {
            out.println("bench extract: " + e.getMessage());
            return 2;
        }
        try {
            List<Page> pages = load(opts.dataset());
            ArticleExtractor extractor = new ArticleExtractor();
            Report report = score(pages, extractor);
            printScores(out, opts, pages.size(), report);
            printWorst(out, report, opts.worst());
            if (opts.predictions() != null) {
                writePredictions(opts.predictions(), report.predictions());
                out.println("predictions written to " + opts.predictions());
            }
            if (opts.rounds() > 0) {
                Throughput.Result speed = Throughput.measure(pages,
                        p -> Jsoup.parse(p.html(), DUMMY_URL).body().text(),
                        p -> extractor.extract(p.html(), DUMMY_URL, ExtractionOverrides.NONE),
                        opts.warmup(), opts.rounds());
                out.println(speed.describe("jsoup parse+body().text()"));
            }
            return 0;
        } catch (IOException | RuntimeException e) {
            out.println("bench extract: " + e);
            return 1;
        }
    }

    /** Loads the pages of a dataset folder holding {@code ground-truth.json} and {@code <id>.html}. */
    public static List<Page> load(Path dataset) throws IOException {
        Path truth = dataset.resolve("ground-truth.json");
        if (!Files.isRegularFile(truth)) {
            throw new IOException("no ground-truth.json in " + dataset.toAbsolutePath());
        }
        JsonNode root = new ObjectMapper().readTree(truth.toFile());
        List<Page> pages = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            byte[] body = Files.readAllBytes(dataset.resolve(e.getKey() + ".html"));
            String html = PageDecoder.decode(body, null).html();
            pages.add(new Page(e.getKey(), e.getValue().path("url").asText(null), html,
                    e.getValue().path("articleBody").asText("")));
        }
        pages.sort(Comparator.comparing(Page::id));
        return pages;
    }

    /** Extracts every page (given only a dummy URL) and scores it. */
    public static Report score(List<Page> pages, ArticleExtractor extractor) {
        Map<String, ShingleScorer.ItemScore> items = new java.util.LinkedHashMap<>();
        Map<String, String> predictions = new java.util.LinkedHashMap<>();
        for (Page p : pages) {
            String body = extractor.extract(p.html(), DUMMY_URL, ExtractionOverrides.NONE) instanceof ExtractionResult.Found f
                    ? f.article().bodyText() : null;
            predictions.put(p.id(), body);
            items.put(p.id(), ShingleScorer.score(p.expected(), body));
        }
        return new Report(ShingleScorer.Aggregate.of(new ArrayList<>(items.values())), items, predictions);
    }

    private static void printScores(PrintStream out, BenchArgs opts, int n, Report report) {
        ShingleScorer.Aggregate a = report.aggregate();
        double[] spread = bootstrap(new ArrayList<>(report.items().values()));
        out.printf(Locale.ROOT, "dataset %s: %d pages%n", opts.dataset(), n);
        out.printf(Locale.ROOT, "precision %.3f ± %.3f%nrecall    %.3f ± %.3f%nF1        %.3f ± %.3f%naccuracy  %.3f ± %.3f%n",
                a.precision(), spread[0], a.recall(), spread[1], a.f1(), spread[2], a.accuracy(), spread[3]);
    }

    private static void printWorst(PrintStream out, Report report, int worst) {
        if (worst == 0) {
            return;
        }
        out.println("worst items (by per-item F1):");
        report.items().entrySet().stream()
                .sorted(Comparator.comparingDouble(e -> itemF1(e.getValue())))
                .limit(worst)
                .forEach(e -> out.printf(Locale.ROOT, "  %s P=%.3f R=%.3f (pred %d / ref %d shingles)%n", e.getKey(),
                        e.getValue().precision(), e.getValue().recall(), e.getValue().predicted(), e.getValue().expected()));
    }

    private static double itemF1(ShingleScorer.ItemScore s) {
        double p = Double.isNaN(s.precision()) ? 0 : s.precision();
        double r = Double.isNaN(s.recall()) ? 0 : s.recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Standard deviation of P, R, F1, accuracy over 1000 bootstrap resamples (fixed seed: reproducible). */
    private static double[] bootstrap(List<ShingleScorer.ItemScore> items) {
        Random random = new Random(42);
        int k = 1000;
        double[][] values = new double[4][k];
        for (int i = 0; i < k; i++) {
            List<ShingleScorer.ItemScore> sample = new ArrayList<>(items.size());
            for (int j = 0; j < items.size(); j++) {
                sample.add(items.get(random.nextInt(items.size())));
            }
            ShingleScorer.Aggregate a = ShingleScorer.Aggregate.of(sample);
            values[0][i] = a.precision();
            values[1][i] = a.recall();
            values[2][i] = a.f1();
            values[3][i] = a.accuracy();
        }
        double[] out = new double[4];
        for (int m = 0; m < 4; m++) {
            double mean = 0;
            for (double v : values[m]) {
                mean += v;
            }
            mean /= k;
            double var = 0;
            for (double v : values[m]) {
                var += (v - mean) * (v - mean);
            }
            out[m] = Math.sqrt(var / k);
        }
        return out;
    }

    private static void writePredictions(Path file, Map<String, String> predictions) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        predictions.forEach((id, body) -> root.putObject(id).put("articleBody", body));
        mapper.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
    }
}
