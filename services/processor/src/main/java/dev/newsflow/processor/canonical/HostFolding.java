package dev.newsflow.processor.canonical;

import java.util.List;

/**
 * Folds the host variants publishers serve one site under: a leading {@code www.}, {@code www2.}, {@code m.},
 * {@code mobile.} or {@code amp.} label is removed, as long as at least two labels remain
 * ({@code m.example.com} → {@code example.com}, but {@code www.com} stays).
 */
public final class HostFolding {
    private static final List<String> PREFIXES = List.of("www.", "www2.", "www3.", "m.", "mobile.", "amp.");

    private HostFolding() {
    }

    public static String fold(String host) {
        if (host == null) {
            return "";
        }
        String h = host;
        boolean changed = true;
        while (changed) {
            changed = false;
            for (String prefix : PREFIXES) {
                if (h.startsWith(prefix) && h.indexOf('.', prefix.length()) > 0) {
                    h = h.substring(prefix.length());
                    changed = true;
                }
            }
        }
        return h;
    }
}
