package dev.newsflow.processor.dedup;

import java.util.ArrayList;
import java.util.List;

/**
 * What the article store remembers per article id: the identity fields every republished {@code Article}
 * carries (revision, hashes, URLs, canonical URL, duplicate link) — not the body, which each update takes from
 * the copy that caused it. Mutable; encoded with a version byte and the last-seen time first (for retention).
 */
final class ArticleState {
    long lastSeen;
    boolean published;
    String storyKey;
    int revision;
    String contentHash;
    String previousHash;
    List<String> urls = new ArrayList<>();
    String canonicalUrl;
    String host;
    boolean canonicalOnPrimary;
    String duplicateOf;
    int distance = -1;
    long duplicateFetchedAt;
    long simhash;
    long fetchedAt;

    /** Records a confirmed candidate when it is earlier than the current one. Returns whether it changed. */
    boolean offer(String candidateId, long candidateFetchedAt, int candidateDistance) {
        if (duplicateOf == null || Order.before(candidateFetchedAt, candidateId, duplicateFetchedAt, duplicateOf)) {
            duplicateOf = candidateId;
            duplicateFetchedAt = candidateFetchedAt;
            distance = candidateDistance;
            return true;
        }
        return false;
    }

    byte[] encode() {
        return new Bin.Out().u8(1).i64(lastSeen).bool(published).str(storyKey).varlong(revision).str(contentHash).str(previousHash)
                .strings(urls).str(canonicalUrl).str(host).bool(canonicalOnPrimary).str(duplicateOf).varlong(distance)
                .varlong(duplicateFetchedAt).i64(simhash).varlong(fetchedAt).toBytes();
    }

    static ArticleState decode(byte[] bytes) {
        Bin.In in = new Bin.In(bytes);
        in.u8();
        ArticleState s = new ArticleState();
        s.lastSeen = in.i64();
        s.published = in.bool();
        s.storyKey = in.str();
        s.revision = in.varint();
        s.contentHash = in.str();
        s.previousHash = in.str();
        s.urls = new ArrayList<>(in.strings());
        s.canonicalUrl = in.str();
        s.host = in.str();
        s.canonicalOnPrimary = in.bool();
        s.duplicateOf = in.str();
        s.distance = in.varint();
        s.duplicateFetchedAt = in.varlong();
        s.simhash = in.i64();
        s.fetchedAt = in.varlong();
        return s;
    }
}
