package dev.newsflow.processor.dedup;

import java.util.ArrayList;
import java.util.List;

/**
 * A new story's pending near-duplicate decision: how many index tables answered, how many confirmations they
 * announced and how many verdicts came back, the earliest confirmed candidate so far, and the copies of the story
 * that arrived meanwhile (queued so they are applied after the decision). Small, rewritten on every answer;
 * encoded with a version byte and its start time first (for retention).
 */
final class Decision {
    long since;
    /** Wall-clock time the decision started: the safety-net timeout is wall-clock (record times may be hours apart). */
    long wallSince = System.currentTimeMillis();
    int tablesExpected = -1;
    int tablesDone;
    int confirmsExpected;
    int verdicts;
    String bestId;
    long bestFetchedAt;
    int bestDistance;
    List<byte[]> queue = new ArrayList<>();
    /** The pending article's identity fields ({@link ArticleState#encode}) once its new story arrived, else null. */
    byte[] state;

    boolean complete() {
        return tablesExpected >= 0 && tablesDone >= tablesExpected && verdicts >= confirmsExpected;
    }

    void offer(String id, long fetchedAt, int distance) {
        if (bestId == null || Order.before(fetchedAt, id, bestFetchedAt, bestId)) {
            bestId = id;
            bestFetchedAt = fetchedAt;
            bestDistance = distance;
        }
    }

    byte[] encode() {
        Bin.Out o = new Bin.Out(128 + (state == null ? 0 : state.length + 5) + queue.stream().mapToInt(q -> q.length + 5).sum()).u8(2).i64(since).varlong(wallSince).varlong(tablesExpected).varlong(tablesDone).varlong(confirmsExpected).varlong(verdicts)
                .str(bestId).varlong(bestFetchedAt).varlong(bestDistance).varlong(queue.size());
        for (byte[] q : queue) {
            o.bytes(q);
        }
        o.bool(state != null);
        if (state != null) {
            o.bytes(state);
        }
        return o.toBytes();
    }

    static Decision decode(byte[] bytes) {
        Bin.In in = new Bin.In(bytes);
        in.u8();
        Decision d = new Decision();
        d.since = in.i64();
        d.wallSince = in.varlong();
        d.tablesExpected = in.varint();
        d.tablesDone = in.varint();
        d.confirmsExpected = in.varint();
        d.verdicts = in.varint();
        d.bestId = in.str();
        d.bestFetchedAt = in.varlong();
        d.bestDistance = in.varint();
        int n = in.varint();
        for (int i = 0; i < n; i++) {
            d.queue.add(in.bytes());
        }
        if (in.bool()) {
            d.state = in.bytes();
        }
        return d;
    }
}
