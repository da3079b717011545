package dev.newsflow.processor.extract;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the date formats pages use, in many languages. Returns the day as written (the page's own zone). */
final class DateText {
    static final LocalDate EARLIEST = LocalDate.of(1995, 1, 1);

    private static final Map<String, Integer> MONTHS = new HashMap<>();
    private static final List<String> MONTH_WORDS;
    private static final String MONTH_WORD;

    static {
        String[][] names = {
            {"january", "jan", "januar", "jänner", "janvier", "janv", "enero", "ene", "gennaio", "gen", "januari", "janeiro", "stycznia", "leden", "ocak"},
            {"february", "feb", "februar", "feber", "février", "févr", "fevrier", "febrero", "febbraio", "februari", "fevereiro", "fev", "lutego", "şubat"},
            {"march", "mar", "märz", "mär", "maerz", "mars", "marzo", "maart", "março", "marco", "marca", "mart", "mrz"},
            {"april", "apr", "avril", "avr", "abril", "abr", "aprile", "kwietnia", "nisan"},
            {"may", "mai", "mayo", "maggio", "mei", "maio", "maja", "mayıs"},
            {"june", "jun", "juni", "juin", "junio", "giugno", "junho", "czerwca", "haziran"},
            {"july", "jul", "juli", "juillet", "juil", "julio", "luglio", "julho", "lipca", "temmuz"},
            {"august", "aug", "août", "aout", "agosto", "ago", "augustus", "sierpnia", "ağustos"},
            {"september", "sep", "sept", "septembre", "septiembre", "settembre", "set", "setembro", "września", "eylül"},
            {"october", "oct", "oktober", "okt", "octobre", "octubre", "ottobre", "ott", "outubro", "out", "października", "ekim"},
            {"november", "nov", "novembre", "noviembre", "novembro", "listopada", "kasım"},
            {"december", "dec", "dezember", "dez", "décembre", "déc", "decembre", "diciembre", "dic", "dicembre", "desember", "dezembro", "grudnia", "aralık"},
        };
        List<String> all = new ArrayList<>();
        for (int m = 0; m < names.length; m++) {
            for (String n : names[m]) {
                MONTHS.putIfAbsent(n, m + 1);
                all.add(n);
            }
        }
        all.sort((a, b) -> b.length() - a.length());
        MONTH_WORDS = List.copyOf(all);
        MONTH_WORD = byFirstCharacter(all);
    }

    /**
     * The alternation of {@code words} (tried in their order) with each first character written once:
     * {@code j(?:anuary|anuari|…)|f(?:ebruary|…)}. It matches what the flat {@code january|february|…} matches, with the
     * same captured word (words with different first characters never match at the same place, and each group keeps
     * the words' order), but the engine compares a position's character with ~25 first characters instead of ~150
     * words ({@code DateTextTest} compares both expressions).
     */
    static String byFirstCharacter(List<String> words) {
        Map<Character, List<String>> groups = new LinkedHashMap<>();
        for (String w : words) {
            groups.computeIfAbsent(w.charAt(0), c -> new ArrayList<>()).add(w.substring(1));
        }
        StringBuilder alt = new StringBuilder();
        for (Map.Entry<Character, List<String>> g : groups.entrySet()) {
            if (alt.length() > 0) {
                alt.append('|');
            }
            alt.append(Pattern.quote(String.valueOf(g.getKey()))).append("(?:");
            for (int i = 0; i < g.getValue().size(); i++) {
                alt.append(i > 0 ? "|" : "").append(Pattern.quote(g.getValue().get(i)));
            }
            alt.append(')');
        }
        return alt.toString();
    }

    /** Every month word, longest first: the expressions try them in this order. */
    static List<String> monthWords() {
        return MONTH_WORDS;
    }

    private static final Pattern ISO = Pattern.compile(
            "(?<![\\d])((?:19|20)\\d{2})-(\\d{1,2})-(\\d{1,2})(?:[T ](\\d{1,2}):(\\d{2})(?::(\\d{1,2})(?:[.,]\\d+)?)?"
            + "\\s*(Z|[+-]\\d{2}:?\\d{2})?)?");
    private static final Pattern COMPACT = Pattern.compile("^((?:19|20)\\d{2})(\\d{2})(\\d{2})(?:T?\\d{4,6})?$");
    private static final Pattern YMD_SLASH = Pattern.compile("(?<!\\d)((?:19|20)\\d{2})[/.](\\d{1,2})[/.](\\d{1,2})(?!\\d)");
    private static final Pattern DMY_NUMERIC = Pattern.compile("(?<![\\d.])(\\d{1,2})([./-])(\\d{1,2})\\2((?:19|20)\\d{2}|\\d{2})(?![\\d])");
    static final Pattern DAY_MONTH_YEAR = Pattern.compile("(?iu)(?<![\\d\\p{L}])(\\d{1,2})(?:\\.|st|nd|rd|th|er|º)?"
            + "(?:\\s+de)?\\s*(" + MONTH_WORD + ")\\.?,?(?:\\s+de)?\\s+((?:19|20)\\d{2})(?!\\d)");
    /** {@code (?=\p{L})}: every month word starts with a letter, so other places fail before the alternation. */
    static final Pattern MONTH_DAY_YEAR = Pattern.compile("(?iu)(?<![\\p{L}])(?=\\p{L})(" + MONTH_WORD + ")\\.?\\s+(\\d{1,2})"
            + "(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d{2})(?!\\d)");
    private static final Pattern RFC = Pattern.compile("(?i)^[a-z]{3},\\s+(\\d{1,2})\\s+([a-z]{3})\\s+(\\d{4})");
    private static final Pattern CJK = Pattern.compile("((?:19|20)\\d{2})\\s*[年년]\\s*(\\d{1,2})\\s*[月월]\\s*(\\d{1,2})\\s*[日일]");

    private DateText() {
    }

    /** A day (and the instant when the text gives time and zone). */
    record Parsed(LocalDate day, Instant instant, int start, int end) {
    }

    /** Parses a machine-readable value (attribute, meta content, JSON-LD): ISO first, then any human format. */
    static Parsed parseValue(String value, LocalDate latest, boolean dayFirst) {
        if (value == null) {
            return null;
        }
        String v = value.strip();
        Matcher m = COMPACT.matcher(v);
        if (m.matches()) {
            LocalDate d = date(m.group(1), m.group(2), m.group(3), latest);
            return d == null ? null : new Parsed(d, null, 0, v.length());
        }
        Parsed iso = iso(v, latest, 0);
        if (iso != null) {
            return iso;
        }
        m = RFC.matcher(v);
        if (m.find()) {
            Integer month = MONTHS.get(m.group(2).toLowerCase(Locale.ROOT));
            LocalDate d = month == null ? null : date(m.group(3), month.toString(), m.group(1), latest);
            if (d != null) {
                return new Parsed(d, null, 0, v.length());
            }
        }
        return find(v, latest, dayFirst);
    }

    private static Parsed iso(String v, LocalDate latest, int from) {
        Matcher m = ISO.matcher(v);
        if (!m.find(from)) {
            return null;
        }
        LocalDate d = date(m.group(1), m.group(2), m.group(3), latest);
        if (d == null) {
            return null;
        }
        Instant instant = null;
        if (m.group(4) != null && m.group(7) != null) {
            try {
                String zone = m.group(7).equals("Z") ? "Z" : m.group(7).replace(":", "");
                ZoneOffset off = zone.equals("Z") ? ZoneOffset.UTC : ZoneOffset.of(zone.substring(0, 3) + ":" + zone.substring(3));
                instant = OffsetDateTime.of(d.getYear(), d.getMonthValue(), d.getDayOfMonth(), Integer.parseInt(m.group(4)),
                        Integer.parseInt(m.group(5)), m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), 0, off).toInstant();
            } catch (DateTimeException | NumberFormatException e) {
                instant = null;
            }
        }
        return new Parsed(d, instant, m.start(), m.end());
    }

    private static final int WINDOW = 45;

    /**
     * The first date written in human text, in any supported format. Long texts are only searched around four-digit
     * years: every supported format has one, and the month-name patterns are too costly to run over a whole page.
     */
    static Parsed find(String text, LocalDate latest, boolean dayFirst) {
        return find(text, 0, text.length(), latest, dayFirst);
    }

    /** The first date written in {@code text} between {@code from} and {@code end}; positions are in {@code text}. */
    static Parsed find(String text, int from, int end, LocalDate latest, boolean dayFirst) {
        if (end - from <= 2 * WINDOW) {
            return shifted(findDirect(text.substring(from, end), latest, dayFirst), from);
        }
        int searchedTo = from;
        for (int i = yearAt(text, from, end); i >= 0; i = yearAt(text, i + 4, end)) {
            int lo = Math.max(from, i - WINDOW);
            int to = Math.min(end, i + WINDOW);
            if (to <= Math.max(searchedTo, lo)) {
                continue;
            }
            Parsed p = findDirect(text.substring(lo, to), latest, dayFirst);
            if (p != null) {
                return shifted(p, lo);
            }
            searchedTo = i;
        }
        return null;
    }

    private static Parsed shifted(Parsed p, int offset) {
        return p == null || offset == 0 ? p : new Parsed(p.day(), p.instant(), p.start() + offset, p.end() + offset);
    }

    /** Index of the next "19xx"/"20xx" not inside a longer number, or -1. */
    private static int yearAt(String text, int from, int end) {
        for (int i = Math.max(0, from); i + 4 <= end; i++) {
            char a = text.charAt(i);
            char b = text.charAt(i + 1);
            if ((a == '1' && b == '9' || a == '2' && b == '0') && isDigit(text.charAt(i + 2)) && isDigit(text.charAt(i + 3))
                    && (i == 0 || !isDigit(text.charAt(i - 1)))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * The earliest date any format finds in {@code text}. Every format but the numeric day-month-year one needs a
     * "19xx"/"20xx" year somewhere in the text, so a text without one is given to that format alone: the same answer
     * without running six expressions ({@code DateTextTest} compares).
     */
    static Parsed findDirect(String text, LocalDate latest, boolean dayFirst) {
        return hasCentury(text) ? findAnyFormat(text, latest, dayFirst) : numericDayMonthYear(text, latest, dayFirst, null);
    }

    /** Whether "19" or "20" followed by two digits occurs anywhere (a digit before it or not). */
    static boolean hasCentury(String text) {
        int n = text.length();
        for (int i = 0; i + 4 <= n; i++) {
            char a = text.charAt(i);
            if ((a == '1' && text.charAt(i + 1) == '9' || a == '2' && text.charAt(i + 1) == '0')
                    && isDigit(text.charAt(i + 2)) && isDigit(text.charAt(i + 3))) {
                return true;
            }
        }
        return false;
    }

    static Parsed findAnyFormat(String text, LocalDate latest, boolean dayFirst) {
        Parsed best = null;
        best = earlier(best, iso(text, latest, 0));
        Matcher m = DAY_MONTH_YEAR.matcher(text);
        if (m.find()) {
            best = earlier(best, named(m.group(3), m.group(2), m.group(1), latest, m));
        }
        m = MONTH_DAY_YEAR.matcher(text);
        if (m.find()) {
            best = earlier(best, named(m.group(3), m.group(1), m.group(2), latest, m));
        }
        m = YMD_SLASH.matcher(text);
        if (m.find()) {
            LocalDate d = date(m.group(1), m.group(2), m.group(3), latest);
            best = earlier(best, d == null ? null : new Parsed(d, null, m.start(), m.end()));
        }
        best = numericDayMonthYear(text, latest, dayFirst, best);
        m = CJK.matcher(text);
        if (m.find()) {
            LocalDate d = date(m.group(1), m.group(2), m.group(3), latest);
            best = earlier(best, d == null ? null : new Parsed(d, null, m.start(), m.end()));
        }
        return best;
    }

    /** The first valid numeric day-month-year date ("05.11.2026", "11/5/26") if earlier than {@code best}, else {@code best}. */
    private static Parsed numericDayMonthYear(String text, LocalDate latest, boolean dayFirst, Parsed best) {
        Matcher m = DMY_NUMERIC.matcher(text);
        while (m.find()) {
            String year = m.group(4).length() == 2 ? "20" + m.group(4) : m.group(4);
            boolean dotted = m.group(2).equals(".");
            LocalDate d = dayFirst || dotted ? date(year, m.group(3), m.group(1), latest) : date(year, m.group(1), m.group(3), latest);
            if (d == null) {
                d = dayFirst || dotted ? date(year, m.group(1), m.group(3), latest) : date(year, m.group(3), m.group(1), latest);
            }
            if (d != null) {
                return earlier(best, new Parsed(d, null, m.start(), m.end()));
            }
        }
        return best;
    }

    /** Up to {@code limit} distinct days written in {@code text}. */
    static Set<LocalDate> findAll(String text, LocalDate latest, boolean dayFirst, int limit) {
        Set<LocalDate> out = new LinkedHashSet<>();
        int from = 0;
        while (out.size() < limit && from < text.length()) {
            Parsed p = find(text.substring(from), latest, dayFirst);
            if (p == null) {
                break;
            }
            out.add(p.day());
            from += Math.max(1, p.end());
        }
        return out;
    }

    private static Parsed named(String year, String monthWord, String day, LocalDate latest, Matcher m) {
        Integer month = MONTHS.get(monthWord.toLowerCase(Locale.ROOT));
        LocalDate d = month == null ? null : date(year, month.toString(), day, latest);
        return d == null ? null : new Parsed(d, null, m.start(), m.end());
    }

    private static Parsed earlier(Parsed a, Parsed b) {
        if (a == null) {
            return b;
        }
        return b == null || a.start() <= b.start() ? a : b;
    }

    static LocalDate date(String year, String month, String day, LocalDate latest) {
        try {
            LocalDate d = LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
            return d.isBefore(EARLIEST) || d.isAfter(latest) ? null : d;
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }
}
