package dev.newsflow.processor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.newsflow.common.sources.ExtractionOverrides;
import dev.newsflow.processor.extract.ArticleExtractor;
import dev.newsflow.processor.extract.PageDecoder;
import dev.newsflow.processor.extract.PublicationDate;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.Jsoup;

/**
 * {@code bench dates}: publication-date accuracy on the publication-date benchmark (metric of
 * {@code shared/benchmarks/publication-date/README.md}: TP/FP/FN micro counts), extractor given only the HTML and a
 * dummy URL, as upstream runs every tool, plus single-threaded speed beside jsoup's {@code parse + body().text()}.
 * With {@code --use-url} it also prints the figure when the page's URL is the last resort.
 */
public final class DateBench {
    static final String DEFAULT_DATASET = "../shared/benchmarks/publication-date/dev";
    private static final String DUMMY_URL = "https://example.invalid/";

    private DateBench() {
    }

    /** One page and its gold day. */
    public record Page(String id, String url, String html, String gold) {
    }

    /** Counts of one run. */
    public record Report(int tp, int fp, int fn, Map<String, String> predictions) {
        public double precision() {
            return tp + fp == 0 ? 0 : (double) tp / (tp + fp);
        }

        public double recall() {
            return tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        }

        public double accuracy() {
            int n = tp + fp + fn;
            return n == 0 ? 0 : (double) tp / n;
        }

        public double f1() {
            int d = 2 * tp + fp + fn;
            return d == 0 ? 0 : 2.0 * tp / d;
        }
    }

    public static int run(String[] args) {
        return run(args, System.out);
    }

    static int run(String[] args, PrintStream out) {
        BenchArgs opts;
        try {
            opts = BenchArgs.parse(args, DEFAULT_DATASET);
        } catch (IllegalArgumentException e) {
            out.println("bench dates: " + e.getMessage());
            return 2;
        }
        try {
            List<Page> pages = load(opts.dataset());
            ArticleExtractor extractor = new ArticleExtractor();
            Report r = score(pages, extractor);
            out.printf(Locale.ROOT, "dataset %s: %d pages (HTML only, URL not used)%n", opts.dataset(), pages.size());
            print(r, out);
            if (opts.useUrl()) {
                Report withUrl = score(pages, extractor, true);
                out.printf(Locale.ROOT, "with the URL as last resort (--use-url; the predictions file stays HTML-only):%n");
                print(withUrl, out);
            }
            if (opts.worst() > 0) {
                int shown = 0;
                for (Page p : pages) {
                    String pred = r.predictions().get(p.id());
                    if (!p.gold().equals(pred) && shown++ < opts.worst()) {
                        out.printf(Locale.ROOT, "  miss %s gold=%s predicted=%s%n", p.id(), p.gold(), pred);
                    }
                }
            }
            if (opts.predictions() != null) {
                ObjectMapper mapper = new ObjectMapper();
                ObjectNode root = mapper.createObjectNode();
                r.predictions().forEach(root::put);
                mapper.writerWithDefaultPrettyPrinter().writeValue(opts.predictions().toFile(), root);
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
            out.println("bench dates: " + e);
            return 1;
        }
    }

    private static void print(Report r, PrintStream out) {
        out.printf(Locale.ROOT, "TP %d  FP %d  FN %d%nprecision %.3f%nrecall    %.3f%naccuracy  %.3f%nF1        %.3f%n",
                r.tp(), r.fp(), r.fn(), r.precision(), r.recall(), r.accuracy(), r.f1());
    }

    /** Loads {@code gold.json} and the pages, sniffing each page's charset. */
    public static List<Page> load(Path dataset) throws IOException {
        Path gold = dataset.resolve("gold.json");
        if (!Files.isRegularFile(gold)) {
            throw new IOException("no gold.json in " + dataset.toAbsolutePath());
        }
        JsonNode root = new ObjectMapper().readTree(gold.toFile());
        List<Page> pages = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            byte[] body = Files.readAllBytes(dataset.resolve(e.getKey() + ".html"));
            pages.add(new Page(e.getKey(), e.getValue().path("url").asText(null), PageDecoder.decode(body, null).html(), e.getValue().path("date").asText("")));
        }
        pages.sort(Comparator.comparing(Page::id));
        return pages;
    }

    /** Predicts a day for every page (never from the URL) and counts TP / FP / FN. */
    public static Report score(List<Page> pages, ArticleExtractor extractor) {
        return score(pages, extractor, false);
    }

    /** As {@link #score(List, ArticleExtractor)}; with {@code useUrl} the page's URL is the last resort. */
    public static Report score(List<Page> pages, ArticleExtractor extractor, boolean useUrl) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        Map<String, String> predictions = new LinkedHashMap<>();
        for (Page p : pages) {
            PublicationDate d = useUrl ? extractor.publicationDate(p.html(), p.url()) : extractor.publicationDate(p.html());
            String day = d == null ? null : d.day().toString();
            predictions.put(p.id(), day);
            if (day == null) {
                fn++;
            } else if (day.equals(p.gold())) {
                tp++;
            } else {
                fp++;
            }
        }
        return new Report(tp, fp, fn, predictions);
    }
}
