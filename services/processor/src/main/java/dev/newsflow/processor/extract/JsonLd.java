package dev.newsflow.processor.extract;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The schema.org objects a page declares in {@code <script type="application/ld+json">}, flattened. */
final class JsonLd {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, JsonReadFeature.ALLOW_TRAILING_COMMA,
                    JsonReadFeature.ALLOW_JAVA_COMMENTS, JsonReadFeature.ALLOW_SINGLE_QUOTES,
                    JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER)
            .build();
    private static final Set<String> ARTICLE_TYPES = Set.of("article", "newsarticle", "blogposting", "reportagenewsarticle",
            "analysisnewsarticle", "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "liveblogposting",
            "techarticle", "scholarlyarticle", "report", "socialmediaposting", "posting", "discussionforumposting");
    private static final int MAX_SCRIPT_CHARS = 2_000_000;
    private static final int MAX_OBJECTS = 500;

    private final List<JsonNode> articles;
    private final List<JsonNode> others;

    private JsonLd(List<JsonNode> articles, List<JsonNode> others) {
        this.articles = articles;
        this.others = others;
    }

    static JsonLd of(PageIndex index) {
        List<JsonNode> articles = new ArrayList<>();
        List<JsonNode> others = new ArrayList<>();
        for (String script : index.jsonLdScripts) {
            String json = script.trim();
            if (json.isEmpty() || json.length() > MAX_SCRIPT_CHARS) {
                continue;
            }
            try (JsonParser parser = MAPPER.createParser(json)) {
                JsonNode root = MAPPER.readTree(parser);
                collect(root, articles, others);
            } catch (Exception e) {
                // A broken block says nothing; the rest of the page still does.
            }
        }
        return new JsonLd(articles, others);
    }

    private static void collect(JsonNode root, List<JsonNode> articles, List<JsonNode> others) {
        Deque<JsonNode> todo = new ArrayDeque<>();
        if (root != null) {
            todo.add(root);
        }
        int seen = 0;
        while (!todo.isEmpty() && seen++ < MAX_OBJECTS) {
            JsonNode n = todo.poll();
            if (n.isArray()) {
                n.forEach(todo::add);
                continue;
            }
            if (!n.isObject()) {
                continue;
            }
            if (n.has("@graph")) {
                todo.add(n.get("@graph"));
            }
            if (isArticle(n)) {
                articles.add(n);
            } else if (n.has("@type")) {
                others.add(n);
            }
            JsonNode main = n.get("mainEntity");
            if (main != null && (main.isObject() || main.isArray())) {
                todo.add(main);
            }
        }
    }

    private static boolean isArticle(JsonNode n) {
        for (String t : types(n)) {
            if (ARTICLE_TYPES.contains(t)) {
                return true;
            }
        }
        return false;
    }

    static List<String> types(JsonNode n) {
        JsonNode t = n.get("@type");
        List<String> out = new ArrayList<>();
        if (t == null) {
            return out;
        }
        if (t.isArray()) {
            t.forEach(x -> out.add(x.asText("").toLowerCase(Locale.ROOT)));
        } else {
            out.add(t.asText("").toLowerCase(Locale.ROOT));
        }
        return out;
    }

    boolean isEmpty() {
        return articles.isEmpty() && others.isEmpty();
    }

    List<JsonNode> articles() {
        return articles;
    }

    /** Objects of other types (WebPage, BreadcrumbList, Organization ...). */
    List<JsonNode> others() {
        return others;
    }

    /** First non-blank text value of {@code field} among article objects. */
    String articleText(String field) {
        for (JsonNode a : articles) {
            String v = text(a.get(field));
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    /** A string, or the name / @value / first element of an object or array. */
    static String text(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isArray()) {
            for (JsonNode x : v) {
                String s = text(x);
                if (s != null) {
                    return s;
                }
            }
            return null;
        }
        if (v.isObject()) {
            for (String k : new String[] {"name", "@value", "url", "@id"}) {
                String s = text(v.get(k));
                if (s != null) {
                    return s;
                }
            }
            return null;
        }
        String s = v.asText("").trim();
        return s.isEmpty() ? null : s;
    }
}
