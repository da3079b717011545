package dev.newsflow.processor.enrich;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * Document frequencies with at most {@code maxTerms} terms per language. When a language goes over the cap, its
 * rarest terms are removed — every term whose document frequency is at most the smallest threshold that brings the
 * language down to {@value #PRUNE_TO_PERCENT} % of the cap. Rare terms carry nearly the maximum IDF whether their
 * count is 1 or the threshold, so a pruned term that reappears (counted from 1 again) scores almost as before, and
 * the frequent terms that decide stop words and most keywords are never touched.
 *
 * <p>Keys: {@code <language>\u0001} holds the document count, {@code <language>\u0001<term>} a term's count. The
 * number of terms per language is counted once per language by a scan, then kept up to date in memory.
 */
public abstract class BoundedDocumentFrequencies implements DocumentFrequencies {
    static final int PRUNE_TO_PERCENT = 80;
    private final int maxTerms;
    private final Map<String, Long> termCounts = new HashMap<>();
    private long pruned;

    protected BoundedDocumentFrequencies(int maxTerms) {
        if (maxTerms < 10) {
            throw new IllegalArgumentException("maxTerms must be at least 10, got " + maxTerms);
        }
        this.maxTerms = maxTerms;
    }

    protected abstract Long get(String key);

    protected abstract void put(String key, long value);

    protected abstract void delete(String key);

    /** Every entry whose key starts with {@code prefix}, in any order. */
    protected abstract void scan(String prefix, BiConsumer<String, Long> action);

    static String docsKey(String language) {
        return (language == null ? "und" : language) + '\u0001';
    }

    static String termKey(String language, String term) {
        return docsKey(language) + term;
    }

    @Override
    public long documents(String language) {
        Long v = get(docsKey(language));
        return v == null ? 0 : v;
    }

    @Override
    public long frequency(String language, String term) {
        Long v = get(termKey(language, term));
        return v == null ? 0 : v;
    }

    @Override
    public void add(String language, Collection<String> distinctTerms) {
        count(language, distinctTerms, null);
    }

    @Override
    public long[] addAndCount(String language, List<String> distinctTerms) {
        long[] counts = new long[distinctTerms.size()];
        if (count(language, distinctTerms, counts)) {
            for (int i = 0; i < counts.length; i++) {
                counts[i] = frequency(language, distinctTerms.get(i)); // pruning may have removed some
            }
        }
        return counts;
    }

    /** Counts the document; fills {@code counts} (when given) with the new values; true if the language was pruned. */
    private boolean count(String language, Collection<String> distinctTerms, long[] counts) {
        String docs = docsKey(language);
        long terms = terms(language);
        put(docs, documents(language) + 1);
        int i = 0;
        for (String t : distinctTerms) {
            String key = docs + t;
            Long v = get(key);
            if (v == null) {
                terms++;
            }
            long now = v == null ? 1 : v + 1;
            put(key, now);
            if (counts != null) {
                counts[i++] = now;
            }
        }
        termCounts.put(docs, terms);
        if (terms > maxTerms) {
            prune(language);
            return true;
        }
        return false;
    }

    /** Terms currently kept for {@code language}. */
    public long terms(String language) {
        return termCounts.computeIfAbsent(docsKey(language), docs -> {
            long[] n = {0};
            scan(docs, (k, v) -> n[0] += k.length() > docs.length() ? 1 : 0);
            return n[0];
        });
    }

    /** Terms removed by pruning since this instance was created. */
    public long pruned() {
        return pruned;
    }

    public int maxTerms() {
        return maxTerms;
    }

    private void prune(String language) {
        String docs = docsKey(language);
        TreeMap<Long, Long> termsByFrequency = new TreeMap<>();
        scan(docs, (k, v) -> {
            if (k.length() > docs.length()) {
                termsByFrequency.merge(v, 1L, Long::sum);
            }
        });
        long target = (long) maxTerms * PRUNE_TO_PERCENT / 100;
        long remaining = termsByFrequency.values().stream().mapToLong(Long::longValue).sum();
        long threshold = 0;
        for (Map.Entry<Long, Long> e : termsByFrequency.entrySet()) {
            if (remaining <= target) {
                break;
            }
            threshold = e.getKey();
            remaining -= e.getValue();
        }
        long cut = threshold;
        List<String> rare = new ArrayList<>();
        scan(docs, (k, v) -> {
            if (k.length() > docs.length() && v <= cut) {
                rare.add(k);
            }
        });
        rare.forEach(this::delete);
        pruned += rare.size();
        termCounts.put(docs, remaining);
    }
}
