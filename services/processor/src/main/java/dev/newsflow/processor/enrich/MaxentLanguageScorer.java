package dev.newsflow.processor.enrich;

import java.util.Arrays;
import java.util.Map;
import opennlp.tools.langdetect.LanguageDetectorFactory;
import opennlp.tools.langdetect.LanguageDetectorModel;
import opennlp.tools.ml.model.AbstractModel;
import opennlp.tools.ml.model.Context;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.util.normalizer.AggregateCharSequenceNormalizer;
import opennlp.tools.util.normalizer.CharSequenceNormalizer;
import opennlp.tools.util.normalizer.EmojiCharSequenceNormalizer;
import opennlp.tools.util.normalizer.NumberCharSequenceNormalizer;
import opennlp.tools.util.normalizer.ShrinkCharSequenceNormalizer;
import opennlp.tools.util.normalizer.TwitterCharSequenceNormalizer;
import opennlp.tools.util.normalizer.UrlCharSequenceNormalizer;

/**
 * Evaluates OpenNLP's language-detection model ({@code LanguageDetectorME}'s maximum-entropy model over character
 * 1- to 3-grams) the way {@code LanguageDetectorME.predictLanguages} does, with the same normalizers, the same
 * lower-casing and the same features (each distinct n-gram once), but without the per-call objects: the n-grams are
 * packed into {@code long}s, looked up in a primitive open-addressing table built once from the model, and their
 * parameters are laid out in flat arrays.
 *
 * <p>The only difference is the order in which the n-grams' parameters are summed (OpenNLP follows a hash map's
 * iteration order), so probabilities can differ in the last bits of a double ({@code MaxentLanguageScorerTest}
 * compares both on real pages). Immutable tables, shared by all threads; {@link #score} needs a {@link Scratch} per
 * thread.
 */
final class MaxentLanguageScorer {
    /** {@code LanguageDetectorFactory.getContextGenerator()}'s normalizers, in its order. */
    private static final CharSequenceNormalizer NORMALIZER = new AggregateCharSequenceNormalizer(
            EmojiCharSequenceNormalizer.getInstance(), UrlCharSequenceNormalizer.getInstance(),
            TwitterCharSequenceNormalizer.getInstance(), NumberCharSequenceNormalizer.getInstance(),
            ShrinkCharSequenceNormalizer.getInstance());
    private static final int MAX_GRAM = 3;
    private static final long EMPTY = 0L; // no key is 0: every key carries its length (1..3) above its 16-bit characters

    private final String[] outcomes;
    private final double logPrior;
    private final long[] keys;
    private final int[] contextOf;
    private final int mask;
    private final int[] start;
    private final int[] outcomeIds;
    private final double[] parameters;

    private MaxentLanguageScorer(String[] outcomes, long[] keys, int[] contextOf, int[] start, int[] outcomeIds, double[] parameters) {
        this.outcomes = outcomes;
        this.logPrior = Math.log(1.0 / outcomes.length);
        this.keys = keys;
        this.contextOf = contextOf;
        this.mask = keys.length - 1;
        this.start = start;
        this.outcomeIds = outcomeIds;
        this.parameters = parameters;
    }

    /**
     * Builds the tables from OpenNLP's model.
     *
     * @throws IllegalArgumentException when the model is not a maximum-entropy model over character n-grams of at most
     *                                  3 characters with the default context generator (then use OpenNLP's own
     *                                  evaluation)
     */
    static MaxentLanguageScorer of(LanguageDetectorModel model) {
        MaxentModel maxent = model.getMaxentModel();
        if (!(maxent instanceof AbstractModel am) || am.getModelType() != AbstractModel.ModelType.Maxent) {
            throw new IllegalArgumentException("not a maximum-entropy model: " + maxent.getClass().getName());
        }
        if (model.getFactory().getClass() != LanguageDetectorFactory.class) {
            throw new IllegalArgumentException("custom language detector factory " + model.getFactory().getClass().getName());
        }
        Object[] data = am.getDataStructures();
        @SuppressWarnings("unchecked")
        Map<String, Context> pmap = (Map<String, Context>) data[1];
        String[] outcomes = ((String[]) data[2]).clone();
        int n = pmap.size();
        int capacity = Integer.highestOneBit(Math.max(4, n + n / 2)) << 1; // a power of two, at most 2/3 full
        long[] keys = new long[capacity];
        int[] contextOf = new int[capacity];
        int[] start = new int[n + 1];
        int total = 0;
        for (Context c : pmap.values()) {
            total += c.getOutcomes().length;
        }
        int[] outcomeIds = new int[total];
        double[] parameters = new double[total];
        int ci = 0;
        int at = 0;
        for (Map.Entry<String, Context> e : pmap.entrySet()) {
            String gram = e.getKey();
            if (gram.isEmpty() || gram.length() > MAX_GRAM) {
                throw new IllegalArgumentException("feature '" + gram + "' is not a character 1- to 3-gram");
            }
            int[] ids = e.getValue().getOutcomes();
            double[] params = e.getValue().getParameters();
            start[ci] = at;
            System.arraycopy(ids, 0, outcomeIds, at, ids.length);
            System.arraycopy(params, 0, parameters, at, ids.length);
            at += ids.length;
            long key = key(gram.toCharArray(), 0, gram.length());
            int slot = slot(key, capacity - 1);
            while (keys[slot] != EMPTY) {
                slot = (slot + 1) & (capacity - 1);
            }
            keys[slot] = key;
            contextOf[slot] = ci++;
        }
        start[ci] = at;
        return new MaxentLanguageScorer(outcomes, keys, contextOf, start, outcomeIds, parameters);
    }

