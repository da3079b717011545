package dev.newsflow.processor.dedup;

import dev.newsflow.avro.Article;

/**
 * What the dedup stages send each other through their repartition topics (internal, see {@link DedupMessageSerde}).
 * Each record names the key it is routed by.
 */
sealed interface DedupMessage {
    // Shingle sets travel encoded ({@link Bin#encodeInts}): encoded once, copied to every table, decoded once.

    /**
     * Story stage → block index (key: table key): look up and index a new article under one SimHash block (tables
     * below {@code blocks}) or one of its anchor shingles (the following tables; {@code anchors} lists them all).
     * {@code indexOnly}: a revision's new body is indexed under its article (with the article's first fetch time)
     * without looking for candidates — the article's own duplicate decision was taken on its first body.
     */
    record Probe(String articleId, long simhash, long fetchedAt, int table, int[] anchors, byte[] shingles, String host, String path,
                 boolean indexOnly) implements DedupMessage {
        /** A lookup and index request of a new story. */
        Probe(String articleId, long simhash, long fetchedAt, int table, int[] anchors, byte[] shingles, String host, String path) {
            this(articleId, simhash, fetchedAt, table, anchors, shingles, host, path, false);
        }
    }

    /**
     * Story stage → body stage (key: articleId): remember this article's shingles for later confirmations (a revision's
     * shingles are added to those already kept, so copies of any revision confirm).
     */
    record Register(String articleId, long fetchedAt, byte[] shingles, String host, String path) implements DedupMessage {
    }

    /**
     * Block index → body stage (key: storedId): compare the stored article's shingles with the probing article's.
     * The later of the two (by fetch time, then id) is the one that may become a duplicate.
     */
    record Confirm(String storedId, long storedFetchedAt, String probeId, long probeFetchedAt, int distance, byte[] probeShingles,
                   String probeHost, String probePath) implements DedupMessage {
    }

    /** Block index → article stage (key: articleId): this table sent {@code confirms} counted confirmations. */
    record TableDone(String articleId, int table, int confirms) implements DedupMessage {
    }

    /**
     * Body stage → article stage (key: subjectId): outcome of one confirmation. {@code counted} is false for a
     * late discovery (the subject was indexed before the candidate), which the article stage applies as a correction.
     */
    record Verdict(String subjectId, String candidateId, long candidateFetchedAt, int distance, boolean confirmed, boolean counted)
            implements DedupMessage {
    }

    /** Body stage → mirror stage (key: host pair): two hosts served an identical body on the same path. */
    record MirrorEvidence(String hostA, String hostB, String path) implements DedupMessage {
        /** Routing key: the two hosts in order. */
        String pair() {
            return hostA + " " + hostB;
        }
    }

    /**
     * Story stage → article stage (key: articleId): a new story. {@code tables} is the number of {@link TableDone}
     * to wait for before publishing (0 when the body is too short to be matched).
     */
    record NewStory(byte[] article, Facts facts, String url, String preferredUrl, boolean onPrimaryHost, int tables) implements DedupMessage {
    }

    /**
     * Story stage → article stage (key: articleId): a further copy of a known story; {@code revision} &gt; 0 when
     * its body changed (then {@code previousHash} is the body hash it replaces).
     */
    record Copy(String articleId, byte[] article, Facts facts, String url, String preferredUrl, boolean onPrimaryHost, int revision,
                String previousHash) implements DedupMessage {
    }

    /**
     * The few fields of an embedded article the article stage reads; the article itself travels as Avro bytes and
     * is decoded only when published.
     */
    record Facts(String storyKey, String host, String contentHash, long simhash, long fetchedAt) {
        static Facts of(Article a) {
            return new Facts(a.getStoryKey(), a.getHost(), a.getContentHash(), a.getSimhash(), a.getFetchedAt().toEpochMilli());
        }
    }
}
