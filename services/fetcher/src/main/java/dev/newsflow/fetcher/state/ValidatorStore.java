package dev.newsflow.fetcher.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ETag / Last-Modified of every feed and sitemap, for conditional GET. Small (one line per discovery URL: {@code url
 * TAB etag TAB last-modified TAB last-used epoch millis}), rewritten atomically on change. A document not asked for
 * within the expiry (a sitemap child that left its index, a feed of a removed source) is forgotten, so the store
 * follows the documents in use; files written before the last-used column load with "used now".
 */
public final class ValidatorStore {
    /** The entries' last use reaches the file at least this often. */
    private static final long PERSIST_USE_EVERY_MILLIS = Duration.ofDays(1).toMillis();

    private final Path file;
    private final Duration expiry;
    private final Clock clock;
    private final Map<String, Slot> entries = new LinkedHashMap<>();
    /** When the file was last written: a save writes every entry's last use. */
    private long savedAt;

    /** What the server sent last time. */
    public record Validators(String etag, String lastModified) {
    }

    private static final class Slot {
        final Validators validators;
        long usedAt;

        Slot(Validators validators, long usedAt) {
            this.validators = validators;
            this.usedAt = usedAt;
        }
    }

    /** A store whose entries expire after 30 days without use. */
    public ValidatorStore(Path file) {
        this(file, Duration.ofDays(30), Clock.systemUTC());
    }

    public ValidatorStore(Path file, Duration expiry, Clock clock) {
        this.file = file;
        this.expiry = expiry;
        this.clock = clock;
        long now = clock.millis();
        this.savedAt = now;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] p = line.split("\t", -1);
                    if (p.length == 3 || p.length == 4) {
                        long usedAt = p.length == 4 ? parseOr(p[3], now) : now;
                        if (!expired(usedAt, now)) {
                            entries.put(p[0], new Slot(new Validators(emptyToNull(p[1]), emptyToNull(p[2])), usedAt));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public synchronized Optional<Validators> get(String url) {
        Slot slot = entries.get(url);
        if (slot == null) {
            return Optional.empty();
        }
        long now = clock.millis();
        if (expired(slot.usedAt, now)) {
            entries.remove(url);
            save();
            return Optional.empty();
        }
        slot.usedAt = now;
        if (now - savedAt > PERSIST_USE_EVERY_MILLIS) {
            save(); // one write a day carries every entry's last use (a 304 answer changes nothing else)
        }
        return Optional.of(slot.validators);
    }

    public synchronized void put(String url, String etag, String lastModified) {
        Validators v = new Validators(clean(etag), clean(lastModified));
        Slot slot = entries.get(url);
        long now = clock.millis();
        if (slot != null && v.equals(slot.validators)) {
            slot.usedAt = now;
            return;
        }
        if (v.etag() == null && v.lastModified() == null) {
            entries.remove(url);
        } else {
            entries.put(url, new Slot(v, now));
        }
        save();
    }

    public synchronized int size() {
        return entries.size();
    }

    /** Writes the entries still in use (the expired ones leave memory too). */
    private void save() {
        long now = clock.millis();
        entries.values().removeIf(slot -> expired(slot.usedAt, now));
        List<String> lines = new ArrayList<>();
        entries.forEach((u, slot) -> lines.add(u + "\t" + nullToEmpty(slot.validators.etag()) + "\t"
                + nullToEmpty(slot.validators.lastModified()) + "\t" + slot.usedAt));
        savedAt = now;
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private boolean expired(long usedAt, long now) {
        return usedAt < now - expiry.toMillis();
    }

    private static long parseOr(String s, long fallback) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static String clean(String v) {
        return v == null || v.isBlank() || v.length() > 512 ? null : v.replaceAll("[\\t\\r\\n]", " ").trim();
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
