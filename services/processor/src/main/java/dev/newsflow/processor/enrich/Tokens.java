package dev.newsflow.processor.enrich;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Word tokens of a text: runs of letters and digits, normalized (lower case, diacritics removed) for matching. */
public final class Tokens {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    /** Texts remembered per thread: a page's title and body, read by places and then by keywords on the same worker. */
    static final int REMEMBERED = 4;
    private static final ThreadLocal<Recent> RECENT = ThreadLocal.withInitial(Recent::new);

    private Tokens() {
    }

    /**
     * One word of the text.
     *
     * @param norm     lower-case form without diacritics
     * @param start    offset of the first char in the text
     * @param end      offset after the last char
     * @param upper    first letter is upper case (false for scripts without case)
     * @param allUpper every letter is upper case (acronyms)
     * @param cased    the word is written in a script with letter case (Latin, Cyrillic, Greek...)
     */
    public record Token(String norm, int start, int end, boolean upper, boolean allUpper, boolean cased) {
    }

    /**
     * The tokens of {@code text} (unmodifiable). The last {@value #REMEMBERED} texts tokenized on the calling thread are
     * remembered by instance, so the enrichers of one page — places in the parse step, keyword counts right after it on
     * the same parse worker, both reading the draft's own title and body strings — tokenize each text once.
     */
    public static List<Token> of(String text) {
        Recent recent = RECENT.get();
        List<Token> known = recent.of(text);
        if (known != null) {
            return known;
        }
        List<Token> tokens = Collections.unmodifiableList(tokenize(text));
        recent.remember(text, tokens);
        return tokens;
    }

    /** The last few texts tokenized on one thread, compared by identity (no hashing or comparing of the text). */
    private static final class Recent {
        private final String[] texts = new String[REMEMBERED];
        @SuppressWarnings("unchecked")
        private final List<Token>[] tokens = new List[REMEMBERED];
        private int next;

        List<Token> of(String text) {
            for (int i = 0; i < REMEMBERED; i++) {
                if (texts[i] == text) {
                    return tokens[i];
                }
            }
            return null;
        }

        void remember(String text, List<Token> t) {
            texts[next] = text;
            tokens[next] = t;
            next = (next + 1) % REMEMBERED;
        }
    }

    private static List<Token> tokenize(String text) {
        List<Token> out = new ArrayList<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            if (!isWordChar(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            boolean ascii = true;
            while (i < n) {
                int c = text.codePointAt(i);
                if (!isWordChar(c)) {
                    break;
                }
                ascii &= c < 128;
                i += Character.charCount(c);
            }
            out.add(ascii ? asciiToken(text, start, i) : token(text.substring(start, i), start, i));
        }
        return out;
    }

    private static Token token(String word, int start, int end) {
        int first = word.codePointAt(0);
        boolean cased = Character.isUpperCase(first) || Character.isLowerCase(first);
        return new Token(normalize(word), start, end, Character.isUpperCase(first), cased && allLettersUpper(word), cased);
    }

    /** As {@link #token} for a word of ASCII letters and digits, without the Unicode lookups. */
    private static Token asciiToken(String text, int start, int end) {
        boolean anyUpper = false;
        boolean anyLower = false;
        for (int k = start; k < end; k++) {
            char c = text.charAt(k);
            anyUpper |= c >= 'A' && c <= 'Z';
            anyLower |= c >= 'a' && c <= 'z';
        }
        char first = text.charAt(start);
        boolean upper = first >= 'A' && first <= 'Z';
        boolean cased = upper || first >= 'a' && first <= 'z';
        String word = text.substring(start, end);
        return new Token(anyUpper ? word.toLowerCase(Locale.ROOT) : word, start, end, upper, cased && !anyLower, cased);
    }

    private static boolean allLettersUpper(String word) {
        for (int k = 0; k < word.length(); ) {
            int cp = word.codePointAt(k);
            if (Character.isLetter(cp) && !Character.isUpperCase(cp)) {
                return false;
            }
            k += Character.charCount(cp);
        }
        return true;
    }

    /** Lower case without diacritics, so 'Türkiye', 'TURKIYE' and 'turkiye' compare equal. */
    public static String normalize(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (isAscii(lower)) {
            return lower;
        }
        return MARKS.matcher(Normalizer.normalize(lower, Normalizer.Form.NFD)).replaceAll("").replace('ı', 'i');
    }

    private static boolean isAscii(String s) {
        for (int k = 0; k < s.length(); k++) {
            if (s.charAt(k) >= 128) {
                return false;
            }
        }
        return true;
    }

    /**
     * Normalized tokens joined with single spaces: the key a gazetteer alias is indexed under. Not remembered by
     * {@link #of}: these short phrases (aliases, labels) would push a page's title and body out of the thread's memory.
     */
    public static String key(String phrase) {
        StringBuilder sb = new StringBuilder();
        for (Token t : tokenize(phrase)) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            sb.append(t.norm());
        }
        return sb.toString();
    }

    static boolean isWordChar(int cp) {
        if (cp < 128) {
            int lower = cp | 0x20;
            return lower >= 'a' && lower <= 'z' || cp >= '0' && cp <= '9';
        }
        return Character.isLetterOrDigit(cp) || Character.getType(cp) == Character.NON_SPACING_MARK
                || Character.getType(cp) == Character.COMBINING_SPACING_MARK || cp == 0x200C; // ZWNJ inside Persian words
    }

    /** True for Han, Hiragana, Katakana and Hangul: scripts written without spaces between words. */
    public static boolean isCjk(int cp) {
        if (cp < 0x1100) {
            return false; // the first of these scripts' code points is U+1100 (Hangul Jamo)
        }
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA || s == Character.UnicodeScript.KATAKANA
                || s == Character.UnicodeScript.HANGUL;
    }
}
