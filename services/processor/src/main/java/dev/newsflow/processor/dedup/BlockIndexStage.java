package dev.newsflow.processor.dedup;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One SimHash block table of the near-duplicate index, partitioned by block value (records arrive keyed by
 * {@link SimHashBlocks#tableKey}). A probe lists the indexed articles sharing its block within
 * {@code max-distance} bits, asks the body stage to confirm each (only from the lowest shared table, so a pair
 * is confirmed once), tells the article stage how many confirmations to wait for, and indexes the probe.
 * Store key: table byte, block bits, article id; value: version, fetch time, SimHash.
 */
final class BlockIndexStage implements Processor<String, DedupMessage, String, DedupMessage> {
    static final String STORE = "dedup-simhash-index";

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
        context.schedule(settings.purgeInterval(), org.apache.kafka.streams.processor.PunctuationType.STREAM_TIME,
                now -> metrics.purged(STORE, Retention.purge(store, now - settings.retention().toMillis(), StoryState::timestampOf)));
    }

    private record Hit(String id, long fetchedAt, int distance) {
    }

    @Override
    public void process(Record<String, DedupMessage> record) {
        if (!(record.value() instanceof DedupMessage.Probe p)) {
            return;
        }
        byte[] prefix = prefix(p.table(), blocks.block(p.simhash(), p.table()));
        List<Hit> hits = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = store.prefixScan(Bytes.wrap(prefix), Serdes.Bytes().serializer())) {
            while (it.hasNext()) {
                KeyValue<Bytes, byte[]> kv = it.next();
                ByteBuffer v = ByteBuffer.wrap(kv.value);
                v.get();
                long fetchedAt = v.getLong();
                long simhash = v.getLong();
                int distance = SimHash.distance(simhash, p.simhash());
                if (distance > settings.maxDistance() || blocks.firstSharedBlock(simhash, p.simhash()) != p.table()) {
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
        byte[] id = p.articleId().getBytes(StandardCharsets.UTF_8);
        store.put(Bytes.wrap(ByteBuffer.allocate(prefix.length + id.length).put(prefix).put(id).array()), ByteBuffer.allocate(17).put((byte) 1).putLong(p.fetchedAt()).putLong(p.simhash()).array());
    }

    private static byte[] prefix(int table, long blockBits) {
        return ByteBuffer.allocate(9).put((byte) table).putLong(blockBits).array();
    }
}
