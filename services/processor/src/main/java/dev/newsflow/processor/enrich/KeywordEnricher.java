package dev.newsflow.processor.enrich;

import dev.newsflow.avro.Article;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
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
    private final PreparedTerms prepared;

    public KeywordEnricher(int count, double maxDocumentRatio, int minDocuments, int maxChars) {
        this(count, maxDocumentRatio, minDocuments, maxChars, null);
    }

    /** @param prepared term counts computed ahead by the parse workers, or null */
    public KeywordEnricher(int count, double maxDocumentRatio, int minDocuments, int maxChars, PreparedTerms prepared) {
        this.count = count;
        this.maxDocumentRatio = maxDocumentRatio;
        this.minDocuments = minDocuments;
        this.maxChars = maxChars;
        this.prepared = prepared;
    }

    @Override
    public Article enrich(Article draft, EnrichmentContext ctx) {
        String language = draft.getLanguage() == null ? "und" : draft.getLanguage();
        Terms terms = prepared == null ? null : prepared.take(draft);
        if (terms == null) {
            String title = title(draft);
            String body = body(draft, maxChars);
            terms = Terms.of(title, ctx.tokens(title), body, ctx.tokens(body));
        }
        Map<String, double[]> tf = terms.tf;
        if (tf.isEmpty()) {
            return Article.newBuilder(draft).setKeywords(List.of()).build();
        }
        DocumentFrequencies df = ctx.frequencies();
        List<String> distinct = new ArrayList<>(tf.keySet());
        long[] counted = df.addAndCount(language, distinct.size() > MAX_TERMS_PER_DOCUMENT ? distinct.subList(0, MAX_TERMS_PER_DOCUMENT) : distinct);
        long n = df.documents(language);
        Set<String> stop = StopWords.forLanguage(language);
        if (stop == null && n < minDocuments) {
            return Article.newBuilder(draft).setKeywords(List.of()).build();
        }
        List<Map.Entry<String, Double>> scored = new ArrayList<>();
        int index = 0;
        for (Map.Entry<String, double[]> e : tf.entrySet()) {
            int i = index++;
            String term = e.getKey();
            if (stop != null && stop.contains(term)) {
                continue;
            }
            long f = Math.max(1, i < counted.length ? counted[i] : df.frequency(language, term));
            if (n >= minDocuments && (double) f / n > maxDocumentRatio) {
                continue;
            }
            double idf = Math.log((1.0 + n) / (1.0 + f)) + 1.0;
            scored.add(Map.entry(term, (1.0 + Math.log(e.getValue()[0])) * idf));
        }
        scored.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        List<String> top = new ArrayList<>();
        for (int i = 0; i < scored.size() && top.size() < count; i++) {
            top.add(scored.get(i).getKey());
        }
        return Article.newBuilder(draft).setKeywords(terms.spellings(top)).build();
    }

    static String title(Article draft) {
        return draft.getTitle() == null ? "" : draft.getTitle();
    }

    static String body(Article draft, int maxChars) {
        return draft.getBodyText().length() > maxChars ? draft.getBodyText().substring(0, maxChars) : draft.getBodyText();
    }

    /**
     * The pure part of keyword extraction, a function of title and body alone: each term's weighted frequency (title
     * occurrences weigh 2), in first-seen order, and the terms' most common spellings — for the chosen terms only
     * (one more pass over the tokens), or for every term when computed ahead on a worker ({@link #withAllSpellings}).
     */
    static final class Terms {
        final String title;
        final Map<String, double[]> tf;
        private final String body;
        private final List<Tokens.Token> titleTokens;
        private final List<Tokens.Token> bodyTokens;
        private Map<String, String> allSpellings;

        private Terms(String title, List<Tokens.Token> titleTokens, String body, List<Tokens.Token> bodyTokens, Map<String, double[]> tf) {
            this.title = title;
            this.titleTokens = titleTokens;
            this.body = body;
            this.bodyTokens = bodyTokens;
            this.tf = tf;
        }

        static Terms of(String title, List<Tokens.Token> titleTokens, String body, List<Tokens.Token> bodyTokens) {
            // sized for every token distinct (CJK bigrams may still grow it): no rehashing while counting
            Map<String, double[]> tf = new LinkedHashMap<>((int) ((titleTokens.size() + bodyTokens.size()) / 0.75f) + 1);
            TermSink tally = (term, text, start, end, weight) -> tf.computeIfAbsent(term, k -> new double[1])[0] += weight;
            terms(title, titleTokens, 2.0, tally);
            terms(body, bodyTokens, 1.0, tally);
            return new Terms(title, titleTokens, body, bodyTokens, tf);
        }

        /** Counts the spellings of every term now (on a worker), so that {@link #spellings} needs no pass of its own. */
        Terms withAllSpellings() {
            allSpellings = mostCommonSpellings(tf.keySet());
            return this;
        }

        /** The most common spelling of each of {@code chosen}, in their order. */
        List<String> spellings(List<String> chosen) {
            Map<String, String> forms = allSpellings != null ? allSpellings : mostCommonSpellings(new HashSet<>(chosen));
            List<String> out = new ArrayList<>(chosen.size());
            for (String term : chosen) {
                out.add(forms.get(term));
            }
            return out;
        }

        private Map<String, String> mostCommonSpellings(Set<String> of) {
            // spellings are counted in the same order for every term, so a term's answer does not depend on which others are counted
            Map<String, Map<String, Integer>> surface = new HashMap<>();
            TermSink spell = (term, text, start, end, weight) -> {
                if (of.contains(term)) {
                    surface.computeIfAbsent(term, k -> new HashMap<>(2)).merge(spelling(term, text, start, end), 1, Integer::sum);
                }
            };
            terms(title, titleTokens, 2.0, spell);
            terms(body, bodyTokens, 1.0, spell);
            Map<String, String> out = new HashMap<>((int) (surface.size() / 0.75f) + 1);
            surface.forEach((term, forms) -> out.put(term, mostCommon(forms)));
            return out;
        }
    }

    /** Receives each term occurrence; {@code start} &lt; 0 when the spelling is the term itself (CJK bigrams). */
    @FunctionalInterface
    private interface TermSink {
        void accept(String term, String text, int start, int end, double weight);
    }

    private static void terms(String text, List<Tokens.Token> tokens, double weight, TermSink sink) {
        for (Tokens.Token t : tokens) {
            if (Tokens.isCjk(text.codePointAt(t.start()))) {
                int[] cps = text.substring(t.start(), t.end()).codePoints().toArray();
                for (int i = 0; i + 1 < cps.length; i++) {
                    sink.accept(new String(cps, i, 2), text, -1, -1, weight);
                }
                continue;
            }
            if (text.codePointCount(t.start(), t.end()) < 3 || allDigits(text, t.start(), t.end())) {
                continue;
            }
            sink.accept(t.norm(), text, t.start(), t.end(), weight);
        }
    }

    private static boolean allDigits(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** The text of an occurrence: the term itself (no copy) when spelled exactly as the term, as most words are. */
    private static String spelling(String term, String text, int start, int end) {
        if (start < 0 || end - start == term.length() && text.regionMatches(start, term, 0, term.length())) {
            return term;
        }
        return text.substring(start, end);
    }

    /** The most frequent spelling; lower case wins ties so sentence-initial capitals don't stick. */
    private static String mostCommon(Map<String, Integer> forms) {
        if (forms.size() == 1) {
            return forms.keySet().iterator().next();
        }
        return forms.entrySet().stream()
                .max(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                        .thenComparing(e -> e.getKey().equals(e.getKey().toLowerCase(java.util.Locale.ROOT))))
                .map(Map.Entry::getKey).orElseThrow();
    }
}
