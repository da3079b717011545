package dev.newsflow.app.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.format.DateTimeFormatter;

/**
 * The head metadata of an article page: canonical link, description, OpenGraph, {@code article:*} and a
 * JSON-LD {@code NewsArticle}. Canonical, {@code og:url} and {@code mainEntityOfPage} always name the primary
 * host, whichever host served the page. The COLUMN layout wraps the article in an {@code @graph} with authors
 * as an array, the others use a bare object, so both JSON-LD shapes are exercised.
 */
final class StructuredData {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter ISO_NUMERIC_OFFSET =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx", java.util.Locale.ROOT);

    private StructuredData() {
    }

    static String head(DemoStory s, String base, String canonicalBase) {
        String canonical = canonicalBase + s.path();
        StringBuilder b = new StringBuilder();
        b.append("<link rel=\"canonical\" href=\"").append(canonical).append("\">\n");
        meta(b, "name", "description", s.standfirst());
        meta(b, "name", "author", String.join(", ", s.authors()));
        meta(b, "property", "og:site_name", "Demo Daily");
        meta(b, "property", "og:type", "article");
        meta(b, "property", "og:title", s.title());
        meta(b, "property", "og:description", s.standfirst());
        meta(b, "property", "og:url", canonical);
        meta(b, "property", "og:locale", "en_GB");
        if (s.image() != null) {
            meta(b, "property", "og:image", base + imagePath(s));
            meta(b, "property", "og:image:alt", s.image().alt());
        }
        meta(b, "property", "article:published_time", iso(s.published()));
        meta(b, "property", "article:modified_time", iso(s.modified()));
        meta(b, "property", "article:section", DemoCatalog.SECTIONS.get(s.section()));
        for (String a : s.authors()) {
            meta(b, "property", "article:author", canonicalBase + "/authors/" + Html.slug(a));
        }
        for (String t : s.tags()) {
            meta(b, "property", "article:tag", t);
        }
        meta(b, "name", "twitter:card", s.image() != null ? "summary_large_image" : "summary");
        b.append("<script type=\"application/ld+json\">").append(jsonLd(s, base, canonicalBase)).append("</script>\n");
        return b.toString();
    }

    static String imagePath(DemoStory s) {
        return "/media/" + s.slug() + ".svg";
    }

    private static String jsonLd(DemoStory s, String base, String canonicalBase) {
        ObjectNode article = JSON.createObjectNode();
        article.put("@context", "https://schema.org");
        article.put("@type", "NewsArticle");
        article.put("headline", s.title());
        article.put("description", s.standfirst());
        article.put("datePublished", iso(s.published()));
        article.put("dateModified", iso(s.modified()));
        article.put("articleSection", DemoCatalog.SECTIONS.get(s.section()));
        article.put("keywords", String.join(", ", s.tags()));
        article.put("inLanguage", "en");
        article.putObject("mainEntityOfPage").put("@type", "WebPage").put("@id", canonicalBase + s.path());
        if (s.image() != null) {
            article.putObject("image").put("@type", "ImageObject").put("url", base + imagePath(s))
                    .put("width", 1200).put("height", 675);
        }
        boolean graph = s.layout() == DemoStory.Layout.COLUMN;
        if (graph || s.authors().size() > 1) {
            ArrayNode authors = article.putArray("author");
            s.authors().forEach(a -> authors.add(person(a, canonicalBase)));
        } else {
            article.set("author", person(s.authors().get(0), canonicalBase));
        }
        ObjectNode publisher = article.putObject("publisher");
        publisher.put("@type", "NewsMediaOrganization").put("name", "Demo Daily").put("url", canonicalBase + "/");
        publisher.putObject("logo").put("@type", "ImageObject").put("url", canonicalBase + "/static/logo.svg");
        ObjectNode root = article;
        if (graph) {
            article.remove("@context");
            root = JSON.createObjectNode();
            root.put("@context", "https://schema.org");
            ArrayNode g = root.putArray("@graph");
            g.addObject().put("@type", "WebPage").put("@id", canonicalBase + s.path()).put("name", s.title());
            g.add(article);
        }
        try {
            return JSON.writeValueAsString(root).replace("</", "<\\/");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON-LD for " + s.slug(), e);
        }
    }

    private static ObjectNode person(String name, String canonicalBase) {
        return JSON.createObjectNode().put("@type", "Person").put("name", name)
                .put("url", canonicalBase + "/authors/" + Html.slug(name));
    }

    private static void meta(StringBuilder b, String attr, String key, String value) {
        b.append("<meta ").append(attr).append("=\"").append(key).append("\" content=\"").append(Html.attr(value)).append("\">\n");
    }

    /** ISO-8601 with a numeric offset, {@code +00:00} rather than {@code Z}, as most news sites write it. */
    static String iso(java.time.OffsetDateTime t) {
        return t.format(ISO_NUMERIC_OFFSET);
    }
}
