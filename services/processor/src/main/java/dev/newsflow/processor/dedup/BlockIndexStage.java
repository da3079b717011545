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
        int scanned = 0;
        try (KeyValueIterator<Bytes, byte[]> it = store.prefixScan(Bytes.wrap(prefix), Serdes.Bytes().serializer())) {
            while (it.hasNext() && scanned++ < MAX_SCAN) {
                KeyValue<Bytes, byte[]> kv = it.next();
                ByteBuffer v = ByteBuffer.wrap(kv.value);
                v.get();
                long fetchedAt = v.getLong();
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
        index(p, anchorTable, prefix);
    }

    private void index(DedupMessage.Probe p, boolean anchorTable, byte[] prefix) {
        byte[] id = p.articleId().getBytes(StandardCharsets.UTF_8);
        ByteBuffer value = ByteBuffer.allocate(17 + (anchorTable ? 4 * p.anchors().length : 0)).put((byte) 1).putLong(p.fetchedAt())
                .putLong(p.simhash());
        if (anchorTable) {
            for (int a : p.anchors()) {
                value.putInt(a);
            }
        }
        store.put(Bytes.wrap(ByteBuffer.allocate(prefix.length + id.length).put(prefix).put(id).array()), value.array());
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
