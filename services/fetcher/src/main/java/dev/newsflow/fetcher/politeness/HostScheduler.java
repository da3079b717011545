package dev.newsflow.fetcher.politeness;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Per-host queues with politeness: at most {@code maxConcurrency} requests in flight per host, a minimum
 * delay between two requests (the larger of the source's min-delay and robots.txt crawl-delay),
 * Retry-After, exponential backoff with jitter after failures, and a circuit breaker that stops a host
 * after {@code failureThreshold} consecutive failures for {@code openFor} (then lets one probe through).
 * Workers call {@link #take} and must call {@link #complete} for every task they took.
 */
public final class HostScheduler<T> {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, Host<T>> hosts = new LinkedHashMap<>();
    private final Clock clock;
    private final Backoff backoff;
    private final int failureThreshold;
    private final Duration openFor;
    private int pending;
    private int inFlight;
    private boolean closed;

    /** Politeness of one host. */
    public record Rules(Duration minDelay, int maxConcurrency) {
    }

    /** A task handed to a worker. */
    public record Lease<T>(String host, T task) {
    }

    /** How a task ended, as far as the host's health is concerned. */
    public enum Result { SUCCESS, FAILURE, NEUTRAL }

    private static final class Host<T> {
        final Deque<Pending<T>> queue = new ArrayDeque<>();
        Rules rules = new Rules(Duration.ZERO, 1);
        Duration crawlDelay = Duration.ZERO;
        Instant nextAllowed = Instant.EPOCH;
        Instant lastStart = Instant.EPOCH;
        Instant circuitOpenUntil = Instant.EPOCH;
        boolean circuitOpen;
        int inFlight;
        int consecutiveFailures;
    }

    private record Pending<T>(T task, Instant notBefore) {
    }

    public HostScheduler(Clock clock, Backoff backoff, int failureThreshold, Duration openFor) {
        this.clock = clock;
        this.backoff = backoff;
        this.failureThreshold = failureThreshold;
        this.openFor = openFor;
    }

    public void submit(String host, Rules rules, T task) {
        submit(host, rules, task, Instant.EPOCH, false);
    }

    /** Queues a task; {@code first} puts it ahead of the host's queue (retries keep their place). */
    public void submit(String host, Rules rules, T task, Instant notBefore, boolean first) {
        lock.lock();
        try {
            Host<T> h = hosts.computeIfAbsent(host, k -> new Host<>());
            h.rules = rules;
            Pending<T> p = new Pending<>(task, notBefore);
            if (first) {
                h.queue.addFirst(p);
            } else {
                h.queue.addLast(p);
            }
            pending++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public void crawlDelay(String host, Duration delay) {
        lock.lock();
        try {
            Host<T> h = hosts.computeIfAbsent(host, k -> new Host<>());
            h.crawlDelay = delay;
            // learned while a request was already running: the next one still waits a full delay
            h.nextAllowed = max(h.nextAllowed, h.lastStart.plus(delayOf(h)));
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code timeout} for a task whose host may be contacted now. */
    public Optional<Lease<T>> take(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            while (!closed) {
                Instant now = clock.instant();
                Instant earliest = null;
                Iterator<Map.Entry<String, Host<T>>> it = hosts.entrySet().iterator();
                while (it.hasNext()) {
                    Map.Entry<String, Host<T>> e = it.next();
                    Host<T> h = e.getValue();
                    if (h.queue.isEmpty() && h.inFlight == 0 && (healthy(h, now) || forgotten(h, now))) {
                        it.remove(); // idle: forget it, so memory (and this scan) follows the active hosts only
                        continue;
                    }
                    if (h.queue.isEmpty() || h.inFlight >= (h.circuitOpen ? 1 : h.rules.maxConcurrency())) {
                        continue;
                    }
                    Instant ready = max(max(h.nextAllowed, h.circuitOpenUntil), h.queue.peekFirst().notBefore());
                    if (!ready.isAfter(now)) {
                        Pending<T> p = h.queue.pollFirst();
                        pending--;
                        h.inFlight++;
                        inFlight++;
                        h.nextAllowed = now.plus(delayOf(h));
                        h.lastStart = now;
                        String host = e.getKey();
                        it.remove();
                        hosts.put(host, h); // round-robin: this host goes to the back
                        return Optional.of(new Lease<>(host, p.task()));
                    }
                    earliest = earliest == null || ready.isBefore(earliest) ? ready : earliest;
                }
                long waitNanos = deadline - System.nanoTime();
                if (waitNanos <= 0) {
                    return Optional.empty();
                }
                if (earliest != null) {
                    waitNanos = Math.min(waitNanos, Math.max(1_000_000L, Duration.between(now, earliest).toNanos()));
                }
                changed.awaitNanos(waitNanos);
            }
            return Optional.empty();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Records how a taken task ended.
     *
     * @param retryAfter a server-imposed pause for the host (429/503 Retry-After), or null
     * @return true when this completion opened the host's circuit
     */
    public boolean complete(String host, Result result, Duration retryAfter) {
        lock.lock();
        try {
            Host<T> h = hosts.computeIfAbsent(host, k -> new Host<>());
            h.inFlight = Math.max(0, h.inFlight - 1);
            inFlight = Math.max(0, inFlight - 1);
            Instant now = clock.instant();
            // the delay runs from the end of a request (a slow response must not shorten the pause)
            h.nextAllowed = max(h.nextAllowed, now.plus(delayOf(h)));
            boolean opened = false;
            if (result == Result.SUCCESS) {
                h.consecutiveFailures = 0;
                h.circuitOpen = false;
            } else if (result == Result.FAILURE) {
                h.consecutiveFailures++;
                h.nextAllowed = max(h.nextAllowed, now.plus(backoff.delay(h.consecutiveFailures)));
                if (h.consecutiveFailures >= failureThreshold && (!h.circuitOpen || !h.circuitOpenUntil.isAfter(now))) {
                    opened = !h.circuitOpen;
                    h.circuitOpen = true;
                    h.circuitOpenUntil = now.plus(openFor);
                }
            }
            if (retryAfter != null) {
                h.nextAllowed = max(h.nextAllowed, now.plus(retryAfter));
            }
            changed.signalAll();
            return opened;
        } finally {
            lock.unlock();
        }
    }

    /** Drops queued (not running) tasks matching {@code filter}; returns how many. */
    public int removeIf(Predicate<T> filter) {
        lock.lock();
        try {
            int removed = 0;
            for (Host<T> h : hosts.values()) {
                Iterator<Pending<T>> it = h.queue.iterator();
                while (it.hasNext()) {
                    if (filter.test(it.next().task())) {
                        it.remove();
                        removed++;
                    }
                }
            }
            pending -= removed;
            return removed;
        } finally {
            lock.unlock();
        }
    }

    public int consecutiveFailures(String host) {
        lock.lock();
        try {
            Host<T> h = hosts.get(host);
            return h == null ? 0 : h.consecutiveFailures;
        } finally {
            lock.unlock();
        }
    }

    public int openCircuits() {
        lock.lock();
        try {
            return (int) hosts.values().stream().filter(h -> h.circuitOpen).count();
        } finally {
            lock.unlock();
        }
    }

    public boolean isCircuitOpen(String host) {
        lock.lock();
        try {
            Host<T> h = hosts.get(host);
            return h != null && h.circuitOpen;
        } finally {
            lock.unlock();
        }
    }

    /** Queued plus running tasks. */
    public int size() {
        lock.lock();
        try {
            return pending + inFlight;
        } finally {
            lock.unlock();
        }
    }

    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Nothing to remember: no failures, no pause pending. */
    private static boolean healthy(Host<?> h, Instant now) {
        return !h.circuitOpen && h.consecutiveFailures == 0 && !h.nextAllowed.isAfter(now);
    }

    /**
     * A failing host nobody has asked for since its pauses ended plus {@code openFor}: its failure count and open
     * circuit protect no traffic any more, and keeping them would keep every dead host ever linked in memory (and in
     * {@link #openCircuits()}). If it is asked for again it starts afresh and reopens its circuit after
     * {@code failureThreshold} failures.
     */
    private boolean forgotten(Host<?> h, Instant now) {
        return now.isAfter(max(h.nextAllowed, h.circuitOpenUntil).plus(openFor));
    }

    /** Hosts with state: queued or running work, a pause, failures. */
    public int trackedHosts() {
        lock.lock();
        try {
            return hosts.size();
        } finally {
            lock.unlock();
        }
    }

    private static Duration delayOf(Host<?> h) {
        return h.rules.minDelay().compareTo(h.crawlDelay) >= 0 ? h.rules.minDelay() : h.crawlDelay;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    static long millis(Duration d) {
        return TimeUnit.NANOSECONDS.toMillis(d.toNanos());
    }
}
