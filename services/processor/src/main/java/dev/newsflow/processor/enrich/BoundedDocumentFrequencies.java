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
 *
 * <p>Counts in use are held in memory per language, by bare term, as mutable {@link Count}s: counting a page's few
 * hundred terms then costs one hash lookup of each term (whose hash the string caches) instead of building and
 * hashing a {@code <language>\u0001<term>} key twice per term. Full keys are built only where counts meet the
 * backing store ({@link #load}, {@link #remove}, {@link #scan}, and a subclass's own writes).
 */
public abstract class BoundedDocumentFrequencies implements DocumentFrequencies {
    static final int PRUNE_TO_PERCENT = 80;
    private final int maxTerms;
    private final boolean backed;
    private final Map<String, Table> tables = new HashMap<>();
    private long pruned;
    private int held;

    /** A count held in memory; 0 when the term has none. */
    protected static final class Count {
        long value;
        /** Changed since the subclass last wrote it out (only a write-behind subclass sets it). */
        boolean dirty;

        Count(long value) {
            this.value = value;
        }
    }

    /** One language's counts held in memory, by term; the document count is held under the empty term. */
    protected static final class Table {
        final String docs;
        final HashMap<String, Count> counts = new HashMap<>();
        /** Terms whose count became dirty, in order, for a write-behind subclass (may hold removed terms). */
        final List<String> dirty = new ArrayList<>();
        /** Terms kept for the language, -1 until counted by a scan. */
        long terms = -1;

        Table(String docs) {
            this.docs = docs;
        }
    }

    /**
     * @param backed true when the counts held in memory are a cache of a store ({@link #load} is asked for a term not
     *               held, and a missing count is remembered too); false when memory holds every count
     */
    protected BoundedDocumentFrequencies(int maxTerms, boolean backed) {
        if (maxTerms < 10) {
            throw new IllegalArgumentException("maxTerms must be at least 10, got " + maxTerms);
        }
        this.maxTerms = maxTerms;
        this.backed = backed;
    }

    /** The stored count of {@code key}, or null; asked only for a term not held in memory and only when backed. */
    protected abstract Long load(String key);

    /** Removes {@code key} from the store behind the memory (nothing to do when not backed). */
    protected abstract void remove(String key);

    /** Every entry whose key starts with {@code prefix}, in any order. */
    protected abstract void scan(String prefix, BiConsumer<String, Long> action);

    /** Called after {@code count}, held under {@code term} in {@code table}, changed. */
    protected void changed(Table table, String term, Count count) {
    }

    static String docsKey(String language) {
        return (language == null ? "und" : language) + '\u0001';
    }

    static String termKey(String language, String term) {
        return docsKey(language) + term;
    }

    /** The languages with counts held in memory. */
    protected final Collection<Table> tables() {
        return tables.values();
    }

    /** Counts held in memory, all languages. */
    protected final int held() {
        return held;
    }

    /** Forgets every count held in memory (only for a backed instance: the store still has them). */
    protected final void dropHeld() {
        for (Table t : tables.values()) {
            t.counts.clear();
            t.dirty.clear();
        }
        held = 0;
    }

    private Table table(String language) {
        String docs = docsKey(language);
        Table t = tables.get(docs);
        if (t == null) {
            t = new Table(docs);
            tables.put(docs, t);
        }
        return t;
    }

    /** The count of {@code term}, loaded when not held; null only when not backed and there is none. */
    private Count find(Table table, String term, boolean create) {
        Count c = table.counts.get(term);
        if (c == null && (backed || create)) {
            Long v = backed ? load(table.docs + term) : null;
            c = new Count(v == null ? 0 : v);
            table.counts.put(term, c);
            held++;
        }
        return c;
    }

    @Override
    public long documents(String language) {
        Count c = find(table(language), "", false);
        return c == null ? 0 : c.value;
    }

    @Override
    public long frequency(String language, String term) {
        Count c = find(table(language), term, false);
        return c == null ? 0 : c.value;
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
        Table table = table(language);
        long terms = terms(table);
        increment(table, "");
        int i = 0;
        for (String t : distinctTerms) {
            long now = increment(table, t);
            if (now == 1) {
                terms++;
            }
            if (counts != null) {
                counts[i++] = now;
            }
        }
        table.terms = terms;
        if (terms > maxTerms) {
            prune(table);
            return true;
        }
        return false;
    }

    private long increment(Table table, String term) {
        Count c = find(table, term, true);
        c.value++;
        changed(table, term, c);
        return c.value;
    }

    /** Terms currently kept for {@code language}. */
    public long terms(String language) {
        return terms(table(language));
    }

    private long terms(Table table) {
        if (table.terms < 0) {
            String docs = table.docs;
            long[] n = {0};
            scan(docs, (k, v) -> n[0] += k.length() > docs.length() ? 1 : 0);
            table.terms = n[0];
        }
        return table.terms;
    }

    /** Terms removed by pruning since this instance was created. */
    public long pruned() {
        return pruned;
    }

    public int maxTerms() {
        return maxTerms;
    }

    private void prune(Table table) {
        String docs = table.docs;
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
        for (String key : rare) {
            Count c = table.counts.remove(key.substring(docs.length()));
            if (c != null) {
                c.dirty = false;
                held--;
            }
            remove(key);
        }
        pruned += rare.size();
        table.terms = remaining;
    }
}
