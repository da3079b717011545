package dev.newsflow.processor.enrich;

/** Detects the language of a text. Implementations are used by one thread at a time. */
public interface LanguageDetector {
    /**
     * The best guess.
     *
     * @param language   ISO 639-1 code when one exists (else the detector's ISO 639-3 code), or null when unknown
     * @param confidence 0..1
     * @param runnerUp   the second-best language, or null
     */
    record Detection(String language, double confidence, String runnerUp) {
        public static final Detection UNKNOWN = new Detection(null, 0, null);
    }

    Detection detect(String text);

    /** Short name for metrics, logs and the benchmark. */
    String name();
}
