package dev.newsflow.processor.extract;

import java.util.Locale;

/** Language codes: normalises declared values and guesses from the writing system when nothing is declared. */
final class Languages {
    private Languages() {
    }

    static String normalise(String lang) {
        if (lang == null) {
            return null;
        }
        String l = lang.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        int dash = l.indexOf('-');
        String primary = dash > 0 ? l.substring(0, dash) : l;
        return primary.length() >= 2 && primary.length() <= 3 && primary.chars().allMatch(c -> c >= 'a' && c <= 'z')
                ? primary : null;
    }

    /** Only scripts that name one language well enough; Latin text stays unknown rather than guessed. */
    static String guessFromScript(String text) {
        if (text == null) {
            return null;
        }
        int arabic = 0;
        int kana = 0;
        int han = 0;
        int hangul = 0;
        int cyrillic = 0;
        int greek = 0;
        int hebrew = 0;
        int persianLetters = 0;
        int n = Math.min(text.length(), 5000);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x370) {
                continue;
            }
            Character.UnicodeScript s = Character.UnicodeScript.of(c);
            switch (s) {
                case ARABIC -> {
                    arabic++;
                    if (c == '\u067e' || c == '\u0686' || c == '\u0698' || c == '\u06af' || c == '\u06cc') {
                        persianLetters++;
                    }
                }
                case HIRAGANA, KATAKANA -> kana++;
                case HAN -> han++;
                case HANGUL -> hangul++;
                case CYRILLIC -> cyrillic++;
                case GREEK -> greek++;
                case HEBREW -> hebrew++;
                default -> { }
            }
        }
        int letters = Math.max(1, n / 4);
        if (arabic > letters) {
            return persianLetters * 50 > arabic ? "fa" : "ar";
        }
        if (kana > letters / 4 && kana + han > letters) {
            return "ja";
        }
        if (han > letters) {
            return "zh";
        }
        if (hangul > letters) {
            return "ko";
        }
        if (greek > letters) {
            return "el";
        }
        if (hebrew > letters) {
            return "he";
        }
        return cyrillic > letters ? "ru" : null;
    }
}
