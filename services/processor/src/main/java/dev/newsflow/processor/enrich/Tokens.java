package dev.newsflow.processor.enrich;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Word tokens of a text: runs of letters and digits, normalized (lower case, diacritics removed) for matching. */
public final class Tokens {
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

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

    public static List<Token> of(String text) {
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

    /** Normalized tokens joined with single spaces: the key a gazetteer alias is indexed under. */
    public static String key(String phrase) {
        StringBuilder sb = new StringBuilder();
        for (Token t : of(phrase)) {
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
