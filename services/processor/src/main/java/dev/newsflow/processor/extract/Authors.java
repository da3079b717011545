package dev.newsflow.processor.extract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/** People credited with the article: no "By", no dates, no desks or agencies, deduplicated. */
final class Authors {
    private static final Pattern PREFIX = Pattern.compile("(?iu)^(?:written\\s+by|posted\\s+by|reported\\s+by|by|von|par|por"
            + "|door|di|av|autor(?:in)?:?|author:?)\\s+");
    private static final Pattern SPLIT = Pattern.compile("(?iu)\\s*(?:,|;|&|\\band\\b|\\bund\\b|\\bet\\b|\\by\\b|\\|)\\s*");
    private static final Pattern NOT_A_PERSON = Pattern.compile("(?iu).*(?:\\d|@|https?:|staff|desk|editor(?:s|ial)?\\b"
            + "|team|newsroom|redaktion|agency|associated press|reuters|\\bafp\\b|\\bdpa\\b|\\bap\\b|correspondent|updated"
            + "|published|contributor|admin|guest).*");

    private Authors() {
    }

    static List<String> find(PageIndex index, JsonLd ld) {
        List<String> raw = new ArrayList<>();
        for (JsonNode a : ld.articles()) {
            JsonNode author = a.get("author");
            if (author == null) {
                continue;
            }
            if (author.isArray()) {
                author.forEach(x -> addName(raw, x));
            } else {
                addName(raw, author);
            }
        }
        if (raw.isEmpty()) {
            raw.addAll(index.metaAuthors);
        }
        if (raw.isEmpty()) {
            List<Element> candidates = new ArrayList<>(index.authorElements);
            candidates.addAll(index.authorNamed());
            for (Element e : candidates) {
                String text = VisibleDates.boundedText(e, 120);
                if (text != null) {
                    raw.add(text);
                }
            }
        }
        return clean(raw);
    }

    private static void addName(List<String> raw, JsonNode author) {
        String name = author.isObject() ? JsonLd.text(author.get("name")) : JsonLd.text(author);
        if (name != null) {
            raw.add(name);
        }
    }

    static List<String> clean(List<String> raw) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String r : raw) {
            String s = r.strip();
            s = PREFIX.matcher(s).replaceFirst("");
            for (String part : SPLIT.split(s)) {
                String name = part.strip().replaceAll("\\s+", " ");
                if (isPerson(name)) {
                    out.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    private static boolean isPerson(String name) {
        if (name.length() < 3 || name.length() > 50 || name.startsWith("http")) {
            return false;
        }
        int words = name.split(" ").length;
        return words <= 5 && !NOT_A_PERSON.matcher(name).matches() && Character.isLetter(name.charAt(0));
    }
}
