package dev.newsflow.fetcher.state;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A persistent set of URLs with expiry: an append-only log ({@code epochMillis TAB url}) replayed at
 * start, compacted when it holds more than twice the live entries. Survives restarts, so a restarted
 * fetcher neither re-enqueues nor re-fetches what it already handled; entries older than the expiry
 * are forgotten (and then may be fetched again).
 */
public final class UrlStore implements AutoCloseable {
    private final Path file;
    private final Duration expiry;
    private final Clock clock;
    private final Map<String, Long> entries = new HashMap<>();
    private BufferedWriter log;
    private long logLines;

    public UrlStore(Path file, Duration expiry, Clock clock) {
        this.file = file;
        this.expiry = expiry;
        this.clock = clock;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (Files.exists(file)) {
                load();
            }
            compact();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open URL store " + file, e);
        }
    }

    private void load() throws IOException {
        long cutoff = clock.millis() - expiry.toMillis();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            int tab = line.indexOf('\t');
            if (tab <= 0) {
                continue; // a torn last line after a crash
            }
            try {
                long at = Long.parseLong(line.substring(0, tab));
                if (at >= cutoff) {
                    entries.put(line.substring(tab + 1), at);
                }
            } catch (NumberFormatException e) {
                // skip damaged line
            }
        }
    }

    public synchronized boolean contains(String url) {
        Long at = entries.get(url);
        if (at == null) {
            return false;
        }
        if (at < clock.millis() - expiry.toMillis()) {
            entries.remove(url);
            return false;
        }
        return true;
    }

    /** Adds the URL; returns false when it was already present. Durable after {@link #flush()}. */
    public synchronized boolean add(String url) {
        if (contains(url)) {
            return false;
        }
        long now = clock.millis();
        entries.put(url, now);
        write(now, url);
        return true;
    }

    public synchronized void addAll(List<String> urls) {
        for (String u : urls) {
            add(u);
        }
    }

    public synchronized void remove(String url) {
        entries.remove(url); // the log keeps it until the next compaction; a restart may see it again
    }

    public synchronized int size() {
        return entries.size();
    }

    public synchronized void flush() {
        try {
            log.flush();
            if (logLines > 1000 && logLines > 2L * entries.size()) {
                compact();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write URL store " + file, e);
        }
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

    private void compact() throws IOException {
        if (log != null) {
            log.close();
        }
        long cutoff = clock.millis() - expiry.toMillis();
        entries.values().removeIf(at -> at < cutoff);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (Map.Entry<String, Long> e : entries.entrySet()) {
                w.write(e.getValue() + "\t" + e.getKey() + "\n");
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        logLines = entries.size();
        log = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
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
