package dev.newsflow.processor.enrich;

import dev.newsflow.avro.Article;

/**
 * The body's language: the detector's answer when the text is long enough and the detector is confident,
 * else the language the page declares, else the publisher's language from the source configuration. In a close call
 * ({@value #CLOSE_CALL} or less) where the page declares the runner-up, the declaration wins.
 */
public final class LanguageEnricher implements ArticleEnricher {
    static final double CLOSE_CALL = 0.6;
    private final LanguageDetector detector;
    private final int minChars;
    private final double minConfidence;

    public LanguageEnricher(LanguageDetector detector, int minChars, double minConfidence) {
        this.detector = detector;
        this.minChars = minChars;
        this.minConfidence = minConfidence;
    }

    @Override
    public Article enrich(Article draft, EnrichmentContext ctx) {
        String text = sample(draft);
        String declared = LanguageCodes.toIso1(draft.getLanguage());
        if (text.length() >= minChars) {
            LanguageDetector.Detection d = detector.detect(text);
            if (d.language() != null && d.confidence() <= CLOSE_CALL && declared != null && declared.equals(d.runnerUp())) {
                return Article.newBuilder(draft).setLanguage(declared).setLanguageConfidence(round(1 - d.confidence())).build();
            }
            if (d.language() != null && d.confidence() >= minConfidence) {
                return Article.newBuilder(draft).setLanguage(d.language()).setLanguageConfidence(round(d.confidence())).build();
            }
        }
        String fallback = declared != null ? declared : ctx.source() == null ? null : LanguageCodes.toIso1(ctx.source().language());
        return Article.newBuilder(draft).setLanguage(fallback).setLanguageConfidence(null).build();
    }

    private static String sample(Article a) {
        String title = a.getTitle() == null ? "" : a.getTitle();
        return a.getBodyText().isBlank() ? title : title + "\n" + a.getBodyText();
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
