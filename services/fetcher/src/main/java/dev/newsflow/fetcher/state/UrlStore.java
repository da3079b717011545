package dev.newsflow.fetcher.state;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A persistent set of URLs with expiry: an append-only log ({@code epochMillis TAB url}) replayed at start, and in
 * memory a table of 64-bit URL hashes ({@link UrlHashTable}, ~16 bytes per URL instead of ~200 for the strings).
 * Survives restarts, so a restarted fetcher neither re-enqueues nor re-fetches what it already handled; entries
 * older than the expiry are forgotten (and then may be fetched again).
 *
 * <p>Bounded by the expiry, however long the process runs: expired entries are dropped from memory every 1/32 of
 * the expiry (so memory holds at most ~1/32 more than the expiry's worth of URLs), and the log is rewritten without
 * them once more than half of its lines are gone. The hash is the first 8 bytes of the URL's SHA-256: two distinct
 * URLs share one with a probability of ~n/2<sup>64</sup> per lookup among n stored (10<sup>-11</sup> at 50 million),
 * and nobody can choose a URL that shadows a given one.
 */
public final class UrlStore implements AutoCloseable {
    /** Expired entries are swept from memory this many times per expiry period. */
    static final int SWEEPS_PER_EXPIRY = 32;
    private static final int MIN_LINES_TO_COMPACT = 1000;
    private static final long EPOCH_SECONDS = 1_577_836_800L; // 2020-01-01T00:00:00Z

    private final Path file;
    private final Duration expiry;
    private final Clock clock;
    private final long sweepEveryMillis;
    private final UrlHashTable entries = new UrlHashTable();
    private final MessageDigest sha256;
    private BufferedWriter log;
    private long logLines;
    private long nextSweep;

    public UrlStore(Path file, Duration expiry, Clock clock) {
        this.file = file;
        this.expiry = expiry;
        this.clock = clock;
        this.sweepEveryMillis = Math.max(1000, expiry.toMillis() / SWEEPS_PER_EXPIRY);
        try {
            this.sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            boolean exists = Files.exists(file);
            if (exists) {
                load();
            }
            if (!exists || wasteful() || !endsWithNewline(file)) {
                compact(); // also ends a torn last line, which an append would otherwise run into
            } else {
                log = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open URL store " + file, e);
        }
        nextSweep = clock.millis() + sweepEveryMillis;
    }

    /** Streams the log: the latest line of a URL wins; expired lines and torn or damaged lines are skipped. */
    private void load() throws IOException {
        long cutoff = cutoffMillis();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String text = r.readLine(); text != null; text = r.readLine()) {
                logLines++;
                Line line = Line.parse(text);
                if (line != null && line.at() >= cutoff) {
                    long key = hash(line.url());
                    if (entries.get(key) < seconds(line.at())) {
                        entries.put(key, seconds(line.at()));
                    }
                }
            }
        }
    }

    /** One line of the log, {@code epochMillis TAB url}. */
    private record Line(long at, String url) {
        /** The line, or null when it is torn (a crash while writing) or damaged. */
        static Line parse(String text) {
            int tab = text.indexOf('\t');
            if (tab <= 0) {
                return null;
            }
            try {
                return new Line(Long.parseLong(text.substring(0, tab)), text.substring(tab + 1));
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    private static boolean endsWithNewline(Path file) throws IOException {
        try (SeekableByteChannel c = Files.newByteChannel(file)) {
            if (c.size() == 0) {
                return true;
            }
            ByteBuffer last = ByteBuffer.allocate(1);
            c.position(c.size() - 1).read(last);
            return last.get(0) == '\n';
        }
    }

    public synchronized boolean contains(String url) {
        sweepIfDue();
        return live(entries.get(hash(url)));
    }

    /** Adds the URL; returns false when it was already present. Durable after {@link #flush()}. */
    public synchronized boolean add(String url) {
        sweepIfDue();
        long key = hash(url);
        if (live(entries.get(key))) {
            return false;
        }
        long now = clock.millis();
        entries.put(key, seconds(now));
        write(now, url);
        return true;
    }

    public synchronized void addAll(List<String> urls) {
        for (String u : urls) {
            add(u);
        }
    }

    public synchronized void remove(String url) {
        entries.remove(hash(url)); // the log keeps it until the next compaction, which drops it
    }

    /** URLs remembered now (expired ones are counted until the next sweep drops them). */
    public synchronized int size() {
        sweepIfDue();
        return entries.size();
    }

    public synchronized void flush() {
        try {
            log.flush();
            sweepIfDue();
            if (wasteful()) {
                compact();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write URL store " + file, e);
        }
    }

    /** More than half of the log's lines are expired, removed or superseded. */
    private boolean wasteful() {
        return logLines > MIN_LINES_TO_COMPACT && logLines > 2L * entries.size();
    }

    private void sweepIfDue() {
        long now = clock.millis();
        if (now >= nextSweep) {
            nextSweep = now + sweepEveryMillis;
            sweep();
        }
    }

    private void sweep() {
        int cutoff = seconds(cutoffMillis());
        entries.removeIf(at -> at < cutoff);
    }

    private boolean live(int at) {
        return at != Integer.MIN_VALUE && at >= seconds(cutoffMillis());
    }

    private long cutoffMillis() {
        return clock.millis() - expiry.toMillis();
    }

    private void write(long at, String url) {
        try {
            log.write(Long.toString(at));
            log.write('\t');
            log.write(url);
            log.write('\n');
            logLines++;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write URL store " + file, e);
        }
    }

    /**
     * Rewrites the log with the lines memory still holds: a line is kept when its URL is remembered with this very
     * line's time (so expired, removed and superseded lines go), streaming, without the URLs in memory.
     */
    private void compact() throws IOException {
        if (log != null) {
            log.close();
        }
        sweep();
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        long kept = 0;
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            if (Files.exists(file)) {
                try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    for (String text = r.readLine(); text != null; text = r.readLine()) {
                        Line line = Line.parse(text);
                        if (line != null && entries.get(hash(line.url())) == seconds(line.at())) {
                            w.write(text);
                            w.write('\n');
                            kept++;
                        }
                    }
                }
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        logLines = kept;
        log = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
    }

    /** The URL's key in memory: the first 8 bytes of its SHA-256 (never 0, the table's empty mark). */
    private long hash(String url) {
        byte[] d = sha256.digest(url.getBytes(StandardCharsets.UTF_8));
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (d[i] & 0xff);
        }
        return h == 0 ? 1 : h;
    }

    /** Seconds since 2020-01-01 UTC: an int holds them until 2088 (epoch seconds would overflow in 2038). */
    private static int seconds(long epochMillis) {
        return (int) (Math.floorDiv(epochMillis, 1000L) - EPOCH_SECONDS);
    }

    @Override
    public synchronized void close() {
        try {
            log.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close URL store " + file, e);
        }
    }
}
