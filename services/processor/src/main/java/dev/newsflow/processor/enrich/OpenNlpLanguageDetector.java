package dev.newsflow.processor.enrich;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;

/**
 * Apache OpenNLP's language detector with the 103-language model from {@code opennlp-models-langdetect}
 * (char n-gram maximum-entropy model, about 10 MB). Confidence is the winner's share of the two best languages
 * (0.5 = a coin flip between two, 1 = no competitor). The model is loaded once and shared; each instance has its own
 * detector because {@link LanguageDetectorME} is not meant for concurrent use.
 */
public final class OpenNlpLanguageDetector implements LanguageDetector {
    static final String MODEL = "/langdetect-183.bin";
    private static volatile LanguageDetectorModel model;
    private final LanguageDetectorME detector;
    private final int maxChars;

    public OpenNlpLanguageDetector(int maxChars) {
        this.detector = new LanguageDetectorME(model());
        this.maxChars = maxChars;
    }

    static LanguageDetectorModel model() {
        LanguageDetectorModel m = model;
        if (m == null) {
            synchronized (OpenNlpLanguageDetector.class) {
                if (model == null) {
                    try (InputStream in = OpenNlpLanguageDetector.class.getResourceAsStream(MODEL)) {
                        if (in == null) {
                            throw new IllegalStateException("language model " + MODEL + " is not on the classpath (opennlp-models-langdetect)");
                        }
                        model = new LanguageDetectorModel(in);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot load language model " + MODEL, e);
                    }
                }
                m = model;
            }
        }
        return m;
    }

    @Override
    public Detection detect(String text) {
        if (text == null || text.isBlank()) {
            return Detection.UNKNOWN;
        }
        String sample = text.length() > maxChars ? text.substring(0, maxChars) : text;
        Language[] ranked = detector.predictLanguages(sample);
        if (ranked.length == 0 || "unk".equals(ranked[0].getLang())) {
            return Detection.UNKNOWN;
        }
        // the model scores individual languages (pes and fas are both Persian): add them up per ISO 639-1 code
        Map<String, Double> byCode = new LinkedHashMap<>();
        for (int i = 0; i < Math.min(ranked.length, 10); i++) {
            byCode.merge(LanguageCodes.toIso1(ranked[i].getLang()), ranked[i].getConfidence(), Double::sum);
        }
        List<Map.Entry<String, Double>> top = byCode.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(2).toList();
        double first = top.get(0).getValue();
        double second = top.size() > 1 ? top.get(1).getValue() : 0;
        // maximum-entropy probabilities over 103 languages are small for short texts; what tells a safe answer from
        // a coin flip is the lead over the runner-up, so confidence is the winner's share of the two best
        return new Detection(top.get(0).getKey(), first + second <= 0 ? 0 : first / (first + second),
                top.size() > 1 ? top.get(1).getKey() : null);
    }

    @Override
    public String name() {
        return "opennlp";
    }
}
