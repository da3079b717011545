package dev.newsflow.app.ops;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Extracts the metric names a PromQL expression selects. A small lexer, enough for dashboards and alert rules:
 * it skips strings, label matchers, range/subquery brackets, numbers and durations, Grafana variables, function
 * and aggregation names, and the label lists after {@code by}, {@code without}, {@code on}, {@code ignoring},
 * {@code group_left} and {@code group_right}. Whatever identifier is left is a metric name.
 */
final class PromQl {
    private static final Set<String> AGGREGATIONS = Set.of("sum", "min", "max", "avg", "group", "stddev", "stdvar", "count",
            "count_values", "bottomk", "topk", "quantile", "limitk", "limit_ratio");
    private static final Set<String> LABEL_LIST_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "atan2", "inf", "nan", "start", "end");

    private PromQl() {
    }

    static Set<String> metricNames(String expr) {
        Set<String> names = new LinkedHashSet<>();
        int i = 0;
        int n = expr.length();
        int depth = 0;
        while (i < n) {
            char c = expr.charAt(i);
            if (c == '"' || c == '\'' || c == '`') {
                i = skipString(expr, i);
            } else if (c == '{') {
                int end = matching(expr, i, '{', '}');
                nameMatcher(expr.substring(i + 1, end), names);
                i = end + 1;
            } else if (c == '[') {
                i = matching(expr, i, '[', ']') + 1;
            } else if (c == '#') {
                int nl = expr.indexOf('\n', i);
                i = nl < 0 ? n : nl + 1;
            } else if (c == '$') {
                i = skipVariable(expr, i);
            } else if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(expr.charAt(i + 1))) {
                i = skipNumber(expr, i);
            } else if (isIdentStart(c)) {
                int end = i;
                while (end < n && isIdentPart(expr.charAt(end))) {
                    end++;
                }
                String ident = expr.substring(i, end);
                int next = skipSpace(expr, end);
                char after = next < n ? expr.charAt(next) : '\0';
                String lower = ident.toLowerCase(java.util.Locale.ROOT);
                if (LABEL_LIST_KEYWORDS.contains(lower)) {
                    i = after == '(' ? matching(expr, next, '(', ')') + 1 : end;
                    continue;
                }
                boolean function = after == '(';
                boolean aggregation = AGGREGATIONS.contains(lower) && (function || nextWordIs(expr, next, "by") || nextWordIs(expr, next, "without"));
                if (!function && !aggregation && !KEYWORDS.contains(lower)) {
                    names.add(ident);
                }
                i = end;
            } else {
                depth += c == '(' ? 1 : c == ')' ? -1 : 0;
                if (depth < 0) {
                    throw new IllegalArgumentException("unbalanced ')' at " + i + " in: " + expr);
                }
                i++;
            }
        }
        if (depth != 0) {
            throw new IllegalArgumentException("unbalanced '(' in: " + expr);
        }
        return names;
    }

    /** Picks up {@code __name__="metric"} inside a label matcher block. */
    private static void nameMatcher(String matchers, Set<String> names) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("__name__\\s*=\\s*[\"']([a-zA-Z_:][a-zA-Z0-9_:]*)[\"']").matcher(matchers);
        while (m.find()) {
            names.add(m.group(1));
        }
    }

    private static boolean nextWordIs(String s, int from, String word) {
        return s.regionMatches(true, from, word, 0, word.length())
                && (from + word.length() >= s.length() || !isIdentPart(s.charAt(from + word.length())));
    }

    private static int skipSpace(String s, int i) {
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipString(String s, int i) {
        char quote = s.charAt(i);
        int j = i + 1;
        while (j < s.length() && s.charAt(j) != quote) {
            j += s.charAt(j) == '\\' && quote != '`' ? 2 : 1;
        }
        return j + 1;
    }

    private static int skipVariable(String s, int i) {
        int j = i + 1;
        if (j < s.length() && s.charAt(j) == '{') {
            return s.indexOf('}', j) + 1;
        }
        while (j < s.length() && isIdentPart(s.charAt(j))) {
            j++;
        }
        return j;
    }

    private static int skipNumber(String s, int i) {
        int j = i;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '.'
                || (s.charAt(j) == '+' || s.charAt(j) == '-') && (s.charAt(j - 1) == 'e' || s.charAt(j - 1) == 'E'))) {
            j++;
        }
        return j;
    }

    /** Index of the bracket closing the one at {@code open}, skipping strings. */
    private static int matching(String s, int open, char o, char c) {
        int depth = 0;
        for (int j = open; j < s.length(); j++) {
            char ch = s.charAt(j);
            if (ch == '"' || ch == '\'' || ch == '`') {
                j = skipString(s, j) - 1;
            } else if (ch == o) {
                depth++;
            } else if (ch == c && --depth == 0) {
                return j;
            }
        }
        throw new IllegalArgumentException("unbalanced '" + o + "' at " + open + " in: " + s);
    }

    private static boolean isIdentStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c == ':';
    }

    private static boolean isIdentPart(char c) {
        return isIdentStart(c) || c >= '0' && c <= '9';
    }
}
