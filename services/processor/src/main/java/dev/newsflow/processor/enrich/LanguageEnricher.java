package dev.newsflow.processor.enrich;

import dev.newsflow.avro.Article;

/**
 * The body's language: the detector's answer when the text is long enough and the detector is confident,
 * else the language the page declares, else the publisher's language from the source configuration. In a close call
 * ({@value #CLOSE_CALL} or less) where the page declares the runner-up, the declaration wins.
 *
 * <p>The detector reads title + body up to {@code maxChars}. With {@code quickChars} &gt; 0 it first reads only that
 * many characters (detection costs in proportion to the text read), and takes that answer when it is the language
 * the page declares and not a close call (confidence above {@value #CLOSE_CALL}): two independent signals agree.
 * Any other text is detected again on the full {@code maxChars}, exactly as without the quick step. Either signal
 * alone is not enough: a page declaring English whose first 60 characters are an English product name followed by
 * German reads as English at 0.54 (docs/enrichment.md#language).
 */
public final class LanguageEnricher implements ArticleEnricher {
    static final double CLOSE_CALL = 0.6;
    private final LanguageDetector detector;
    private final int minChars;
    private final double minConfidence;
    private final int maxChars;
    private final int quickChars;

    /** Without the quick step; the detector decides how much of the text it reads. */
    public LanguageEnricher(LanguageDetector detector, int minChars, double minConfidence) {
        this(detector, minChars, minConfidence, Integer.MAX_VALUE, 0);
    }

    /**
     * @param maxChars   characters of title + body given to the detector
     * @param quickChars characters read first (0: no quick step)
     */
    public LanguageEnricher(LanguageDetector detector, int minChars, double minConfidence, int maxChars, int quickChars) {
        this.detector = detector;
        this.minChars = minChars;
        this.minConfidence = minConfidence;
        this.maxChars = maxChars;
        this.quickChars = quickChars;
    }

    @Override
    public Article enrich(Article draft, EnrichmentContext ctx) {
        String declared = LanguageCodes.toIso1(draft.getLanguage());
        if (length(draft) >= minChars) {
            LanguageDetector.Detection d = null;
            if (declared != null && quickChars > 0 && quickChars < maxChars && length(draft) > quickChars) {
                LanguageDetector.Detection quick = detector.detect(sample(draft, quickChars));
                if (quick.language() != null && quick.language().equals(declared) && quick.confidence() > CLOSE_CALL
                        && quick.confidence() >= minConfidence) {
                    d = quick;
                }
            }
            if (d == null) {
                d = detector.detect(sample(draft, maxChars));
            }
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

    /** Length of title + "\n" + body (the title alone when the body is blank). */
    static int length(Article a) {
        int title = a.getTitle() == null ? 0 : a.getTitle().length();
        return a.getBodyText().isBlank() ? title : title + 1 + a.getBodyText().length();
    }

    /** The first {@code limit} characters of title + "\n" + body, without building the whole text. */
    public static String sample(Article a, int limit) {
        String title = a.getTitle() == null ? "" : a.getTitle();
        String body = a.getBodyText();
        if (body.isBlank() || title.length() >= limit) {
            return title.length() > limit ? title.substring(0, limit) : title;
        }
        int bodyChars = (int) Math.min(body.length(), (long) limit - title.length() - 1);
        return title + "\n" + body.substring(0, bodyChars);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
