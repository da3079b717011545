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

    static Metadata read(Document doc, JsonLd ld, ExtractionOverrides overrides) {
        String siteName = firstNonBlank(meta(doc, "og:site_name"), publisherName(ld));
        String title = overrideText(doc, overrides.title());
        if (title == null) {
            title = Titles.clean(firstNonBlank(meta(doc, "og:title"), ld.articleText("headline"), meta(doc, "twitter:title"),
                    doc.title(), firstText(doc, "h1")), siteName, firstText(doc, "h1"));
        }
        List<String> authors = overrides.author() != null
                ? Authors.clean(doc.select(overrides.author()).eachText()) : Authors.find(doc, ld);
        String description = firstNonBlank(meta(doc, "og:description"), meta(doc, "description"),
                ld.articleText("description"), meta(doc, "twitter:description"));
        String canonical = absolute(doc.selectFirst("link[rel=canonical][href]"), "href");
        if (canonical == null) {
            canonical = blankToNull(meta(doc, "og:url"));
        }
        String image = firstNonBlank(meta(doc, "og:image"), meta(doc, "og:image:url"), meta(doc, "twitter:image"),
                ld.articleText("image"));
        return new Metadata(title, description, authors, declaredLanguage(doc, ld), section(doc, ld), tags(doc, ld), image,
                siteName, canonical);
    }

    /** The declared language, or one guessed from the body's script when nothing is declared. */
    String language(String body) {
        return declaredLanguage != null ? declaredLanguage : Languages.guessFromScript(body);
    }

    private static String declaredLanguage(Document doc, JsonLd ld) {
        Element html = doc.selectFirst("html");
        String lang = html == null ? null : blankToNull(html.attr("lang"));
        if (lang == null) {
            lang = firstNonBlank(meta(doc, "og:locale"), meta(doc, "content-language"), ld.articleText("inLanguage"));
        }
        if (lang == null) {
            Element equiv = doc.selectFirst("meta[http-equiv=content-language][content]");
            lang = equiv == null ? null : blankToNull(equiv.attr("content"));
        }
        return Languages.normalise(lang);
    }

    private static String section(Document doc, JsonLd ld) {
        String s = firstNonBlank(meta(doc, "article:section"), ld.articleText("articleSection"));
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

    private static List<String> tags(Document doc, JsonLd ld) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Element e : doc.select("meta[property=article:tag][content]")) {
            add(out, e.attr("content"));
        }
        String keywords = firstNonBlank(meta(doc, "keywords"), meta(doc, "news_keywords"));
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

    static String meta(Document doc, String name) {
        for (Element e : doc.head().getElementsByTag("meta")) {
            if (name.equalsIgnoreCase(e.attr("property")) || name.equalsIgnoreCase(e.attr("name"))
                    || name.equalsIgnoreCase(e.attr("itemprop"))) {
                String c = blankToNull(e.attr("content"));
                if (c != null) {
                    return c;
                }
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

    private static String firstText(Document doc, String css) {
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
