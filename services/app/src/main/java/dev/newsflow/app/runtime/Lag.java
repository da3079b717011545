package dev.newsflow.app.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Records a consumer group has not consumed yet. Offsets alone over-count on transactional topics (a commit marker
 * after the last record looks like one record of lag forever), so where a partition's offset gap (last stable offset
 * minus committed offset) is small — up to {@value #EXACT_UP_TO} — the records in it are read with a read_committed
 * consumer and only data records are counted; that is what tells "caught up" from "one record behind". A larger gap
 * is reported as it is (it includes the transaction markers, one per producer transaction), so measuring never reads
 * a backlog: the cost per call is bounded by {@value #EXACT_UP_TO} records per partition however far behind the
 * group is.
 */
public final class Lag {
    /** Offset gaps up to this are counted record by record. */
    public static final int EXACT_UP_TO = 10;

    private Lag() {
    }

    public static long pending(Admin admin, Map<String, Object> clientProps, String groupId, Set<String> topics) throws Exception {
        return pending(admin, clientProps, groupId, topics, () -> false);
    }

    /**
     * @param stop asked between polls of the record-by-record count; when it answers true the count ends early
     *             (the result is then a lower bound) — so that a caller shutting down need not interrupt the consumer
     */
    public static long pending(Admin admin, Map<String, Object> clientProps, String groupId, Set<String> topics, BooleanSupplier stop)
            throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        List<TopicPartition> partitions = new ArrayList<>();
        admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS)
                .forEach((name, d) -> d.partitions().forEach(p -> partitions.add(new TopicPartition(name, p.partition()))));
        Map<String, Object> props = new HashMap<>(clientProps);
        props.put("isolation.level", "read_committed");
        props.put("enable.auto.commit", false);
        props.put("max.poll.records", EXACT_UP_TO);
        props.remove("group.id");
        long pending = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> exact = new HashMap<>(); // partition → first unconsumed offset
            for (TopicPartition tp : partitions) {
                OffsetAndMetadata c = committed.get(tp);
                long from = c == null ? begin.get(tp) : Math.max(c.offset(), begin.get(tp));
                long gap = end.get(tp) - from;
                if (gap > EXACT_UP_TO) {
                    pending += gap;
                } else if (gap > 0) {
                    exact.put(tp, from);
                }
            }
            if (exact.isEmpty()) {
                return pending;
            }
            consumer.assign(exact.keySet());
            exact.forEach(consumer::seek);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (exact.keySet().stream().anyMatch(tp -> consumer.position(tp) < end.get(tp)) && System.nanoTime() < deadline
                    && !stop.getAsBoolean()) {
                for (var r : consumer.poll(Duration.ofMillis(200))) {
                    if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition()))) {
                        pending++;
                    }
                }
            }
        }
        return pending;
    }
}
