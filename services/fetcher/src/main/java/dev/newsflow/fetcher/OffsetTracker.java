package dev.newsflow.fetcher;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which fetch-request offsets may be committed: requests finish out of order (hosts have different
 * delays), so a partition's commit point is its lowest unfinished offset. Thread-safe.
 */
final class OffsetTracker {
    private final Map<TopicPartition, TreeSet<Long>> open = new HashMap<>();
    private final Map<TopicPartition, Long> next = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    synchronized void started(TopicPartition tp, long offset) {
        open.computeIfAbsent(tp, k -> new TreeSet<>()).add(offset);
        next.merge(tp, offset + 1, Math::max);
    }

    synchronized void finished(TopicPartition tp, long offset) {
        TreeSet<Long> s = open.get(tp);
        if (s != null) {
            s.remove(offset);
        }
    }

    /** Offsets to commit now (only partitions whose commit point moved). */
    synchronized Map<TopicPartition, OffsetAndMetadata> committable() {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        for (Map.Entry<TopicPartition, Long> e : next.entrySet()) {
            TreeSet<Long> s = open.get(e.getKey());
            long point = s == null || s.isEmpty() ? e.getValue() : s.first();
            if (!Long.valueOf(point).equals(committed.get(e.getKey()))) {
                out.put(e.getKey(), new OffsetAndMetadata(point));
            }
        }
        return out;
    }

    synchronized void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((tp, om) -> committed.put(tp, om.offset()));
    }

    synchronized void forget(TopicPartition tp) {
        open.remove(tp);
        next.remove(tp);
        committed.remove(tp);
    }

    synchronized int openCount() {
        return open.values().stream().mapToInt(TreeSet::size).sum();
    }

    synchronized boolean tracks(TopicPartition tp) {
        return next.containsKey(tp);
    }
}
