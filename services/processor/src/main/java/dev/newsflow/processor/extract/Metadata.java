package dev.newsflow.processor.extract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.common.sources.ExtractionOverrides;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Page-level metadata: title, description, authors, language, section, tags, lead image, site name, canonical URL. */
record Metadata(String title, String description, List<String> authors, String declaredLanguage, String section,
                List<String> tags, String leadImage, String siteName, String canonicalUrl) {

    static Metadata read(Document doc, PageIndex index, JsonLd ld, ExtractionOverrides overrides) {
        String siteName = firstNonBlank(index.meta("og:site_name"), publisherName(ld));
        String title = overrideText(doc, overrides.title());
        String h1 = index.firstH1 == null ? null : blankToNull(VisibleDates.boundedText(index.firstH1, 300));
        if (title == null) {
            title = Titles.clean(firstNonBlank(index.meta("og:title"), ld.articleText("headline"),
                    index.meta("twitter:title"), doc.title(), h1), siteName, h1);
        }
        List<String> authors = overrides.author() != null
                ? Authors.clean(doc.select(overrides.author()).eachText()) : Authors.find(index, ld);
        String description = firstNonBlank(index.meta("og:description"), index.meta("description"),
                ld.articleText("description"), index.meta("twitter:description"));
        String canonical = absolute(index.canonical, "href");
        if (canonical == null) {
            canonical = blankToNull(index.meta("og:url"));
        }
        String image = firstNonBlank(index.meta("og:image"), index.meta("og:image:url"), index.meta("twitter:image"),
                ld.articleText("image"));
        return new Metadata(title, description, authors, declaredLanguage(index, ld), section(index, ld),
                tags(index, ld), image, siteName, canonical);
    }

    /** The declared language, or one guessed from the body's script when nothing is declared. */
    String language(String body) {
        return declaredLanguage != null ? declaredLanguage : Languages.guessFromScript(body);
    }

    private static String declaredLanguage(PageIndex index, JsonLd ld) {
        String lang = blankToNull(index.htmlLang);
        if (lang == null) {
            lang = firstNonBlank(index.meta("og:locale"), index.meta("content-language"), ld.articleText("inLanguage"));
        }
        return Languages.normalise(lang);
    }

    private static String section(PageIndex index, JsonLd ld) {
        String s = firstNonBlank(index.meta("article:section"), ld.articleText("articleSection"));
        if (s != null) {
            return s;
        }
        for (JsonNode o : ld.others()) {
            if (JsonLd.types(o).contains("breadcrumblist")) {
                List<String> names = new ArrayList<>();
                for (JsonNode item : o.path("itemListElement")) {
                    String name = JsonLd.text(item.get("name"));
                    if (name == null) {
                        name = JsonLd.text(item.path("item").get("name"));
                    }
                    if (name != null) {
                        names.add(name);
                    }
                }
                if (!names.isEmpty()) {
                    return String.join(" > ", names);
                }
            }
        }
        return null;
    }

    private static List<String> tags(PageIndex index, JsonLd ld) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String t : index.articleTags) {
            add(out, t);
        }
        String keywords = firstNonBlank(index.meta("keywords"), index.meta("news_keywords"));
        if (keywords != null) {
            for (String k : keywords.split("[,;]")) {
                add(out, k);
            }
        }
        if (out.isEmpty()) {
            for (JsonNode a : ld.articles()) {
                JsonNode k = a.get("keywords");
                if (k != null && k.isArray()) {
                    k.forEach(x -> add(out, x.asText("")));
                } else if (k != null) {
                    for (String s : k.asText("").split("[,;]")) {
                        add(out, s);
                    }
                }
            }
        }
        return new ArrayList<>(out.values());
    }

    private static void add(Map<String, String> out, String tag) {
        String t = tag.strip();
        if (!t.isEmpty() && t.length() <= 80) {
            out.putIfAbsent(t.toLowerCase(Locale.ROOT), t);
        }
    }

    private static String publisherName(JsonLd ld) {
        for (JsonNode a : ld.articles()) {
            String p = JsonLd.text(a.path("publisher").get("name"));
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    private static String overrideText(Document doc, String css) {
        if (css == null) {
            return null;
        }
        Element e = doc.selectFirst(css);
        return e == null ? null : blankToNull(e.text());
    }

    private static String absolute(Element e, String attr) {
        return e == null ? null : blankToNull(e.absUrl(attr).isEmpty() ? e.attr(attr) : e.absUrl(attr));
    }

    static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
