package dev.newsflow.processor.enrich;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import opennlp.tools.langdetect.LanguageDetectorModel;

/**
 * Apache OpenNLP's language detector with the 103-language model from {@code opennlp-models-langdetect}
 * (char n-gram maximum-entropy model, about 10 MB). Confidence is the winner's share of the two best languages
 * (0.5 = a coin flip between two, 1 = no competitor). The model is read once into a shared
 * {@link MaxentLanguageScorer} (the same probabilities as OpenNLP's {@code LanguageDetectorME}, ~3× faster); each
 * instance has its own working memory, so an instance is not for concurrent use.
 */
public final class OpenNlpLanguageDetector implements LanguageDetector {
    static final String MODEL = "/langdetect-183.bin";
    /** Outcomes looked at, best first (as before the scorer: the ten best of OpenNLP's ranking). */
    private static final int TOP = 10;
    private static volatile MaxentLanguageScorer shared;
    private final MaxentLanguageScorer scorer;
    private final MaxentLanguageScorer.Scratch scratch;
    private final int[] top = new int[TOP];
    private final int maxChars;

    public OpenNlpLanguageDetector(int maxChars) {
        this.scorer = scorer();
        this.scratch = scorer.scratch();
        this.maxChars = maxChars;
    }

    /** The shared scorer, built on first use from the model, which is then dropped (the scorer keeps its own tables). */
    static MaxentLanguageScorer scorer() {
        MaxentLanguageScorer s = shared;
        if (s == null) {
            synchronized (OpenNlpLanguageDetector.class) {
                if (shared == null) {
                    shared = MaxentLanguageScorer.of(loadModel());
                }
                s = shared;
            }
        }
        return s;
    }

    /** Reads OpenNLP's model from the classpath (a new copy on every call). */
    static LanguageDetectorModel loadModel() {
        try (InputStream in = OpenNlpLanguageDetector.class.getResourceAsStream(MODEL)) {
            if (in == null) {
                throw new IllegalStateException("language model " + MODEL + " is not on the classpath (opennlp-models-langdetect)");
            }
            return new LanguageDetectorModel(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load language model " + MODEL, e);
        }
    }

    @Override
    public Detection detect(String text) {
        if (text == null || text.isBlank()) {
            return Detection.UNKNOWN;
        }
        String sample = text.length() > maxChars ? text.substring(0, maxChars) : text;
        double[] p = scorer.score(sample, scratch);
        int ranked = rank(p, top);
        if (ranked == 0 || "unk".equals(scorer.outcome(top[0]))) {
            return Detection.UNKNOWN;
        }
        // the model scores individual languages (pes and fas are both Persian): add them up per ISO 639-1 code
        Map<String, Double> byCode = new LinkedHashMap<>();
        for (int i = 0; i < ranked; i++) {
            byCode.merge(LanguageCodes.toIso1(scorer.outcome(top[i])), p[top[i]], Double::sum);
        }
        List<Map.Entry<String, Double>> best = byCode.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(2).toList();
        double first = best.get(0).getValue();
        double second = best.size() > 1 ? best.get(1).getValue() : 0;
        // maximum-entropy probabilities over 103 languages are small for short texts; what tells a safe answer from
        // a coin flip is the lead over the runner-up, so confidence is the winner's share of the two best
        return new Detection(best.get(0).getKey(), first + second <= 0 ? 0 : first / (first + second),
                best.size() > 1 ? best.get(1).getKey() : null);
    }

    /**
     * The indices of the {@code out.length} highest probabilities, highest first, ties in index order (the order of
     * OpenNLP's stable sort of all outcomes).
     *
     * @return how many were written (fewer when there are fewer outcomes)
     */
    static int rank(double[] p, int[] out) {
        int n = 0;
        for (int i = 0; i < p.length; i++) {
            if (n == out.length && !(p[i] > p[out[n - 1]])) {
                continue;
            }
            int at = n == out.length ? n - 1 : n++;
            while (at > 0 && p[i] > p[out[at - 1]]) {
                out[at] = out[at - 1];
                at--;
            }
            out[at] = i;
        }
        return n;
    }

    @Override
    public String name() {
        return "opennlp";
    }
}
