package dev.newsflow.processor.extract;

import java.util.ArrayList;
import java.util.List;

/**
 * A fixed list of words looked for where a word starts: the regular expression {@code (?:^|[^a-z])(?:w1|w2|…)} without
 * a regex engine. A word starts at the beginning of the text or after any character other than {@code a}–{@code z}; a
 * word written with a trailing {@code $} must also end there (at the end of the text or before a character other than
 * {@code a}–{@code z}, as {@code w(?:$|[^a-z])}). Case-sensitive, like the expressions it replaces.
 * <p>
 * The class names, ids and roles of every element of every page are tested against several such lists; Java's regex
 * engine tries each alternative at each position, a cost that showed up as ~15 % of extraction on pages whose
 * descriptors are new (ids like {@code post-12345} rarely repeat). Here a position costs one table look-up by its
 * first character. Immutable, shared by all threads.
 */
final class WordStarts {
    private final Word[][] byFirstChar = new Word[128][];

    private record Word(String text, boolean endsThere) {
    }

    /**
     * @param words lower-case ASCII words; a trailing {@code $} means the word must end where it is found (optional
     *              characters are written out: {@code "read-more", "readmore"})
     */
    WordStarts(String... words) {
        List<List<Word>> lists = new ArrayList<>();
        for (int c = 0; c < 128; c++) {
            lists.add(null);
        }
        for (String w : words) {
            boolean endsThere = w.endsWith("$");
            String text = endsThere ? w.substring(0, w.length() - 1) : w;
            if (text.isEmpty() || text.chars().anyMatch(c -> c >= 128 || c == '$')) {
                throw new IllegalArgumentException("not a non-empty ASCII word: '" + w + "'");
            }
            char first = text.charAt(0);
            if (lists.get(first) == null) {
                lists.set(first, new ArrayList<>());
            }
            lists.get(first).add(new Word(text, endsThere));
        }
        for (int c = 0; c < 128; c++) {
            if (lists.get(c) != null) {
                byFirstChar[c] = lists.get(c).toArray(new Word[0]);
            }
        }
    }

    /** Whether one of the words starts a word of {@code s} (as the regex's {@code find()}). */
    boolean foundIn(String s) {
        int n = s.length();
        boolean wordStart = true;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (wordStart && c < 128) {
                Word[] candidates = byFirstChar[c];
                if (candidates != null) {
                    for (Word w : candidates) {
                        int end = i + w.text.length();
                        if (s.startsWith(w.text, i) && (!w.endsThere || end == n || !isAsciiLower(s.charAt(end)))) {
                            return true;
                        }
                    }
                }
            }
            wordStart = !isAsciiLower(c);
        }
        return false;
    }

    private static boolean isAsciiLower(char c) {
        return c >= 'a' && c <= 'z';
    }
}
