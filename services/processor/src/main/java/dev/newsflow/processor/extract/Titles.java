package dev.newsflow.processor.extract;

import java.util.Locale;
import java.util.regex.Pattern;

/** Headline cleanup: drops the " | Site name" part titles usually carry. */
final class Titles {
    private static final Pattern SEPARATOR = Pattern.compile("\\s+[|\\-–—·:»/]{1,2}\\s+");

    private Titles() {
    }

    static String clean(String title, String siteName, String h1) {
        if (title == null) {
            return null;
        }
        String t = title.strip();
        if (h1 != null && t.startsWith(h1) && h1.length() >= 10) {
            return h1;
        }
        String[] parts = SEPARATOR.split(t);
        if (parts.length < 2) {
            return t;
        }
        String last = parts[parts.length - 1];
        String first = parts[0];
        if (siteName != null) {
            String site = siteName.toLowerCase(Locale.ROOT);
            if (last.toLowerCase(Locale.ROOT).contains(site) || site.contains(last.toLowerCase(Locale.ROOT))) {
                return t.substring(0, t.length() - last.length()).replaceAll("[\\s|\\-–—·:»/]+$", "");
            }
            if (first.toLowerCase(Locale.ROOT).contains(site)) {
                return t.substring(first.length()).replaceAll("^[\\s|\\-–—·:»/]+", "");
            }
        }
        if (last.length() <= 30 && last.length() * 2 < t.length()) {
            return t.substring(0, t.length() - last.length()).replaceAll("[\\s|\\-–—·:»/]+$", "");
        }
        return t;
    }
}
