package dev.newsflow.processor.dedup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirror discovery (records arrive keyed by host pair). Counts identical bodies served on identical paths by
 * two hosts that are not declared mirrors; at {@code mirror-evidence} distinct paths it publishes a candidate
 * (JSON on the mirror-candidates topic, a metric and one log line) for an operator to review. It never merges
 * anything by itself: declaring the mirror in sources.yml is the operator's decision.
 */
final class MirrorStage implements Processor<String, DedupMessage, String, String> {
    static final String STORE = "dedup-mirror-evidence";
    private static final Logger LOG = LoggerFactory.getLogger(MirrorStage.class);
    private static final int SAMPLE_PATHS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DedupSettings settings;
    private final DedupMetrics metrics;
    private ProcessorContext<String, String> context;
    private KeyValueStore<String, byte[]> store;

    MirrorStage(DedupSettings settings, DedupMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, String> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        context.schedule(settings.purgeInterval(), PunctuationType.STREAM_TIME,
                now -> metrics.purged(STORE, Retention.purge(store, now - settings.retention().toMillis(), StoryState::timestampOf)));
    }

    @Override
    public void process(Record<String, DedupMessage> record) {
        if (!(record.value() instanceof DedupMessage.MirrorEvidence e)) {
            return;
        }
        byte[] raw = store.get(record.key());
        int count = 0;
        boolean published = false;
        List<String> paths = new ArrayList<>();
        if (raw != null) {
            Bin.In in = new Bin.In(raw);
            in.u8();
            in.i64();
            count = in.varint();
            published = in.bool();
            paths.addAll(in.strings());
        }
        if (paths.contains(e.path())) {
            return;
        }
        count++;
        if (paths.size() < SAMPLE_PATHS) {
            paths.add(e.path());
        }
        if (!published && count >= settings.mirrorEvidence()) {
            published = true;
            metrics.mirrorCandidate();
            LOG.info("Mirror candidate: hosts {} and {} served identical bodies on {} identical paths (e.g. {}); "
                    + "declare one as a mirror of the other in sources.yml if they belong to the same publisher", e.hostA(), e.hostB(),
                    count, paths.get(0));
            context.forward(record.withValue(json(e, count, paths)));
        }
        store.put(record.key(), new Bin.Out().u8(1).i64(record.timestamp()).varlong(count).bool(published).strings(paths).toBytes());
    }

    private static String json(DedupMessage.MirrorEvidence e, int count, List<String> paths) {
        ObjectNode n = JSON.createObjectNode();
        n.putArray("hosts").add(e.hostA()).add(e.hostB());
        n.put("identicalPaths", count);
        paths.forEach(n.putArray("examplePaths")::add);
        n.put("action", "review, then declare one host as a mirror of the other in sources.yml");
        return n.toString();
    }
}
