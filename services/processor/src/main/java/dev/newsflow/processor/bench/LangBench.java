package dev.newsflow.processor.bench;

import dev.newsflow.processor.enrich.LanguageDetector;
import dev.newsflow.processor.enrich.OpenNlpLanguageDetector;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Language-detector comparison on a labelled corpus (default: the bundled {@code enrich/lang-samples.tsv}, 70 short
 * news sentences in 14 languages): accuracy on whole sentences and on their first 30 characters, median time per
 * text over several rounds, heap retained by the loaded detector, and load time. Lingua runs only when it is on the
 * classpath (it is a provided-scope dependency of the processor module).
 *
 * <p>Usage: {@code LangBench [--corpus FILE] [--rounds N]}
 */
public final class LangBench {
    /** Languages Lingua is loaded with: the corpus languages plus their closest confusers. */
    static final List<String> LINGUA_LANGUAGES = List.of("arabic", "persian", "urdu", "hebrew", "russian", "chinese", "french",
            "spanish", "german", "turkish", "english", "italian", "portuguese", "dutch", "afrikaans", "catalan", "azerbaijani",
            "ukrainian", "bulgarian", "belarusian", "japanese", "korean");

    private LangBench() {
    }

    record Sample(String language, String text) {
    }

    record Result(String detector, int samples, double accuracy, double shortAccuracy, double medianMicros, double heapMb, long loadMillis,
                  List<String> misses) {
    }

    public static void main(String[] args) throws IOException {
        System.exit(run(args, System.out));
    }

    public static int run(String[] args) throws IOException {
        return run(args, System.out);
    }

    public static int run(String[] args, PrintStream out) throws IOException {
        Path corpus = null;
        int rounds = 9;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--corpus" -> corpus = Path.of(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> {
                    out.println("unknown argument " + args[i] + "; usage: LangBench [--corpus FILE] [--rounds N]");
                    return 2;
                }
            }
        }
        List<Sample> samples = load(corpus);
        List<String> names = new ArrayList<>();
        List<LanguageDetector> detectors = new ArrayList<>();
        List<Result> results = new ArrayList<>();
        Loaded opennlp = loadDetector(() -> new OpenNlpLanguageDetector(2000));
        names.add("opennlp (langdetect-183, 103 languages)");
        detectors.add(opennlp.detector());
        results.add(accuracy(names.get(0), opennlp, samples));
        if (LinguaLanguageDetector.available()) {
            Loaded lingua = loadDetector(() -> new LinguaLanguageDetector(LINGUA_LANGUAGES));
            names.add("lingua 1.2.2 (high accuracy, " + LINGUA_LANGUAGES.size() + " languages preloaded)");
            detectors.add(lingua.detector());
            results.add(accuracy(names.get(1), lingua, samples));
        } else {
            out.println("lingua: not on the classpath (provided-scope dependency); run from the processor module to compare");
        }
        // rounds alternate between the detectors, so both see the same load on a shared machine
        double[][] perText = new double[detectors.size()][rounds];
        for (int r = -3; r < rounds; r++) {
            for (int d = 0; d < detectors.size(); d++) {
                long start = System.nanoTime();
                for (Sample s : samples) {
                    detectors.get(d).detect(s.text());
                }
                if (r >= 0) {
                    perText[d][r] = (System.nanoTime() - start) / 1000.0 / samples.size();
                }
            }
        }
        out.printf(Locale.ROOT, "corpus: %d texts, %d languages; %d timed rounds (alternating detectors), medians%n", samples.size(),
                samples.stream().map(Sample::language).distinct().count(), rounds);
        out.printf(Locale.ROOT, "%-55s %9s %11s %14s %9s %9s%n", "detector", "accuracy", "acc@30chars", "median µs/text", "heap MB", "load ms");
        for (int d = 0; d < results.size(); d++) {
            Result r = results.get(d);
            out.printf(Locale.ROOT, "%-55s %8.1f%% %10.1f%% %14.1f %9.1f %9d%n", r.detector(), 100 * r.accuracy(), 100 * r.shortAccuracy(),
                    median(perText[d]), r.heapMb(), r.loadMillis());
            if (!r.misses().isEmpty()) {
                out.println("  misses: " + String.join(", ", r.misses()));
            }
        }
        if (detectors.size() == 2) {
            double[] ratios = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                ratios[r] = perText[1][r] / perText[0][r];
            }
            out.printf(Locale.ROOT, "lingua/opennlp: time %.1fx (median of per-round ratios), heap %.1fx%n", median(ratios),
                    results.get(1).heapMb() / Math.max(0.1, results.get(0).heapMb()));
        }
        return 0;
    }

    record Loaded(LanguageDetector detector, double heapMb, long loadMillis) {
    }

    static Loaded loadDetector(Supplier<LanguageDetector> factory) {
        long before = usedHeap();
        long t0 = System.nanoTime();
        LanguageDetector d = factory.get();
        d.detect("warm up the model"); // lazy parts load on first use
        long loadMillis = (System.nanoTime() - t0) / 1_000_000;
        long after = usedHeap();
        return new Loaded(d, Math.max(0, after - before) / (1024.0 * 1024.0), loadMillis);
    }

    static Result accuracy(String name, Loaded loaded, List<Sample> samples) {
        LanguageDetector d = loaded.detector();
        int correct = 0;
        int shortCorrect = 0;
        List<String> misses = new ArrayList<>();
        for (Sample s : samples) {
            String got = d.detect(s.text()).language();
            if (s.language().equals(got)) {
                correct++;
            } else {
                misses.add(s.language() + "→" + got);
            }
            String head = s.text().substring(0, Math.min(30, s.text().length()));
            if (s.language().equals(d.detect(head).language())) {
                shortCorrect++;
            }
        }
        return new Result(name, samples.size(), (double) correct / samples.size(), (double) shortCorrect / samples.size(), 0,
                loaded.heapMb(), loaded.loadMillis(), misses);
    }

    private static double median(double[] v) {
        double[] c = v.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return rt.totalMemory() - rt.freeMemory();
    }

    static List<Sample> load(Path corpus) throws IOException {
        String text;
        if (corpus != null) {
            text = Files.readString(corpus, StandardCharsets.UTF_8);
        } else {
            try (InputStream in = LangBench.class.getResourceAsStream("/enrich/lang-samples.tsv")) {
                if (in == null) {
                    throw new IOException("bundled corpus /enrich/lang-samples.tsv not found");
                }
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        }
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                String[] cols = line.split("\t", 2);
                out.add(new Sample(cols[0].trim(), cols[1].trim()));
            }
        }
        return out;
    }
}
