package dev.newsflow.processor.enrich;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Places we recognize, loaded from {@code enrich/gazetteer-*.tsv}: countries (with demonyms), capitals, cities,
 * regions and military bases, each with its ISO 3166-1 country code, indexed by normalized alias.
 */
public final class Gazetteer {
    static final String[] RESOURCES = {"/enrich/gazetteer-countries.tsv", "/enrich/gazetteer-places.tsv"};
    private static volatile Gazetteer standard;

    /** One place. Kind "-" marks a blocking phrase (e.g. "Latin America") that is matched and ignored. */
    public record Entry(String kind, String countryCode, String name) {
        boolean blocker() {
            return "-".equals(kind);
        }
    }

    /**
     * One way to write a place.
     *
     * @param entry   the place
     * @param guarded also a common personal name (Jordan, Chad, Washington): needs no capitalized neighbour
     * @param acronym written in capitals (US, UAE): must appear in capitals
     * @param caps    per token: the alias writes it capitalized, so the text must too
     */
    public record Alias(Entry entry, boolean guarded, boolean acronym, boolean[] caps) {
    }

    private final Map<String, List<Alias>> byKey = new HashMap<>();
    /** Every proper word-prefix of a multi-word key ("ain al" for "ain al asad"): lets a matcher stop extending early. */
    private final java.util.Set<String> prefixes = new java.util.HashSet<>();
    private final List<Entry> entries = new ArrayList<>();
    private int maxTokens = 1;

    public static Gazetteer standard() {
        Gazetteer g = standard;
        if (g == null) {
            synchronized (Gazetteer.class) {
                if (standard == null) {
                    Gazetteer loaded = new Gazetteer();
                    for (String r : RESOURCES) {
                        try (InputStream in = Gazetteer.class.getResourceAsStream(r)) {
                            if (in == null) {
                                throw new IllegalStateException("missing gazetteer resource " + r);
                            }
                            loaded.load(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), r);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }
                    standard = loaded;
                }
                g = standard;
            }
        }
        return g;
    }

    /** Reads lines of {@code kind TAB code TAB name TAB aliases;separated;by;semicolons}; '#' starts a comment line. */
    void load(BufferedReader reader, String origin) throws IOException {
        String line;
        int no = 0;
        while ((line = reader.readLine()) != null) {
            no++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t", -1);
            if (cols.length < 3) {
                throw new IllegalStateException(origin + ":" + no + ": expected kind, country code, name, aliases");
            }
            Entry entry = new Entry(cols[0].trim(), cols[1].trim(), cols[2].trim());
            entries.add(entry);
            List<String> aliases = new ArrayList<>();
            if (!entry.blocker()) {
                aliases.add(entry.name());
            }
            if (cols.length > 3) {
                for (String a : cols[3].split(";")) {
                    if (!a.isBlank()) {
                        aliases.add(a.trim());
                    }
                }
            }
            boolean nameGuarded = aliases.contains("~" + entry.name());
            for (String a : aliases) {
                boolean guarded = a.startsWith("~") || a.equals(entry.name()) && nameGuarded;
                String text = a.startsWith("~") ? a.substring(1) : a;
                if (a.equals(entry.name()) && nameGuarded) {
                    continue; // indexed once, through its '~' form
                }
                add(text, new Alias(entry, guarded, isAcronym(text), caps(text)));
            }
        }
    }

    private void add(String text, Alias alias) {
        String key = Tokens.key(text);
        if (key.isEmpty()) {
            return;
        }
        List<Alias> list = byKey.computeIfAbsent(key, k -> new ArrayList<>(1));
        if (list.stream().noneMatch(a -> a.entry().equals(alias.entry()))) {
            list.add(alias);
        }
        maxTokens = Math.max(maxTokens, key.split(" ").length);
        for (int i = key.indexOf(' '); i > 0; i = key.indexOf(' ', i + 1)) {
            prefixes.add(key.substring(0, i));
        }
    }

    /** Whether some key starts with {@code key} followed by more words (so a longer phrase may still match). */
    public boolean extendable(String key) {
        return prefixes.contains(key);
    }

    private static boolean[] caps(String text) {
        List<Tokens.Token> tokens = Tokens.of(text);
        boolean[] caps = new boolean[tokens.size()];
        for (int i = 0; i < caps.length; i++) {
            caps[i] = tokens.get(i).upper();
        }
        return caps;
    }

    private static boolean isAcronym(String text) {
        long letters = text.codePoints().filter(Character::isLetter).count();
        return letters >= 2 && letters <= 4 && text.codePoints().filter(Character::isLetter).allMatch(Character::isUpperCase);
    }

    /** Candidates for a normalized phrase, in file order (the first is the default when nothing disambiguates). */
    public List<Alias> lookup(String key) {
        return byKey.getOrDefault(key, List.of());
    }

    public int maxTokens() {
        return maxTokens;
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }
}
