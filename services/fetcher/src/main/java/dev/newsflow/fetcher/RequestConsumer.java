package dev.newsflow.fetcher;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes the fetch-request topic in a group, hands each request to the fetch queue, commits only
 * offsets whose requests are finished ({@link OffsetTracker}), pauses when the queue is full, and tells
 * the service which partitions (hence which hosts) this instance owns.
 */
final class RequestConsumer implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(RequestConsumer.class);

    /** What the consumer calls back. */
    interface Handler {
        void request(String value, TopicPartition tp, long offset);

        void assigned(Set<Integer> partitions, int partitionCount);

        void revoked(Collection<TopicPartition> partitions);
    }

    /** Unexpected poll failures in a row after which the consumer thread gives up (and /health turns unhealthy). */
    static final int MAX_CONSECUTIVE_POLL_FAILURES = 5;
    private final KafkaConsumer<String, String> consumer;
    private final String topic;
    private final OffsetTracker tracker;
    private final Handler handler;
    private final IntSupplier queued;
    private final int maxQueued;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final java.util.Set<Integer> owned = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile boolean caughtUp;
    private volatile boolean assignedOnce;
    private volatile long caughtUpCheckedAt;
    private long lastLagCheck;

    RequestConsumer(Map<String, Object> clientProps, String groupId, String clientId, String topic, OffsetTracker tracker,
                    Handler handler, IntSupplier queued, int maxQueued) {
        Map<String, Object> p = new HashMap<>(clientProps);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        p.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                "org.apache.kafka.clients.consumer.CooperativeStickyAssignor");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        this.topic = topic;
        this.tracker = tracker;
        this.handler = handler;
        this.queued = queued;
        this.maxQueued = maxQueued;
    }

    @Override
    public void run() {
        try {
            consumer.subscribe(java.util.List.of(topic), new Listener());
            long lastCommit = 0;
            int consecutiveFailures = 0;
            while (running.get()) {
                ConsumerRecords<String, String> records;
                try {
                    records = consumer.poll(Duration.ofMillis(200));
                    consecutiveFailures = 0;
                } catch (WakeupException | org.apache.kafka.common.errors.InterruptException | org.apache.kafka.common.errors.AuthenticationException
                         | org.apache.kafka.common.errors.AuthorizationException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // e.g. the client's own "request future already complete" race after a timed-out offset lookup on a
                    // busy machine: the consumer recovers on the next poll (a new heartbeat thread), so retry a few
                    // times before giving up for good (then /health reports this thread dead)
                    if (++consecutiveFailures > MAX_CONSECUTIVE_POLL_FAILURES) {
                        throw e;
                    }
                    LOG.warn("Fetch-request consumer: poll failed ({} of {} in a row, retrying in 1 s): {}", consecutiveFailures,
                            MAX_CONSECUTIVE_POLL_FAILURES, e.toString());
                    sleepQuietly(1000);
                    continue;
                }
                for (ConsumerRecord<String, String> r : records) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    tracker.started(tp, r.offset());
                    handler.request(r.value(), tp, r.offset());
                }
                backpressure();
                try {
                    if (records.isEmpty()) {
                        checkCaughtUp();
                    } else {
                        caughtUp = false;
                        caughtUpCheckedAt = 0;
                    }
                    if (System.currentTimeMillis() - lastCommit > 500) {
                        commit();
                        lastCommit = System.currentTimeMillis();
                    }
                } catch (org.apache.kafka.common.errors.RetriableException e) {
                    // the broker is away (restart, failover): the offset lookup or commit is retried on the next pass;
                    // letting it end this loop would stop fetching for good while the process stays up
                    caughtUp = false;
                    LOG.warn("Fetch-request consumer: {} (will retry)", e.toString());
                }
            }
        } catch (WakeupException e) {
            if (running.get()) {
                throw e;
            }
        } catch (RuntimeException e) {
            LOG.error("Fetch-request consumer stopped", e);
        } finally {
            try {
                commit();
            } catch (RuntimeException e) {
                LOG.warn("Final commit failed: {}", e.toString());
            }
            consumer.close(Duration.ofSeconds(10));
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.apache.kafka.common.errors.InterruptException(e);
        }
    }

    private void backpressure() {
        Set<TopicPartition> assignment = consumer.assignment();
        if (queued.getAsInt() >= maxQueued) {
            consumer.pause(assignment);
        } else if (queued.getAsInt() < maxQueued / 2 && !consumer.paused().isEmpty()) {
            consumer.resume(consumer.paused());
        }
    }

    private void checkCaughtUp() {
        long now = System.currentTimeMillis();
        if (now - lastLagCheck < 300) {
            return;
        }
        lastLagCheck = now;
        long started = System.nanoTime();
        Set<TopicPartition> assignment = consumer.assignment();
        if (assignment.isEmpty() || !consumer.paused().isEmpty()) {
            caughtUp = assignment.isEmpty() && assignedOnce;
            return;
        }
        Map<TopicPartition, Long> ends = consumer.endOffsets(assignment, Duration.ofSeconds(5));
        boolean all = true;
        for (TopicPartition tp : assignment) {
            if (consumer.position(tp, Duration.ofSeconds(5)) < ends.getOrDefault(tp, 0L)) {
                all = false;
            }
        }
        caughtUp = all;
        caughtUpCheckedAt = all ? started : 0;
    }

    private void commit() {
        Map<TopicPartition, OffsetAndMetadata> offsets = tracker.committable();
        offsets.keySet().retainAll(consumer.assignment());
        if (!offsets.isEmpty()) {
            consumer.commitSync(offsets, Duration.ofSeconds(10));
            tracker.committed(offsets);
        }
    }

    /**
     * True once assigned and every assigned partition had been read to its end at a check that began
     * after {@code sinceNanos} (so requests sent before that moment are known to be consumed).
     */
    boolean caughtUpSince(long sinceNanos) {
        return assignedOnce && caughtUp && caughtUpCheckedAt - sinceNanos > 0;
    }

    Set<Integer> owned() {
        return owned;
    }

    boolean assignedOnce() {
        return assignedOnce;
    }

    /** Closes a consumer whose {@link #run()} never started (the service was closed before start). */
    void closeUnstarted() {
        consumer.close(Duration.ZERO);
    }

    void stop() {
        running.set(false);
        consumer.wakeup();
    }

    private final class Listener implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            handler.revoked(partitions);
            Map<TopicPartition, OffsetAndMetadata> offsets = tracker.committable();
            offsets.keySet().retainAll(partitions);
            if (!offsets.isEmpty()) {
                try {
                    consumer.commitSync(offsets, Duration.ofSeconds(10));
                } catch (RuntimeException e) {
                    LOG.warn("Commit on revocation failed: {}", e.toString());
                }
            }
            partitions.forEach(tp -> {
                tracker.forget(tp);
                owned.remove(tp.partition());
            });
            caughtUp = false;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition tp : partitions) {
                owned.add(tp.partition());
            }
            int count = consumer.partitionsFor(topic).size();
            assignedOnce = true;
            caughtUp = false;
            LOG.info("Fetch-request partitions owned: {} of {}", new java.util.TreeSet<>(owned), count);
            handler.assigned(Set.copyOf(owned), count);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            onPartitionsRevoked(partitions);
        }
    }
}
