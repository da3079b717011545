package dev.newsflow.fetcher.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * ETag / Last-Modified of every feed and sitemap, for conditional GET. Small (one line per discovery
 * URL), rewritten atomically on change.
 */
public final class ValidatorStore {
    private final Path file;
    private final Map<String, Validators> entries = new LinkedHashMap<>();

    /** What the server sent last time. */
    public record Validators(String etag, String lastModified) {
    }

    public ValidatorStore(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            if (Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String[] p = line.split("\t", -1);
                    if (p.length == 3) {
                        entries.put(p[0], new Validators(emptyToNull(p[1]), emptyToNull(p[2])));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    public synchronized Optional<Validators> get(String url) {
        return Optional.ofNullable(entries.get(url));
    }

    public synchronized void put(String url, String etag, String lastModified) {
        Validators v = new Validators(clean(etag), clean(lastModified));
        if (v.equals(entries.get(url))) {
            return;
        }
        if (v.etag() == null && v.lastModified() == null) {
            entries.remove(url);
        } else {
            entries.put(url, v);
        }
        save();
    }

    private void save() {
        List<String> lines = new ArrayList<>();
        entries.forEach((u, v) -> lines.add(u + "\t" + nullToEmpty(v.etag()) + "\t" + nullToEmpty(v.lastModified())));
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(tmp, lines, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
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
