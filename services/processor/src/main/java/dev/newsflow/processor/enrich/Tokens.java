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
            while (i < n && isWordChar(text.codePointAt(i))) {
                i += Character.charCount(text.codePointAt(i));
            }
            String word = text.substring(start, i);
            int first = word.codePointAt(0);
            boolean cased = Character.isUpperCase(first) || Character.isLowerCase(first);
            out.add(new Token(normalize(word), start, i, Character.isUpperCase(first), cased && allLettersUpper(word), cased));
        }
        return out;
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
        Character.UnicodeScript s = Character.UnicodeScript.of(cp);
        return s == Character.UnicodeScript.HAN || s == Character.UnicodeScript.HIRAGANA || s == Character.UnicodeScript.KATAKANA
                || s == Character.UnicodeScript.HANGUL;
    }
}
