package dev.newsflow.processor.dedup;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The near-duplicate candidate index, partitioned by table key (records arrive keyed by it). Two kinds of tables:
 * <ul>
 *   <li>SimHash block tables ({@link SimHashBlocks}): candidates share the block value and are within
 *       {@code max-distance} bits;</li>
 *   <li>the anchor table: each article is indexed under its {@code anchors} smallest shingle hashes (a bottom-k
 *       MinHash sketch); two bodies sharing a large share of their shingles very likely share an anchor, however
 *       far apart their SimHashes are (extraction noise, added paragraphs).</li>
 * </ul>
 * A probe asks the body stage to confirm each candidate — a pair only from the first table both share, so it is
 * checked once — tells the article stage how many confirmations to wait for, and indexes the probe. Buckets are
 * read up to {@link #MAX_SCAN} entries (boilerplate shingles can be anchors of many pages).
 * <p>
 * Identical bodies (a story syndicated to many sites) would put one entry each in the same buckets, and every further
 * copy would read them all. Entries with the same value but for the fetch time (same SimHash; in the anchor table the
 * same anchors too) are interchangeable for every probe: a probe ranks them by distance (equal), then fetch time and
 * id, and confirms at most {@code max-candidates}. So a bucket keeps only the {@code max-candidates + 1} earliest of
 * such a group (one more for a probe that finds itself): a later copy is not indexed, an earlier one replaces the
 * latest kept. Every probe's candidates are the same as with all copies indexed; only after the kept copies expire
 * ({@code retention}) are the later ones no longer there to be found.
 * <p>
 * Store key: table byte (255 for anchors), block bits or anchor, article id; value: version, fetch time, SimHash,
 * anchors.
 */
final class BlockIndexStage implements Processor<String, DedupMessage, String, DedupMessage> {
    static final String STORE = "dedup-simhash-index";
    static final int MAX_SCAN = 2_000;
    private static final int ANCHOR_TABLE = 255;

    private final DedupSettings settings;
    private final SimHashBlocks blocks;
    private final DedupMetrics metrics;
    private ProcessorContext<String, DedupMessage> context;
    private KeyValueStore<Bytes, byte[]> store;

    BlockIndexStage(DedupSettings settings, DedupMetrics metrics) {
        this.settings = settings;
        this.blocks = new SimHashBlocks(settings.blocks());
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, DedupMessage> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        context.schedule(settings.purgeInterval(), PunctuationType.STREAM_TIME,
                now -> metrics.purged(STORE, Retention.purge(store, now - settings.retention().toMillis(), StoryState::timestampOf)));
    }

    private record Hit(String id, long fetchedAt, int distance) {
    }

    @Override
    public void process(Record<String, DedupMessage> record) {
        if (!(record.value() instanceof DedupMessage.Probe p)) {
            return;
        }
        boolean anchorTable = p.table() >= blocks.blocks();
        int anchor = anchorTable ? p.anchors()[p.table() - blocks.blocks()] : 0;
        byte[] prefix = anchorTable ? prefix(ANCHOR_TABLE, anchor) : prefix(p.table(), blocks.block(p.simhash(), p.table()));
        if (p.indexOnly()) {
            index(p, anchorTable, prefix);
            return;
        }
        List<Hit> hits = new ArrayList<>();
        byte[] entry = entryValue(p, anchorTable);
        Twins twins = new Twins(settings.maxCandidates() + 1);
        int scanned = 0;
        try (KeyValueIterator<Bytes, byte[]> it = store.prefixScan(Bytes.wrap(prefix), Serdes.Bytes().serializer())) {
            while (it.hasNext() && scanned++ < MAX_SCAN) {
                KeyValue<Bytes, byte[]> kv = it.next();
                ByteBuffer v = ByteBuffer.wrap(kv.value);
                v.get();
                long fetchedAt = v.getLong();
                if (sameButFetchTime(kv.value, entry)) {
                    twins.add(kv.key, prefix.length, fetchedAt, p.articleId());
                }
                long simhash = v.getLong();
                int distance = SimHash.distance(simhash, p.simhash());
                boolean foundByBlocks = distance <= settings.maxDistance() && blocks.firstSharedBlock(simhash, p.simhash()) >= 0;
                boolean firstHere = anchorTable
                        ? !foundByBlocks && Integer.valueOf(anchor).equals(firstSharedAnchor(p.anchors(), v))
                        : foundByBlocks && blocks.firstSharedBlock(simhash, p.simhash()) == p.table();
                if (!firstHere) {
                    continue;
                }
                byte[] k = kv.key.get();
                String id = new String(k, prefix.length, k.length - prefix.length, StandardCharsets.UTF_8);
                if (!id.equals(p.articleId())) {
                    hits.add(new Hit(id, fetchedAt, distance));
                }
            }
        }
        hits.sort(Comparator.comparingInt(Hit::distance).thenComparingLong(Hit::fetchedAt).thenComparing(Hit::id));
        int counted = 0;
        for (Hit h : hits.subList(0, Math.min(hits.size(), settings.maxCandidates()))) {
            if (Order.before(h.fetchedAt(), h.id(), p.fetchedAt(), p.articleId())) {
                counted++;
            }
            context.forward(record.withKey(h.id()).withValue(new DedupMessage.Confirm(h.id(), h.fetchedAt(), p.articleId(),
                    p.fetchedAt(), h.distance(), p.shingles(), p.host(), p.path())));
        }
        context.forward(record.withKey(p.articleId()).withValue(new DedupMessage.TableDone(p.articleId(), p.table(), counted)));
        if (twins.full()) {
            Twins.Twin latest = twins.latest();
            if (!Order.before(p.fetchedAt(), p.articleId(), latest.fetchedAt(), latest.id())) {
                metrics.indexCapped();
                return; // max-candidates + 1 earlier identical entries are here: this one would never be confirmed
            }
            store.delete(latest.key());
            metrics.indexCapped();
        }
        store.put(entryKey(prefix, p.articleId()), entry);
    }

    private void index(DedupMessage.Probe p, boolean anchorTable, byte[] prefix) {
        store.put(entryKey(prefix, p.articleId()), entryValue(p, anchorTable));
    }

    private static Bytes entryKey(byte[] prefix, String articleId) {
        byte[] id = articleId.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(prefix.length + id.length).put(prefix).put(id).array());
    }

    /** Version, fetch time, SimHash, and in the anchor table the anchors. */
    private static byte[] entryValue(DedupMessage.Probe p, boolean anchorTable) {
        ByteBuffer value = ByteBuffer.allocate(17 + (anchorTable ? 4 * p.anchors().length : 0)).put((byte) 1).putLong(p.fetchedAt())
                .putLong(p.simhash());
        if (anchorTable) {
            for (int a : p.anchors()) {
                value.putInt(a);
            }
        }
        return value.array();
    }

    /** Whether two entry values differ at most in their fetch time (bytes 1–8). */
    static boolean sameButFetchTime(byte[] a, byte[] b) {
        return a.length == b.length && a[0] == b[0] && java.util.Arrays.equals(a, 9, a.length, b, 9, b.length);
    }

    /**
     * Other articles' entries of a bucket that are identical to the probe's but for the fetch time; {@link #full()}
     * once {@code limit} were seen, {@link #latest()} in the order probes rank candidates (fetch time, then id).
     */
    static final class Twins {
        record Twin(Bytes key, long fetchedAt, String id) {
        }

        private final int limit;
        private final List<Twin> seen = new ArrayList<>();

        Twins(int limit) {
            this.limit = limit;
        }

        void add(Bytes key, int prefixLength, long fetchedAt, String probeId) {
            byte[] k = key.get();
            String id = new String(k, prefixLength, k.length - prefixLength, StandardCharsets.UTF_8);
            if (!id.equals(probeId)) {
                seen.add(new Twin(key, fetchedAt, id));
            }
        }

        boolean full() {
            return seen.size() >= limit;
        }

        /** The latest of the twins seen (only asked when {@link #full()}). */
        Twin latest() {
            Twin latest = seen.get(0);
            for (Twin t : seen) {
                if (Order.before(latest.fetchedAt(), latest.id(), t.fetchedAt(), t.id())) {
                    latest = t;
                }
            }
            return latest;
        }
    }

    /** Smallest anchor the probe shares with the stored entry (whose anchors follow in {@code value}), or null. */
    private static Integer firstSharedAnchor(int[] probeAnchors, ByteBuffer value) {
        Integer first = null;
        while (value.remaining() >= 4) {
            int a = value.getInt();
            if (java.util.Arrays.binarySearch(probeAnchors, a) >= 0 && (first == null || a < first)) {
                first = a;
            }
        }
        return first;
    }

    private static byte[] prefix(int table, long bits) {
        return ByteBuffer.allocate(9).put((byte) table).putLong(bits).array();
    }
}