    /** Per-thread working memory: the distinct n-grams of one text and the per-language sums. */
    static final class Scratch {
        private long[] seen = new long[1024];
        private final double[] sums;

        Scratch(MaxentLanguageScorer scorer) {
            this.sums = new double[scorer.outcomes.length];
        }
    }

    Scratch scratch() {
        return new Scratch(this);
    }

    String outcome(int index) {
        return outcomes[index];
    }

    int outcomeCount() {
        return outcomes.length;
    }

    /**
     * The probability of every outcome (indexed like {@link #outcome}) for {@code text}, as
     * {@code LanguageDetectorME.predictLanguages} computes them (before sorting).
     *
     * @return {@code scratch}'s array, valid until the next call with it
     */
    double[] score(CharSequence text, Scratch scratch) {
        char[] lower = lowerCase(NORMALIZER.normalize(text));
        double[] sums = scratch.sums;
        Arrays.fill(sums, logPrior);
        int grams = lower.length * MAX_GRAM;
        if (scratch.seen.length < grams * 2) {
            scratch.seen = new long[Integer.highestOneBit(grams * 2 - 1) << 1];
        } else {
            Arrays.fill(scratch.seen, EMPTY);
        }
        long[] seen = scratch.seen;
        int seenMask = seen.length - 1;
        for (int n = 1; n <= MAX_GRAM; n++) {
            for (int i = 0; i + n <= lower.length; i++) {
                long key = key(lower, i, n);
                int s = slot(key, seenMask);
                boolean fresh = true;
                while (seen[s] != EMPTY) {
                    if (seen[s] == key) {
                        fresh = false;
                        break;
                    }
                    s = (s + 1) & seenMask;
                }
                if (!fresh) {
                    continue;
                }
                seen[s] = key;
                int c = find(key);
                if (c >= 0) {
                    for (int j = start[c], end = start[c + 1]; j < end; j++) {
                        sums[outcomeIds[j]] += parameters[j];
                    }
                }
            }
        }
        double normal = 0;
        for (int o = 0; o < sums.length; o++) {
            sums[o] = StrictMath.exp(sums[o]);
            normal += sums[o];
        }
        for (int o = 0; o < sums.length; o++) {
            sums[o] /= normal;
        }
        return sums;
    }

    private int find(long key) {
        int s = slot(key, mask);
        long k;
        while ((k = keys[s]) != EMPTY) {
            if (k == key) {
                return contextOf[s];
            }
            s = (s + 1) & mask;
        }
        return -1;
    }

    /** Lower-cases by code point into UTF-16 units, as OpenNLP's {@code StringUtil.toLowerCaseCharBuffer}. */
    static char[] lowerCase(CharSequence text) {
        char[] out = new char[text.length()];
        int o = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = Character.codePointAt(text, i);
            i += Character.charCount(cp);
            int lower = Character.toLowerCase(cp);
            if (Character.isBmpCodePoint(lower)) {
                out[o++] = (char) lower;
            } else {
                if (o + 2 > out.length) { // no such code point in Java 17's tables (MaxentLanguageScorerTest); OpenNLP would fail
                    out = Arrays.copyOf(out, out.length + 2);
                }
                out[o++] = Character.highSurrogate(lower);
                out[o++] = Character.lowSurrogate(lower);
            }
        }
        return out; // a shorter lower case would leave '\0's at the end, as OpenNLP's buffer does
    }

    /** The {@code n} characters of {@code s} from {@code from}, packed with {@code n} into one {@code long}. */
    private static long key(char[] s, int from, int n) {
        long k = n;
        for (int i = 0; i < n; i++) {
            k = (k << 16) | s[from + i];
        }
        return k;
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & mask;
    }
}
