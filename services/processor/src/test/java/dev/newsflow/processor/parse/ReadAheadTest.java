package dev.newsflow.processor.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ReadAheadTest {
    private static final String TOPIC = "raw";
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    private static byte[] value(int i) {
        return ("page " + i).getBytes(StandardCharsets.UTF_8);
    }

    private static String reverse(byte[] v) {
        return new StringBuilder(new String(v, StandardCharsets.UTF_8)).reverse().toString();
    }

    /** The test function (the value reversed), counting its calls. */
    private static Function<byte[], String> reversing(AtomicInteger calls) {
        return v -> {
            calls.incrementAndGet();
            return reverse(v);
        };
    }

    /** The test function, told of each value first and then blocked until {@code release} opens. */
    private static Function<byte[], String> gated(CountDownLatch release, Consumer<byte[]> seen) {
        return v -> {
            seen.accept(v);
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return reverse(v);
        };
    }

    private double count(String result) {
        return meters.counter("news.parse.ahead", "result", result).count();
    }

    @Test
    void shouldReturnTheWorkersResultForTheOfferedArray() {
        AtomicInteger calls = new AtomicInteger();
        try (ReadAhead<String> ahead = new ReadAhead<>(TOPIC, reversing(calls), 1, 4, 100, meters)) {
            byte[] v = value(1);
            ahead.offer(TOPIC, 0, 7, 1L, v);
            await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() == 1);
            assertThat(ahead.take(0, 7, v)).isEqualTo("1 egap");
            assertThat(calls).hasValue(1);
            assertThat(count("ready") + count("waited")).isEqualTo(1);
            assertThat(ahead.backlog()).isZero();
        }
    }

    @Test
    void shouldLeaveToTheCallerWhatItCannotVouchFor() {
        AtomicInteger calls = new AtomicInteger();
        try (ReadAhead<String> failing = new ReadAhead<>(TOPIC, v -> {
            calls.incrementAndGet();
            throw new IllegalStateException("boom");
        }, 1, 4, 100, meters)) {
            byte[] v = value(1);
            failing.offer(TOPIC, 0, 1, 1L, v);
            await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() == 1);
            // never offered, another topic, another array, and a failed function: all null (compute it yourself)
            assertThat(failing.take(0, 99, value(99))).isNull();
            failing.offer("other", 0, 2, 1L, value(2));
            assertThat(failing.take(0, 2, value(2))).isNull();
            failing.offer(TOPIC, 0, 3, 1L, value(3));
            assertThat(failing.take(0, 3, value(3))).isNull();
            assertThat(failing.take(0, 1, v)).isNull();
            assertThat(count("inline")).isEqualTo(4);
        }
    }

    @Test
    void shouldLetTheCallerComputeARecordNoWorkerStartedAndNotBlock() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        try (ReadAhead<String> ahead = new ReadAhead<>(TOPIC, gated(release, v -> {
            calls.incrementAndGet();
            started.countDown();
        }), 1, 4, 100, meters)) {
            byte[] first = value(1);
            byte[] second = value(2);
            ahead.offer(TOPIC, 0, 1, 1L, first);
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            ahead.offer(TOPIC, 0, 2, 2L, second);
            // the only worker is busy with offset 1: offset 2 is still pending, so the caller gets it at once
            assertThat(ahead.take(0, 2, second)).isNull();
            release.countDown();
            // offset 1 is now behind the caller (a skipped record): swept, its window slot freed
            ahead.sweep();
            assertThat(ahead.backlog()).isZero();
            byte[] third = value(3);
            ahead.offer(TOPIC, 0, 3, 3L, third);
            await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() == 2); // started: take() waits for it
            assertThat(ahead.take(0, 3, third)).isEqualTo("3 egap");
            assertThat(calls).hasValue(2);
        }
    }

    @Test
    void shouldUseTheLatestPollOfARecordPolledAgain() {
        List<byte[]> seen = Collections.synchronizedList(new ArrayList<>());
        try (ReadAhead<String> ahead = new ReadAhead<>(TOPIC, v -> {
            seen.add(v);
            return reverse(v);
        }, 1, 4, 100, meters)) {
            byte[] first = value(5);
            byte[] again = value(5); // the consumer polled offset 5 again after a rewind: another array, same bytes
            ahead.offer(TOPIC, 0, 5, 1L, first);
            ahead.offer(TOPIC, 0, 5, 1L, again);
            assertThat(ahead.backlog()).isEqualTo(1);
            // the later poll is the one computed (an entry kept for the first array would never be asked for)
            await().atMost(Duration.ofSeconds(5)).until(() -> seen.stream().anyMatch(v -> v == again));
            assertThat(ahead.take(0, 5, again)).isEqualTo("5 egap");
            assertThat(ahead.backlog()).isZero();
        }
    }

    @Test
    void shouldRefuseOffersBeyondTheBacklog() {
        CountDownLatch release = new CountDownLatch(1);
        try (ReadAhead<String> ahead = new ReadAhead<>(TOPIC, v -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return reverse(v);
        }, 1, 1, 3, meters)) {
            for (int i = 0; i < 5; i++) {
                ahead.offer(TOPIC, 0, i, i, value(i));
            }
            assertThat(ahead.backlog()).isEqualTo(3);
            assertThat(count("backlog-full")).isEqualTo(2);
            release.countDown();
        }
    }

    /** Many records, several workers, a caller taking them in order: every answer is the function's, each used once. */
    @Test
    void shouldGiveTheFunctionsAnswerForEveryRecordUnderConcurrency() {
        Random random = new Random(42);
        ConcurrentHashMap<Long, AtomicInteger> calls = new ConcurrentHashMap<>();
        Function<byte[], String> function = v -> {
            long spin = System.nanoTime() + 20_000;
            while (System.nanoTime() < spin) {
                Thread.onSpinWait();
            }
            return reverse(v);
        };
        try (ReadAhead<String> ahead = new ReadAhead<>(TOPIC, function, 3, 8, 64, meters)) {
            int n = 5_000;
            List<byte[]> values = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                values.add(value(i));
            }
            int next = 0;
            for (int taken = 0; taken < n; taken++) {
                while (next < n && next < taken + 1 + random.nextInt(100)) {
                    ahead.offer(TOPIC, next % 3, next, next, values.get(next));
                    next++;
                }
                byte[] v = values.get(taken);
                String r = ahead.take(taken % 3, taken, v);
                String answer = r != null ? r : function.apply(v);
                calls.computeIfAbsent((long) taken, k -> new AtomicInteger()).incrementAndGet();
                assertThat(answer).isEqualTo(reverse(v));
            }
            assertThat(calls).hasSize(n);
            assertThat(count("ready") + count("waited") + count("inline")).isEqualTo(n);
            assertThat(count("ready") + count("waited")).isPositive();
            assertThat(ahead.backlog()).isZero();
        }
    }

    @Test
    void workersShouldComputeTheNextRecordsOfThePartitionTheProcessorTookFromLast() throws Exception {
        // a stream thread processes a run of one partition's records before the next partition: after it takes from
        // partition 1, the worker computes partition 1's next records before the older records of partitions 0 and 2
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch gate = new CountDownLatch(1);
        List<String> order = Collections.synchronizedList(new ArrayList<>());
        try (ReadAhead<String> ahead = new ReadAhead<>(TOPIC, gated(gate, v -> {
            order.add(new String(v, StandardCharsets.UTF_8));
            firstStarted.countDown();
        }), 1, 100, 100, meters)) {
            byte[][][] values = new byte[3][4][];
            for (int offset = 0; offset < 4; offset++) {
                for (int partition = 0; partition < 3; partition++) {
                    values[partition][offset] = ("p" + partition + "@" + offset).getBytes(StandardCharsets.UTF_8);
                    ahead.offer(TOPIC, partition, offset, 10L * offset + partition, values[partition][offset]);
                }
            }
            assertThat(firstStarted.await(5, TimeUnit.SECONDS)).isTrue(); // the oldest record: p0@0
            assertThat(ahead.take(1, 0, values[1][0])).isNull(); // not started: the processor computes it itself
            gate.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> order.size() == 11);
            assertThat(order).containsExactly("p0@0", "p1@1", "p1@2", "p1@3", "p2@0", "p0@1", "p2@1", "p0@2", "p2@2", "p0@3", "p2@3");
        }
    }
}
