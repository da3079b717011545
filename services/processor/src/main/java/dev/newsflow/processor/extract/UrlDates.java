package dev.newsflow.processor.extract;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The day written in a page's URL path ({@code /2024/03/15/}, {@code /20240315/}, {@code /2024-03-15-slug}): the last
 * resort for the publication date, used only when the page itself states none. Many CMSs put the day of the first
 * publication there, but a URL also carries archive paths and ids that look like dates, so the confidence is low.
 */
final class UrlDates {
    /** Evidence name of a date read from the URL. */
    static final String EVIDENCE = "url";
    /** Lower than any date the page states. */
    static final double CONFIDENCE = 0.2;
    private static final LocalDate EARLIEST = LocalDate.of(1995, 1, 1);
    /** Longer URLs are cut: bounds the regex work on hostile input. */
    private static final int MAX_PATH = 2048;
    // Each pattern is anchored on non-digits on both sides, so ids such as 1202403151234 never match.
    private static final Pattern SLASHED = Pattern.compile("(?<![0-9])(\\d{4})/(\\d{1,2})/(\\d{1,2})(?![0-9])");
    private static final Pattern DASHED = Pattern.compile("(?<![0-9])(\\d{4})([-_.])(\\d{1,2})\\2(\\d{1,2})(?![0-9])");
    private static final Pattern COMPACT = Pattern.compile("(?<![0-9])(\\d{4})(\\d{2})(\\d{2})(?![0-9])");

    private UrlDates() {
    }

    /**
     * The day in {@code url}'s path, or null when there is none or it is not a plausible publication day (before
     * 1995 or after {@code latest}). The host and the query are not read. Never throws.
     */
    static PublicationDate find(String url, LocalDate latest) {
        LocalDate day = day(url, latest);
        return day == null ? null : PublicationDate.ofDay(day, EVIDENCE, CONFIDENCE);
    }

    static LocalDate day(String url, LocalDate latest) {
        String path = path(url);
        if (path.isEmpty() || latest == null) {
            return null;
        }
        for (Pattern p : new Pattern[] {SLASHED, DASHED}) {
            Matcher m = p.matcher(path);
            while (m.find()) {
                LocalDate d = valid(m.group(1), m.group(p == SLASHED ? 2 : 3), m.group(p == SLASHED ? 3 : 4), latest);
                if (d != null) {
                    return d;
                }
            }
        }
        Matcher m = COMPACT.matcher(path);
        while (m.find()) {
            LocalDate d = valid(m.group(1), m.group(2), m.group(3), latest);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    /** The path of {@code url}: after the authority, before {@code ?} or {@code #}; a relative URL is all path. */
    static String path(String url) {
        if (url == null) {
            return "";
        }
        String s = url.length() > MAX_PATH ? url.substring(0, MAX_PATH) : url;
        int start = 0;
        int scheme = s.indexOf("://");
        if (scheme >= 0) {
            int slash = s.indexOf('/', scheme + 3);
            if (slash < 0) {
                return "";
            }
            start = slash;
        } else if (s.startsWith("//")) {
            int slash = s.indexOf('/', 2);
            if (slash < 0) {
                return "";
            }
            start = slash;
        }
        int end = s.length();
        for (char c : new char[] {'?', '#'}) {
            int i = s.indexOf(c, start);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return s.substring(start, end);
    }

    private static LocalDate valid(String year, String month, String day, LocalDate latest) {
        try {
            LocalDate d = LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
            return d.isBefore(EARLIEST) || d.isAfter(latest) ? null : d;
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }
}
