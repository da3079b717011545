package dev.newsflow.processor.enrich;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** The small category taxonomy ({@code enrich/taxonomy.tsv}) and the mapping of publisher sections and URL paths onto it. */
public final class Taxonomy {
    public static final String OPINION = "opinion";
    private static final Pattern LEVELS = Pattern.compile("\\s*(?:>|»|›|/|\\||·|::|→)\\s*");
    private static final Pattern DATE_OR_ID = Pattern.compile("\\d+|[a-z]?\\d[\\w-]*");
    private static volatile Taxonomy standard;
    private final Map<String, String> termToCategory = new LinkedHashMap<>();
    private final Set<String> categories = new LinkedHashSet<>();
    private int maxTerms = 1;

    public static Taxonomy standard() {
        if (standard == null) {
            synchronized (Taxonomy.class) {
                if (standard == null) {
                    try (InputStream in = Taxonomy.class.getResourceAsStream("/enrich/taxonomy.tsv")) {
                        if (in == null) {
                            throw new IllegalStateException("missing resource /enrich/taxonomy.tsv");
                        }
                        standard = load(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return standard;
    }

    static Taxonomy load(BufferedReader reader) throws IOException {
        Taxonomy t = new Taxonomy();
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t", 2);
            String category = cols[0].trim();
            t.categories.add(category);
            if (cols.length > 1) {
                for (String term : cols[1].split(";")) {
                    String key = Tokens.key(term);
                    if (!key.isEmpty()) {
                        t.termToCategory.putIfAbsent(key, category);
                        t.maxTerms = Math.max(t.maxTerms, key.split(" ").length);
                    }
                }
            }
        }
        return t;
    }

    public Set<String> categories() {
        return Set.copyOf(categories);
    }

    /** The category for a raw section (breadcrumb trail or section name), then the URL path; null when nothing matches. */
    public String categorize(String section, String url) {
        List<String> fromSection = new ArrayList<>();
        if (section != null && !section.isBlank()) {
            for (String level : LEVELS.split(section.trim())) {
                fromSection.add(match(level));
            }
        }
        List<String> fromPath = new ArrayList<>();
        for (String segment : pathSegments(url)) {
            fromPath.add(match(segment.replace('-', ' ').replace('_', ' ')));
        }
        if (fromSection.contains(OPINION) || fromPath.contains(OPINION)) {
            return OPINION;
        }
        String s = deepest(fromSection);
        return s != null ? s : deepest(fromPath);
    }

    private static String deepest(List<String> matches) {
        for (int i = matches.size() - 1; i >= 0; i--) {
            if (matches.get(i) != null) {
                return matches.get(i);
            }
        }
        return null;
    }

    /** A whole label that is a term, else the longest term found inside it (e.g. "Middle East news" → world). */
    String match(String label) {
        String key = Tokens.key(label);
        if (key.isEmpty()) {
            return null;
        }
        String whole = termToCategory.get(key);
        if (whole != null) {
            return whole;
        }
        String[] words = key.split(" ");
        for (int len = Math.min(maxTerms, words.length); len >= 1; len--) {
            for (int i = 0; i + len <= words.length; i++) {
                String c = termToCategory.get(String.join(" ", java.util.Arrays.copyOfRange(words, i, i + len)));
                if (c != null) {
                    return c;
                }
            }
        }
        return null;
    }

    /** Path segments that look like section names: not the last one (the story slug), no dates or ids. */
    static List<String> pathSegments(String url) {
        if (url == null) {
            return List.of();
        }
        String path;
        try {
            path = URI.create(url.trim().replace(" ", "%20")).getPath();
        } catch (IllegalArgumentException e) {
            return List.of();
        }
        if (path == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        String[] segs = path.split("/");
        for (int i = 0; i < segs.length - 1; i++) {
            String s = segs[i].toLowerCase(Locale.ROOT);
            if (!s.isEmpty() && !DATE_OR_ID.matcher(s).matches() && s.length() <= 40) {
                try {
                    out.add(java.net.URLDecoder.decode(s, StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    out.add(s);
                }
            }
        }
        return out;
    }
}
