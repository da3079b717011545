package dev.newsflow.processor.bench;

import dev.newsflow.avro.Article;
import dev.newsflow.common.serde.AvroTrust;
import dev.newsflow.processor.enrich.EnrichmentContext;
import dev.newsflow.processor.enrich.EnrichmentSettings;
import dev.newsflow.processor.enrich.LanguageDetector;
import dev.newsflow.processor.enrich.LanguageEnricher;
import dev.newsflow.processor.enrich.OpenNlpLanguageDetector;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The language enricher's quick step on real pages: for each {@code quick-chars}, how many pages take the quick
 * answer, how many characters the detector reads per page (detection costs in proportion), on how many pages the
 * language differs from the enricher without the quick step (listed), and the median confidence of the pages that
 * took the quick answer, with and without it. Usage: {@code LanguageCascadeBench DIR...} (folders of {@code *.html}, parsed as the parse stage does).
 */
public final class LanguageCascadeBench {
    private static final int[] QUICK_CHARS = {30, 40, 60, 80, 100, 120, 150};

    private LanguageCascadeBench() {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args, PrintStream out) throws IOException {
        if (args.length == 0) {
            out.println("usage: LanguageCascadeBench DIR...   (folders of *.html pages)");
            return 2;
        }
        AvroTrust.install();
        List<Path> dirs = new ArrayList<>();
        for (String a : args) {
            dirs.add(Path.of(a));
        }
        List<Article> pages = EnrichBench.parse(dirs);
        EnrichmentSettings.Language s = EnrichmentSettings.defaults().language();
        Counting detector = new Counting(new OpenNlpLanguageDetector(s.maxChars()));
        EnrichmentContext ctx = EnrichmentContext.of(null);
        LanguageEnricher plain = new LanguageEnricher(detector, s.minChars(), s.minConfidence(), s.maxChars(), 0);
        List<Article> before = new ArrayList<>();
        for (Article p : pages) {
            before.add(plain.enrich(p, ctx));
        }
        double fullChars = (double) detector.chars / pages.size();
        out.printf(Locale.ROOT, "%d pages; without the quick step the detector reads %.0f chars/page (max-chars %d)%n", pages.size(),
                fullChars, s.maxChars());
        out.println("quick-chars  quick-answers  chars-read/page  vs-without  language-differs  median-confidence(without -> quick)");
        for (int q : QUICK_CHARS) {
            LanguageEnricher cascade = new LanguageEnricher(detector, s.minChars(), s.minConfidence(), s.maxChars(), q);
            detector.reset();
            int language = 0;
            List<Double> was = new ArrayList<>();
            List<Double> now = new ArrayList<>();
            for (int i = 0; i < pages.size(); i++) {
                long calls = detector.calls;
                Article a = cascade.enrich(pages.get(i), ctx);
                Article b = before.get(i);
                if (detector.calls - calls == 1 && detector.lastLength <= q && LanguageEnricher.sample(pages.get(i), q + 1).length() > q) {
                    was.add(b.getLanguageConfidence());
                    now.add(a.getLanguageConfidence());
                }
                if (!Objects.equals(a.getLanguage(), b.getLanguage())) {
                    language++;
                    out.printf(Locale.ROOT, "    %s: declared %s, without quick step %s (%.3f), quick %s (%.3f): %s%n",
                            pages.get(i).getCanonicalUrl(), pages.get(i).getLanguage(), b.getLanguage(), b.getLanguageConfidence(),
                            a.getLanguage(), a.getLanguageConfidence(), LanguageEnricher.sample(pages.get(i), 160).replace('\n', ' '));
                }
            }
            out.printf(Locale.ROOT, "%11d  %13d  %15.0f  %10.2f  %16d  %.3f -> %.3f%s%n", q, now.size(), (double) detector.chars / pages.size(),
                    detector.chars / pages.size() / fullChars, language, median(was), median(now), q == s.quickChars() ? "   <- default" : "");
        }
        return 0;
    }

    private static double median(List<Double> v) {
        if (v.isEmpty()) {
            return Double.NaN;
        }
        List<Double> c = new ArrayList<>(v);
        java.util.Collections.sort(c);
        return c.get(c.size() / 2);
    }

    /** Counts the characters read and remembers answers, so that every configuration sees the same detections. */
    private static final class Counting implements LanguageDetector {
        private final LanguageDetector inner;
        private final Map<String, Detection> seen = new HashMap<>();
        long chars;
        long calls;
        int lastLength;

        Counting(OpenNlpLanguageDetector inner) {
            this.inner = inner;
        }

        void reset() {
            chars = 0;
        }

        @Override
        public Detection detect(String text) {
            chars += text.length();
            calls++;
            lastLength = text.length();
            return seen.computeIfAbsent(text, inner::detect);
        }

        @Override
        public String name() {
            return inner.name();
        }
    }
}
