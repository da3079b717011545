package dev.newsflow.app.demo;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** Escaping and small formatting helpers for the demo templates. */
final class Html {
    private static final DateTimeFormatter HUMAN = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", Locale.ENGLISH);

    private Html() {
    }

    static String text(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    static String attr(String s) {
        return text(s);
    }

    /** A {@code <time>} element with the ISO value (offset kept) and a readable local time. */
    static String time(OffsetDateTime t, String cssClass) {
        String zone = t.getOffset().getTotalSeconds() == 0 ? "GMT" : "UTC" + t.getOffset().getId();
        return "<time class=\"" + cssClass + "\" datetime=\"" + StructuredData.iso(t) + "\">"
                + text(t.format(HUMAN)) + " " + zone + "</time>";
    }

    /** "Jane Doe" or "Jane Doe and John Roe", each name wrapped by {@code wrap}. */
    static String names(List<String> names, java.util.function.Function<String, String> wrap) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                b.append(i == names.size() - 1 ? " and " : ", ");
            }
            b.append(wrap.apply(names.get(i)));
        }
        return b.toString();
    }

    static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
