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
        int rounds = 7;
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
        List<Result> results = new ArrayList<>();
        results.add(measure("opennlp (langdetect-183, 103 languages)", () -> new OpenNlpLanguageDetector(2000), samples, rounds));
        if (LinguaLanguageDetector.available()) {
            results.add(measure("lingua 1.2.2 (high accuracy, " + LINGUA_LANGUAGES.size() + " languages preloaded)",
                    () -> new LinguaLanguageDetector(LINGUA_LANGUAGES), samples, rounds));
        } else {
            out.println("lingua: not on the classpath (provided-scope dependency); run from the processor module to compare");
        }
        out.printf(Locale.ROOT, "corpus: %d texts, %d languages; %d timed rounds, median reported%n", samples.size(),
                samples.stream().map(Sample::language).distinct().count(), rounds);
        out.printf(Locale.ROOT, "%-55s %9s %11s %12s %9s %9s%n", "detector", "accuracy", "acc@30chars", "median µs/text", "heap MB", "load ms");
        for (Result r : results) {
            out.printf(Locale.ROOT, "%-55s %8.1f%% %10.1f%% %12.1f %9.1f %9d%n", r.detector(), 100 * r.accuracy(), 100 * r.shortAccuracy(),
                    r.medianMicros(), r.heapMb(), r.loadMillis());
            if (!r.misses().isEmpty()) {
                out.println("  misses: " + String.join(", ", r.misses()));
            }
        }
        if (results.size() == 2) {
            out.printf(Locale.ROOT, "ratio lingua/opennlp: time %.1fx, heap %.1fx%n", results.get(1).medianMicros() / results.get(0).medianMicros(),
                    results.get(1).heapMb() / Math.max(0.1, results.get(0).heapMb()));
        }
        return 0;
    }

    static Result measure(String name, Supplier<LanguageDetector> factory, List<Sample> samples, int rounds) {
        long before = usedHeap();
        long t0 = System.nanoTime();
        LanguageDetector d = factory.get();
        d.detect("warm up the model"); // lazy parts load on first use
        long loadMillis = (System.nanoTime() - t0) / 1_000_000;
        long after = usedHeap();
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
        for (int w = 0; w < 3; w++) {
            for (Sample s : samples) {
                d.detect(s.text());
            }
        }
        double[] perText = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            for (Sample s : samples) {
                d.detect(s.text());
            }
            perText[r] = (System.nanoTime() - start) / 1000.0 / samples.size();
        }
        Arrays.sort(perText);
        double heapMb = Math.max(0, after - before) / (1024.0 * 1024.0);
        Result result = new Result(name, samples.size(), (double) correct / samples.size(), (double) shortCorrect / samples.size(),
                perText[rounds / 2], heapMb, loadMillis, misses);
        return result;
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
