package dev.newsflow.processor.enrich;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Per-language stop-word lists from {@code enrich/stopwords.tsv}, for the languages that have one. */
public final class StopWords {
    private static volatile Map<String, Set<String>> lists;

    private StopWords() {
    }

    /** The list for a language, or null when there is none (then frequency-based stop words apply). */
    public static Set<String> forLanguage(String language) {
        return language == null ? null : lists().get(language);
    }

    private static Map<String, Set<String>> lists() {
        if (lists == null) {
            synchronized (StopWords.class) {
                if (lists == null) {
                    Map<String, Set<String>> m = new HashMap<>();
                    try (InputStream in = StopWords.class.getResourceAsStream("/enrich/stopwords.tsv")) {
                        if (in == null) {
                            throw new IllegalStateException("missing resource /enrich/stopwords.tsv");
                        }
                        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                        String line;
                        while ((line = r.readLine()) != null) {
                            if (line.isBlank() || line.startsWith("#")) {
                                continue;
                            }
                            String[] cols = line.split("\t", 2);
                            Set<String> words = new HashSet<>();
                            for (String w : cols[1].split(";")) {
                                words.add(Tokens.normalize(w.trim()));
                            }
                            m.put(cols[0].trim(), Set.copyOf(words));
                        }
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    lists = m;
                }
            }
        }
        return lists;
    }
}
