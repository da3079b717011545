package dev.newsflow.processor.parse;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes a pure function of input records on worker threads before the stream thread reaches them, so that the
 * stream thread of a Kafka Streams task finds the result ready instead of computing it itself.
 *
 * <p>The consumer hands every record it polls from the input topic to {@link #offer} (through
 * {@link ReadAheadInterceptor}); the processor asks {@link #take} for the record it is processing. Workers compute
 * the records in the order the processor will most likely ask for them: a stream thread processes a run of records
 * of one partition (task) before it turns to the next, so workers take the next records of the partition the
 * processor took from last, in offset order, and otherwise the oldest record (by timestamp) at the head of any
 * partition. Only the computation moves:
 * the processor still handles every record itself, in order, and forwards, stores and commits exactly as before, so
 * exactly-once, ordering and the output are unchanged. A result is used only for the very same value array the
 * processor holds (same topic, partition, offset and {@code byte[]} instance); in every other case — a record
 * never offered (backlog full), not started yet, or whose worker failed — the processor computes it inline, which
 * is also the behaviour with read-ahead off. Nothing here is state: a crash loses only work not yet used.
 *
 * <p>Memory is bounded twice: at most {@code maxBacklog} records are waiting (references to arrays the consumer
 * holds anyway), and at most {@code window} results are computed and not yet taken. Entries the processor will
 * never ask for (a partition revoked, records skipped by a reset) are dropped when the processor moves past their
 * offset or after {@link #STALE_NANOS}.
 *
 * @param <R> the result of the function (must not depend on anything but the value and immutable settings)
 */
public final class ReadAhead<R> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ReadAhead.class);
    /** Entries older than this are dropped: their partition moved to another instance or was reset. */
    static final long STALE_NANOS = TimeUnit.MINUTES.toNanos(2);
    private static final int SWEEP_EVERY = 256;
    private static final Map<String, ReadAhead<?>> REGISTERED = new ConcurrentHashMap<>();
    private static final AtomicInteger IDS = new AtomicInteger();

    private final String topic;
    private final Function<byte[], R> function;
    private final int maxBacklog;
    private final Semaphore window;
    private final Map<Key, Entry<R>> entries = new ConcurrentHashMap<>();
    /** Records not yet picked by a worker, per partition in the order polled; guarded by itself. */
    private final Map<Integer, ArrayDeque<Entry<R>>> pending = new HashMap<>();
    private final Map<Integer, Long> lastTaken = new ConcurrentHashMap<>();
    /** The partition the processor took a record from last: its next records are computed first. */
    private volatile int focus = -1;
    private final Thread[] workers;
    private final String id;
    private final Counter ready;
    private final Counter waited;
    private final Counter inline;
    private final Counter skipped;
    private volatile boolean closed;
    private int takes;

    /**
     * @param topic      the input topic whose records are computed ahead (others are ignored)
     * @param function   the pure function; it runs on worker threads, several at once
     * @param threads    worker threads (at least 1)
     * @param window     results computed and not yet taken, at most
     * @param maxBacklog records waiting to be computed, at most (more are left to the processor)
     */
    public ReadAhead(String topic, Function<byte[], R> function, int threads, int window, int maxBacklog, MeterRegistry meters) {
        if (threads < 1 || window < 1 || maxBacklog < 1) {
            throw new IllegalArgumentException("threads, window and backlog must be positive: " + threads + ", " + window + ", " + maxBacklog);
        }
        this.topic = Objects.requireNonNull(topic);
        this.function = Objects.requireNonNull(function);
        this.window = new Semaphore(window);
        this.maxBacklog = maxBacklog;
        this.id = topic + "#" + IDS.incrementAndGet();
        this.ready = meters.counter("news.parse.ahead", "result", "ready");
        this.waited = meters.counter("news.parse.ahead", "result", "waited");
        this.inline = meters.counter("news.parse.ahead", "result", "inline");
        this.skipped = meters.counter("news.parse.ahead", "result", "backlog-full");
        this.workers = new Thread[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Thread(this::work, "parse-ahead-" + i);
            workers[i].setDaemon(true);
            workers[i].start();
        }
        REGISTERED.put(id, this);
    }

    /** The name under which {@link ReadAheadInterceptor} finds this instance ({@link #lookup}). */
    public String id() {
        return id;
    }

    static ReadAhead<?> lookup(String id) {
        return REGISTERED.get(id);
    }

    public String topic() {
        return topic;
    }

    /** Queues a polled record to be computed ahead; records of other topics and null values are ignored. */
    public void offer(String recordTopic, int partition, long offset, long timestamp, byte[] value) {
        if (closed || value == null || !topic.equals(recordTopic)) {
            return;
        }
        if (entries.size() >= maxBacklog) {
            skipped.increment();
            return;
        }
        Entry<R> e = new Entry<>(new Key(partition, offset), timestamp, value, System.nanoTime());
        Entry<R> earlier = entries.put(e.key, e);
        if (earlier != null) {
            earlier.drop(window); // polled again after a rewind (aborted transaction, partition moved back): a new array
        }
        synchronized (pending) {
            pending.computeIfAbsent(partition, p -> new ArrayDeque<>()).addLast(e);
            pending.notify();
        }
    }

    /**
     * The result for the record being processed, or null when the caller must compute it itself (never offered,
     * not started, computed for another array, or the function failed). Waits when a worker is computing it.
     */
    public R take(int partition, long offset, byte[] value) {
        lastTaken.put(partition, offset);
        focus = partition;
        if (++takes % SWEEP_EVERY == 0) {
            sweep();
        }
        Entry<R> e = entries.remove(new Key(partition, offset));
        if (e == null || e.value != value) {
            if (e != null) {
                e.drop(window);
            }
            inline.increment();
            return null;
        }
        Outcome<R> o = e.takeResult(window);
        if (o == null || o.failure != null) {
            if (o != null) {
                LOG.debug("Read-ahead of {}-{}@{} failed; computing it inline: {}", topic, partition, offset, o.failure.toString());
            }
            inline.increment();
            return null;
        }
        (o.waited ? waited : ready).increment();
        return o.result;
    }

    /** Drops entries the processor has moved past, or that waited too long (their partition went elsewhere). */
    void sweep() {
        long now = System.nanoTime();
        for (Iterator<Entry<R>> it = entries.values().iterator(); it.hasNext(); ) {
            Entry<R> e = it.next();
            Long last = lastTaken.get(e.key.partition);
            if ((last != null && e.key.offset < last) || now - e.created > STALE_NANOS) {
                it.remove();
                e.drop(window);
            }
        }
        synchronized (pending) {
            for (ArrayDeque<Entry<R>> q : pending.values()) {
                q.removeIf(Entry::gone); // taken, computed inline or dropped: no worker will start them
            }
        }
    }

    int backlog() {
        return entries.size();
    }

    private void work() {
        while (!closed) {
            try {
                window.acquire();
            } catch (InterruptedException ex) {
                return;
            }
            Entry<R> e;
            try {
                e = next();
            } catch (InterruptedException ex) {
                window.release();
                return;
            }
            if (e == null || !e.start()) {
                window.release();
                continue;
            }
            Outcome<R> outcome;
            try {
                outcome = new Outcome<>(function.apply(e.value), null, false);
            } catch (Throwable t) { // a failure is the processor's to meet again inline, with its own error handling
                outcome = new Outcome<>(null, t, false);
            }
            e.finish(outcome, window);
        }
    }

    /**
     * The next record to compute (waits up to 200 ms for one): the head of the focus partition, else the oldest head.
     * Entries the processor already took or dropped are still queued here and skipped by {@link Entry#start}.
     */
    private Entry<R> next() throws InterruptedException {
        synchronized (pending) {
            ArrayDeque<Entry<R>> from = pick();
            if (from == null) {
                pending.wait(200);
                from = pick();
            }
            return from == null ? null : from.pollFirst();
        }
    }

    /** The focus partition's queue when it has records, else the queue with the oldest head; null when all are empty. */
    private ArrayDeque<Entry<R>> pick() {
        ArrayDeque<Entry<R>> from = pending.get(focus);
        if (from != null && !from.isEmpty()) {
            return from;
        }
        from = null;
        for (ArrayDeque<Entry<R>> q : pending.values()) {
            if (!q.isEmpty() && (from == null || Entry.ORDER.compare(q.peekFirst(), from.peekFirst()) < 0)) {
                from = q;
            }
        }
        return from;
    }

    @Override
    public void close() {
        closed = true;
        REGISTERED.remove(id);
        for (Thread w : workers) {
            w.interrupt();
        }
        for (Thread w : workers) {
            try {
                w.join(5_000);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        entries.clear();
        synchronized (pending) {
            pending.clear();
        }
    }

    private record Key(int partition, long offset) {
    }

    private record Outcome<R>(R result, Throwable failure, boolean waited) {
    }

    /** One offered record. Its state moves PENDING → RUNNING → DONE → GONE, or straight to GONE. */
    private static final class Entry<R> {
        static final Comparator<Entry<?>> ORDER = Comparator.<Entry<?>>comparingLong(e -> e.timestamp)
                .thenComparingLong(e -> e.key.offset).thenComparingInt(e -> e.key.partition);
        private static final int PENDING = 0;
        private static final int RUNNING = 1;
        private static final int DONE = 2;
        private static final int GONE = 3;

        final Key key;
        final long timestamp;
        final byte[] value;
        final long created;
        private int state = PENDING;
        private Outcome<R> outcome;

        Entry(Key key, long timestamp, byte[] value, long created) {
            this.key = key;
            this.timestamp = timestamp;
            this.value = value;
            this.created = created;
        }

        synchronized boolean gone() {
            return state == GONE;
        }

        /** A worker claims the entry; false when the processor took it (or it was dropped) first. */
        synchronized boolean start() {
            if (state != PENDING) {
                return false;
            }
            state = RUNNING;
            return true;
        }

        /** The worker's result; the window slot stays held until the processor takes it (or it is dropped). */
        synchronized void finish(Outcome<R> result, Semaphore window) {
            if (state == GONE) {
                window.release();
                return;
            }
            outcome = result;
            state = DONE;
            notifyAll();
        }

        /** The processor's turn: null when no worker started it (the processor computes it), else the result. */
        synchronized Outcome<R> takeResult(Semaphore window) {
            if (state == PENDING || state == GONE) {
                state = GONE;
                return null;
            }
            boolean waitedForIt = false;
            while (state == RUNNING) {
                waitedForIt = true;
                try {
                    wait();
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    state = GONE; // the worker releases the slot when it finishes
                    return null;
                }
            }
            state = GONE;
            window.release();
            Outcome<R> o = outcome;
            outcome = null;
            return new Outcome<>(o.result, o.failure, waitedForIt);
        }

        /** Nobody will take this entry: free its slot (now, or when its worker finishes). */
        synchronized void drop(Semaphore window) {
            if (state == DONE) {
                window.release();
                outcome = null;
            }
            state = GONE;
        }
    }
}
