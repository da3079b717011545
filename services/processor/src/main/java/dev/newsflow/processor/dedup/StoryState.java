package dev.newsflow.processor.dedup;

import java.util.List;

/**
 * What the story store remembers per story key.
 *
 * @param articleId   the story's article id
 * @param contentHash body hash of the current revision
 * @param revision    current revision number
 * @param urls        URLs seen so far (capped)
 * @param lastSeen    stream time of the last copy (retention is counted from here)
 * @param fetchedAt   fetch time of the story's first copy (the article's place in "earliest" order); -1 when unknown
 *                    (stored by an older version)
 */
record StoryState(String articleId, String contentHash, int revision, List<String> urls, long lastSeen, long fetchedAt) {

    byte[] encode() {
        return new Bin.Out().u8(1).i64(lastSeen).str(articleId).str(contentHash).varlong(revision).strings(urls).varlong(fetchedAt).toBytes();
    }

    static StoryState decode(byte[] bytes) {
        Bin.In in = new Bin.In(bytes);
        in.u8();
        long lastSeen = in.i64();
        return new StoryState(in.str(), in.str(), in.varint(), in.strings(), lastSeen, in.more() ? in.varlong() : -1);
    }

    /** Every dedup store value starts with a version byte and the entry's timestamp (for retention). */
    static long timestampOf(byte[] value) {
        long v = 0;
        for (int i = 1; i <= 8; i++) {
            v = (v << 8) | (value[i] & 0xff);
        }
        return v;
    }
}
