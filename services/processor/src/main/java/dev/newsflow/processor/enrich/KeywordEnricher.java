package dev.newsflow.processor.enrich;

import dev.newsflow.avro.Article;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Top terms by TF-IDF. Document frequencies are learned from the stream per language; a term found in more than
 * {@code maxDocumentRatio} of a language's documents is a stop word (the only stop words for languages without a
 * list). Before {@code minDocuments} documents of a language were seen, only languages with a stop-word list get
 * keywords. Han/Kana/Hangul text, written without spaces, is split into character bigrams.
 */
public final class KeywordEnricher implements ArticleEnricher {
    static final int MAX_TERMS_PER_DOCUMENT = 2000;
    private final int count;
    private final double maxDocumentRatio;
    private final int minDocuments;
    private final int maxChars;

    public KeywordEnricher(int count, double maxDocumentRatio, int minDocuments, int maxChars) {
        this.count = count;
        this.maxDocumentRatio = maxDocumentRatio;
        this.minDocuments = minDocuments;
        this.maxChars = maxChars;
    }

    @Override
    public Article enrich(Article draft, EnrichmentContext ctx) {
        String language = draft.getLanguage() == null ? "und" : draft.getLanguage();
        Map<String, double[]> tf = new LinkedHashMap<>();
        Map<String, Map<String, Integer>> surface = new HashMap<>();
        collect(draft.getTitle() == null ? "" : draft.getTitle(), 2.0, tf, surface);
        String body = draft.getBodyText();
        collect(body.length() > maxChars ? body.substring(0, maxChars) : body, 1.0, tf, surface);
        if (tf.isEmpty()) {
            return Article.newBuilder(draft).setKeywords(List.of()).build();
        }
        DocumentFrequencies df = ctx.frequencies();
        List<String> distinct = new ArrayList<>(tf.keySet());
        df.add(language, distinct.size() > MAX_TERMS_PER_DOCUMENT ? distinct.subList(0, MAX_TERMS_PER_DOCUMENT) : distinct);
        long n = df.documents(language);
        Set<String> stop = StopWords.forLanguage(language);
        if (stop == null && n < minDocuments) {
            return Article.newBuilder(draft).setKeywords(List.of()).build();
        }
        List<Map.Entry<String, Double>> scored = new ArrayList<>();
        for (Map.Entry<String, double[]> e : tf.entrySet()) {
            String term = e.getKey();
            if (stop != null && stop.contains(term)) {
                continue;
            }
            long f = Math.max(1, df.frequency(language, term));
            if (n >= minDocuments && (double) f / n > maxDocumentRatio) {
                continue;
            }
            double idf = Math.log((1.0 + n) / (1.0 + f)) + 1.0;
            scored.add(Map.entry(term, (1.0 + Math.log(e.getValue()[0])) * idf));
        }
        scored.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        List<String> keywords = new ArrayList<>();
        for (int i = 0; i < scored.size() && keywords.size() < count; i++) {
            keywords.add(mostCommon(surface.get(scored.get(i).getKey())));
        }
        return Article.newBuilder(draft).setKeywords(keywords).build();
    }

    private static void collect(String text, double weight, Map<String, double[]> tf, Map<String, Map<String, Integer>> surface) {
        for (Tokens.Token t : Tokens.of(text)) {
            String word = text.substring(t.start(), t.end());
            if (Tokens.isCjk(word.codePointAt(0))) {
                int[] cps = word.codePoints().toArray();
                for (int i = 0; i + 1 < cps.length; i++) {
                    String bigram = new String(cps, i, 2);
                    add(bigram, bigram, weight, tf, surface);
                }
                continue;
            }
            if (word.codePointCount(0, word.length()) < 3 || word.chars().allMatch(Character::isDigit)) {
                continue;
            }
            add(t.norm(), word, weight, tf, surface);
        }
    }

    private static void add(String term, String word, double weight, Map<String, double[]> tf, Map<String, Map<String, Integer>> surface) {
        tf.computeIfAbsent(term, k -> new double[1])[0] += weight;
        surface.computeIfAbsent(term, k -> new HashMap<>(2)).merge(word, 1, Integer::sum);
    }

    /** The most frequent spelling; lower case wins ties so sentence-initial capitals don't stick. */
    private static String mostCommon(Map<String, Integer> forms) {
        return forms.entrySet().stream()
                .max(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                        .thenComparing(e -> e.getKey().equals(e.getKey().toLowerCase(java.util.Locale.ROOT))))
                .map(Map.Entry::getKey).orElseThrow();
    }
}
