package dev.newsflow.processor.bench;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import dev.newsflow.processor.enrich.LanguageDetector;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/**
 * Lingua, for comparison only: the library is a provided-scope dependency (80 MB) and is not in the newsflow jar.
 * Loaded with the given languages and their models preloaded, so memory and speed are measured fairly.
 */
final class LinguaLanguageDetector implements LanguageDetector {
    private final com.github.pemistahl.lingua.api.LanguageDetector detector;

    LinguaLanguageDetector(List<String> languageNames) {
        List<Language> langs = new ArrayList<>();
        for (String n : languageNames) {
            langs.add(Language.valueOf(n.toUpperCase(Locale.ROOT)));
        }
        this.detector = LanguageDetectorBuilder.fromLanguages(langs.toArray(new Language[0])).withPreloadedLanguageModels().build();
    }

    static boolean available() {
        try {
            Class.forName("com.github.pemistahl.lingua.api.LanguageDetectorBuilder", false, LinguaLanguageDetector.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    @Override
    public Detection detect(String text) {
        SortedMap<Language, Double> values = detector.computeLanguageConfidenceValues(text);
        if (values.isEmpty()) {
            return Detection.UNKNOWN;
        }
        List<Map.Entry<Language, Double>> top = values.entrySet().stream()
                .sorted(Map.Entry.<Language, Double>comparingByValue().reversed()).limit(2).toList();
        Language best = top.get(0).getKey();
        if (best == Language.UNKNOWN) {
            return Detection.UNKNOWN;
        }
        String runnerUp = top.size() > 1 ? top.get(1).getKey().getIsoCode639_1().name().toLowerCase(Locale.ROOT) : null;
        return new Detection(best.getIsoCode639_1().name().toLowerCase(Locale.ROOT), top.get(0).getValue(), runnerUp);
    }

    @Override
    public String name() {
        return "lingua";
    }
}
