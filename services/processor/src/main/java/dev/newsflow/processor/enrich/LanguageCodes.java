package dev.newsflow.processor.enrich;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** ISO 639-3 (and 639-2) codes to ISO 639-1, including the individual languages detectors report for macrolanguages. */
public final class LanguageCodes {
    private static final Map<String, String> TO_1 = new HashMap<>();

    static {
        for (String two : Locale.getISOLanguages()) {
            try {
                TO_1.putIfAbsent(Locale.forLanguageTag(two).getISO3Language(), two);
            } catch (java.util.MissingResourceException ignored) {
                // no three-letter code known for this one
            }
        }
        // individual languages of macrolanguages, as language-identification models label them
        String[][] extra = {{"pes", "fa"}, {"prs", "fa"}, {"cmn", "zh"}, {"yue", "zh"}, {"wuu", "zh"}, {"arb", "ar"}, {"ary", "ar"},
            {"arz", "ar"}, {"apc", "ar"}, {"zsm", "ms"}, {"ekk", "et"}, {"lvs", "lv"}, {"swh", "sw"}, {"nob", "nb"}, {"nno", "nn"},
            {"uzn", "uz"}, {"khk", "mn"}, {"azj", "az"}, {"azb", "az"}, {"plt", "mg"}, {"npi", "ne"}, {"ory", "or"}, {"gug", "gn"},
            {"pbt", "ps"}, {"pbu", "ps"}, {"ydd", "yi"}, {"als", "sq"}, {"quz", "qu"}, {"kmr", "ku"}, {"ckb", "ku"}, {"fas", "fa"},
            {"per", "fa"}, {"zho", "zh"}, {"chi", "zh"}, {"fre", "fr"}, {"ger", "de"}, {"dut", "nl"}, {"gre", "el"}, {"cze", "cs"},
            {"heb", "he"}, {"ind", "id"}, {"yid", "yi"}, {"jav", "jv"}, {"tgl", "tl"}, {"fil", "tl"}, {"hbs", "sh"}};
        for (String[] e : extra) {
            TO_1.put(e[0], e[1]);
        }
    }

    private LanguageCodes() {
    }

    /** The ISO 639-1 code for {@code code}; a code without a two-letter form is returned lower-cased as is. */
    public static String toIso1(String code) {
        if (code == null || code.isBlank()) {
            return null;
        }
        String c = code.trim().toLowerCase(Locale.ROOT);
        int dash = c.indexOf('-');
        if (dash > 0) {
            c = c.substring(0, dash);
        }
        return c.length() == 2 ? c : TO_1.getOrDefault(c, c);
    }
}
