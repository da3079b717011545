package dev.newsflow.processor.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.avro.Article;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class DocumentFrequenciesPruningTest {

    /** 100 documents: "common" in all, ten "topic" terms in every other one, five terms of their own in each. */
    /** A real Kafka Streams in-memory key-value store (no changelog), initialized outside a topology. */
    private static KeyValueStore<String, Long> store() {
        KeyValueStore<String, Long> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("df"), Serdes.String(), Serdes.Long())
                .withLoggingDisabled().build();
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        return store;
    }

    private static void feed(BoundedDocumentFrequencies df, String language, int docs) {
        for (int d = 0; d < docs; d++) {
            List<String> terms = new ArrayList<>(List.of("common"));
            if (d % 2 == 0) {
                for (int t = 0; t < 10; t++) {
                    terms.add("topic" + t);
                }
            }
            for (int u = 0; u < 5; u++) {
                terms.add(language + "-doc" + d + "-word" + u);
            }
            df.add(language, terms);
        }
    }

    private static void assertBoundedAndRarestDropped(BoundedDocumentFrequencies df) {
        assertThat(df.terms("en")).isLessThanOrEqualTo(100);
        assertThat(df.pruned()).isPositive();
        assertThat(df.documents("en")).as("the document count is never pruned").isEqualTo(100);
        assertThat(df.frequency("en", "common")).as("frequent terms keep their exact counts").isEqualTo(100);
        assertThat(df.frequency("en", "topic3")).isEqualTo(50);
        assertThat(df.frequency("en", "en-doc0-word0")).as("an old rare term is gone").isZero();
        assertThat(df.frequency("en", "en-doc99-word4")).as("terms of the last document are kept").isEqualTo(1);
    }

    @Test
    void shouldKeepAtMostMaxTermsPerLanguageByDroppingTheRarestTerms() {
        InMemoryDocumentFrequencies df = new InMemoryDocumentFrequencies(100);
        feed(df, "en", 100);
        feed(df, "fr", 10);

        assertBoundedAndRarestDropped(df);
        assertThat(df.terms("fr")).as("each language has its own cap").isEqualTo(1 + 10 + 50);
        assertThat(df.frequency("fr", "fr-doc0-word0")).isEqualTo(1);
    }

    @Test
    void shouldPruneAKafkaStreamsStoreAndRecountItsTermsAfterARestart() {
        KeyValueStore<String, Long> store = store();

        StoreDocumentFrequencies df = new StoreDocumentFrequencies(store, 100);
        feed(df, "en", 100);
        assertBoundedAndRarestDropped(df);
        df.flush();
        long entries = 0;
        try (var it = store.all()) {
            while (it.hasNext()) {
                it.next();
                entries++;
            }
        }
        assertThat(entries).as("store entries: the document count plus the kept terms").isEqualTo(1 + df.terms("en"));

        StoreDocumentFrequencies restarted = new StoreDocumentFrequencies(store, 100);
        assertThat(restarted.terms("en")).isEqualTo(df.terms("en"));
    }

    @Test
    void shouldWriteCountsBehindVisibleAtOnceInTheStoreAfterAFlush() {
        KeyValueStore<String, Long> store = store();
        StoreDocumentFrequencies df = new StoreDocumentFrequencies(store, 1000, 2);
        df.add("de", java.util.List.of("berlin", "bonn"));
        df.add("de", java.util.List.of("berlin"));
        assertThat(df.frequency("de", "berlin")).isEqualTo(2);
        assertThat(df.documents("de")).isEqualTo(2);
        assertThat(store.get(BoundedDocumentFrequencies.termKey("de", "berlin"))).as("not yet written").isNull();
        assertThat(df.pending()).isEqualTo(3);

        df.flush(); // also drops the read cache: 3 entries > 2
        assertThat(df.pending()).isZero();
        assertThat(store.get(BoundedDocumentFrequencies.termKey("de", "berlin"))).isEqualTo(2);
        df.add("de", java.util.List.of("bonn"));
        df.flush();
        assertThat(store.get(BoundedDocumentFrequencies.termKey("de", "bonn"))).as("re-read from the store after the cache was dropped").isEqualTo(2);
        assertThat(new StoreDocumentFrequencies(store, 1000).documents("de")).isEqualTo(3);
    }

    /**
     * Zipf-distributed text (a long tail of words seen once or twice) plus, in each article, three topic words
     * repeated a few times: with the store capped at a fifth of the vocabulary, the article's real keywords — its
     * repeated, not-too-common words — are the same as with an unbounded store. (Among words that occur once and
     * are rare in the stream the order does change: their IDFs were nearly tied to begin with.)
     */
    @Test
    void shouldKeepTheLeadingKeywordsWhenTheStoreIsPruned() {
        KeywordEnricher enricher = new KeywordEnricher(10, 0.3, 20, 50_000);
        InMemoryDocumentFrequencies all = new InMemoryDocumentFrequencies(100_000_000);
        InMemoryDocumentFrequencies small = new InMemoryDocumentFrequencies(8_000);
        Random random = new Random(7);
        int same = 0;
        int compared = 0;
        for (int d = 0; d < 600; d++) {
            StringBuilder text = new StringBuilder(zipfText(random, 300));
            for (int t = 0; t < 3; t++) {
                String topic = "topic" + random.nextInt(400) + "x ";
                text.append(topic.repeat(3 + t));
            }
            Article draft = Article.newBuilder(EnrichTestArticles.draft("", text.toString())).setLanguage("xx").build();
            List<String> a = enricher.enrich(draft, new EnrichmentContext(null, all)).getKeywords();
            List<String> b = enricher.enrich(draft, new EnrichmentContext(null, small)).getKeywords();
            if (d >= 100) {
                compared++;
                same += new HashSet<>(a.subList(0, 3)).equals(new HashSet<>(b.subList(0, 3))) ? 1 : 0;
            }
        }
        assertThat(all.terms("xx")).as("vocabulary seen").isGreaterThan(5 * 8_000);
        assertThat(small.terms("xx")).isLessThanOrEqualTo(8_000);
        assertThat(small.pruned()).isGreaterThan(30_000);
        assertThat((double) same / compared).as("articles whose three leading keywords pruning left unchanged").isGreaterThan(0.95);
    }

    private static final double[] ZIPF = zipf(200_000, 1.0);

    /** Cumulative Zipf(s) probabilities over {@code n} ranks. */
    private static double[] zipf(int n, double s) {
        double[] c = new double[n];
        double sum = 0;
        for (int r = 0; r < n; r++) {
            sum += 1 / Math.pow(r + 1, s);
            c[r] = sum;
        }
        for (int r = 0; r < n; r++) {
            c[r] /= sum;
        }
        return c;
    }

    /** Words drawn from Zipf's law over a 200,000-word vocabulary, as in natural text: a long tail of rare words. */
    private static String zipfText(Random random, int words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            int rank = java.util.Arrays.binarySearch(ZIPF, random.nextDouble());
            rank = rank < 0 ? -rank - 1 : rank;
            sb.append("w").append(Integer.toString(rank, 36)).append("x ");
        }
        return sb.toString();
    }

    @Test
    void shouldKeepTheStoreAndMemoryCountsEqualAcrossPruningFlushesAndCacheDrops() {
        KeyValueStore<String, Long> store = store();
        StoreDocumentFrequencies stored = new StoreDocumentFrequencies(store, 60, 40);
        InMemoryDocumentFrequencies memory = new InMemoryDocumentFrequencies(60);
        Random random = new Random(11);
        for (int d = 0; d < 400; d++) {
            String language = d % 3 == 0 ? "de" : "en";
            Set<String> terms = new java.util.LinkedHashSet<>();
            for (int t = 0; t < 10; t++) {
                terms.add("t" + random.nextInt(d < 200 ? 30 : 300));
            }
            List<String> list = new ArrayList<>(terms);
            assertThat(stored.addAndCount(language, list)).as("document %d", d).containsExactly(memory.addAndCount(language, list));
            if (d % 7 == 0) {
                stored.flush(); // every 7th document: a cache of more than 40 counts is dropped and re-read from the store
            }
        }
        stored.flush();
        assertThat(stored.pending()).isZero();
        for (String language : List.of("en", "de")) {
            assertThat(stored.terms(language)).isEqualTo(memory.terms(language));
            Set<String> kept = new HashSet<>();
            memory.forEachTerm(language, (key, v) -> {
                kept.add(key);
                assertThat(store.get(key)).as(key).isEqualTo(v);
            });
            assertThat(kept).hasSize((int) memory.terms(language));
        }
        assertThat(stored.pruned()).isEqualTo(memory.pruned()).isPositive();
    }

    @Test
    void shouldWriteATermThatWasPrunedAndCountedAgainOnceWithItsNewCount() {
        KeyValueStore<String, Long> store = store();
        StoreDocumentFrequencies df = new StoreDocumentFrequencies(store, 10);
        df.add("en", List.of("old"));
        for (int d = 0; d < 12; d++) {
            df.add("en", List.of("common", "new" + d)); // the 11th term goes over the cap: every term seen once goes, "old" too
        }
        assertThat(df.frequency("en", "old")).isZero();
        df.flush();
        assertThat(store.get(BoundedDocumentFrequencies.termKey("en", "old"))).isNull();

        df.add("en", List.of("old"));
        assertThat(df.pending()).as("the document count and \"old\"").isEqualTo(2);
        df.flush();
        assertThat(store.get(BoundedDocumentFrequencies.termKey("en", "old"))).isEqualTo(1);
        assertThat(store.get(BoundedDocumentFrequencies.termKey("en", "common"))).isEqualTo(12);
    }

    @Test
    void shouldReturnTheSameCountsFromAddAndCountAsFromAddThenFrequencyAcrossPruning() {
        BoundedDocumentFrequencies counted = new InMemoryDocumentFrequencies(50);
        BoundedDocumentFrequencies looked = new InMemoryDocumentFrequencies(50);
        Random random = new Random(26);
        for (int d = 0; d < 300; d++) {
            Set<String> terms = new java.util.LinkedHashSet<>();
            for (int t = 0; t < 12; t++) {
                terms.add("t" + random.nextInt(d < 150 ? 40 : 400));
            }
            List<String> list = new ArrayList<>(terms);
            long[] got = counted.addAndCount("en", list);
            looked.add("en", list);
            for (int i = 0; i < list.size(); i++) {
                assertThat(got[i]).as("document %d, term %s", d, list.get(i)).isEqualTo(looked.frequency("en", list.get(i)));
            }
        }
        assertThat(counted.pruned()).isPositive();
    }
}
