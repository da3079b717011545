package dev.newsflow.processor.dedup;

import dev.newsflow.processor.canonical.HostFolding;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps each indexed article's exact shingle set (records arrive keyed by article id) and confirms candidates:
 * the probing article's shingles travel with the request, so the check is exact — containment of the smaller
 * body in the larger and Jaccard similarity against {@link DedupSettings#confirms}. The verdict goes to the later
 * of the two articles. Identical bodies on the same path of two hosts are reported as mirror evidence.
 */
final class ShingleStage implements Processor<String, DedupMessage, String, DedupMessage> {
    static final String STORE = "dedup-shingles";

    private final DedupSettings settings;
    private final DedupMetrics metrics;
    private ProcessorContext<String, DedupMessage> context;
    private KeyValueStore<String, byte[]> store;

    ShingleStage(DedupSettings settings, DedupMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, DedupMessage> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        context.schedule(settings.purgeInterval(), PunctuationType.STREAM_TIME,
                now -> metrics.purged(STORE, Retention.purge(store, now - settings.retention().toMillis(), StoryState::timestampOf)));
    }

    @Override
    public void process(Record<String, DedupMessage> record) {
        if (record.value() instanceof DedupMessage.Register r) {
            register(record, r);
        } else if (record.value() instanceof DedupMessage.Confirm c) {
            confirm(record, c);
        }
    }

    /**
     * Keeps the article's shingles; a revision's are added to those already kept (sorted union), so later copies of
     * the first text and of the revised text both confirm. Timestamp for retention: the latest registration.
     */
    private void register(Record<String, DedupMessage> record, DedupMessage.Register r) {
        byte[] shingles = r.shingles();
        long timestamp = r.fetchedAt();
        byte[] raw = store.get(r.articleId());
        if (raw != null) {
            Bin.In in = new Bin.In(raw);
            in.u8();
            timestamp = Math.max(Math.max(in.i64(), timestamp), record.timestamp());
            shingles = Bin.encodeInts(union(Bin.decodeInts(in.bytes()), Bin.decodeInts(shingles)));
        }
        store.put(r.articleId(), new Bin.Out(shingles.length + 128).u8(1).i64(timestamp).bytes(shingles).str(r.host()).str(r.path()).toBytes());
    }

    static int[] union(int[] a, int[] b) {
        int[] out = new int[a.length + b.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < a.length || j < b.length) {
            if (j == b.length || i < a.length && a[i] < b[j]) {
                out[n++] = a[i++];
            } else if (i == a.length || b[j] < a[i]) {
                out[n++] = b[j++];
            } else {
                out[n++] = a[i++];
                j++;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private void confirm(Record<String, DedupMessage> record, DedupMessage.Confirm c) {
        byte[] raw = store.get(c.storedId());
        boolean confirmed = false;
        if (raw != null) {
            Bin.In in = new Bin.In(raw);
            in.u8();
            in.i64();
            int[] stored = Bin.decodeInts(in.bytes());
            String host = in.str();
            String path = in.str();
            int[] probe = Bin.decodeInts(c.probeShingles());
            Resemblance r = Resemblance.of(stored, probe);
            confirmed = settings.confirms(r);
            boolean identical = r.shared() == stored.length && r.shared() == probe.length;
            if (confirmed && identical && path.equals(c.probePath()) && !path.equals("/") && host != null && c.probeHost() != null
                    && !HostFolding.fold(host).equals(HostFolding.fold(c.probeHost()))) {
                boolean ordered = host.compareTo(c.probeHost()) < 0;
                DedupMessage.MirrorEvidence e = new DedupMessage.MirrorEvidence(ordered ? host : c.probeHost(),
                        ordered ? c.probeHost() : host, path);
                context.forward(record.withKey(e.pair()).withValue(e));
            }
        }
        boolean probeLater = Order.before(c.storedFetchedAt(), c.storedId(), c.probeFetchedAt(), c.probeId());
        DedupMessage.Verdict v = probeLater
                ? new DedupMessage.Verdict(c.probeId(), c.storedId(), c.storedFetchedAt(), c.distance(), confirmed, true)
                : new DedupMessage.Verdict(c.storedId(), c.probeId(), c.probeFetchedAt(), c.distance(), confirmed, false);
        context.forward(record.withKey(v.subjectId()).withValue(v));
    }
}
