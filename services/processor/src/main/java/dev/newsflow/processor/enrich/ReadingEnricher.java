package dev.newsflow.processor.enrich;

import dev.newsflow.avro.Article;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Word count, reading time and summary. Words are counted as runs of letters/digits; text written without spaces
 * (Han, Kana, Hangul) is counted in characters and read at {@code charsPerMinute}. The summary is the lead paragraph
 * when it fits the budget, else as many whole first sentences as fit, else the first sentence cut at a word.
 */
public final class ReadingEnricher implements ArticleEnricher {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?。！？؟])[\"'”’»)]?\\s+|(?<=[。！？])");
    private final int wordsPerMinute;
    private final int charsPerMinute;
    private final int summaryMaxChars;

    public ReadingEnricher(int wordsPerMinute, int charsPerMinute, int summaryMaxChars) {
        this.wordsPerMinute = wordsPerMinute;
        this.charsPerMinute = charsPerMinute;
        this.summaryMaxChars = summaryMaxChars;
    }

    @Override
    public Article enrich(Article draft, EnrichmentContext ctx) {
        String body = draft.getBodyText();
        int words = 0;
        int cjkChars = 0;
        boolean inWord = false;
        for (int i = 0; i < body.length(); ) {
            int cp = body.codePointAt(i);
            i += Character.charCount(cp);
            boolean cjk = cp >= 0x2E80 && Tokens.isCjk(cp);
            if (cjk) {
                cjkChars++;
                inWord = false;
            } else if (Tokens.isWordChar(cp)) {
                if (!inWord) {
                    words++;
                }
                inWord = true;
            } else {
                inWord = false;
            }
        }
        double minutes = (double) words / wordsPerMinute + (double) cjkChars / charsPerMinute;
        int wordCount = words + (cjkChars + 1) / 2; // about two characters per word in Chinese
        return Article.newBuilder(draft).setWordCount(wordCount).setReadingTimeSeconds((int) Math.ceil(minutes * 60))
                .setSummary(summary(body, summaryMaxChars)).build();
    }

    static String summary(String body, int max) {
        String text = body.strip();
        if (text.isEmpty()) {
            return null;
        }
        int para = text.indexOf("\n\n");
        String lead = WHITESPACE.matcher(para > 0 ? text.substring(0, para) : text).replaceAll(" ").strip();
        if (lead.length() <= max) {
            return lead;
        }
        StringBuilder out = new StringBuilder();
        Matcher m = SENTENCE_END.matcher(lead);
        int start = 0;
        while (m.find()) {
            String sentence = lead.substring(start, m.start()).strip();
            if (out.length() + sentence.length() + 1 > max) {
                break;
            }
            out.append(out.isEmpty() ? "" : " ").append(sentence);
            start = m.end();
        }
        if (!out.isEmpty()) {
            return out.toString();
        }
        int cut = lead.lastIndexOf(' ', max - 1);
        return lead.substring(0, cut > max / 2 ? cut : max - 1).strip() + "…";
    }
}
