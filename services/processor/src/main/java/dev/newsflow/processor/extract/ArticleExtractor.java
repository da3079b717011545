package dev.newsflow.processor.extract;

import dev.newsflow.common.sources.ExtractionOverrides;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Extracts the article from a decoded HTML page. Pure function of its inputs; thread-safe.
 * (First version: metadata from meta tags, body from paragraphs of the densest container.)
 */
public final class ArticleExtractor {
    public static final String VERSION = "0.1";

    /** Extracts from {@code html} fetched at {@code url}, applying the source's overrides. */
    public ExtractionResult extract(String html, String url, ExtractionOverrides overrides) {
        if (html == null || html.isBlank()) {
            return new ExtractionResult.NoArticle("empty-body", "the page is empty");
        }
        Document doc = Jsoup.parse(html, url);
        for (String css : overrides.remove()) {
            doc.select(css).remove();
        }
        doc.select("script:not([type=application/ld+json]),style,noscript,nav,header,footer,aside,form").remove();
        String title = firstNonBlank(meta(doc, "meta[property=og:title]"), doc.title());
        if (overrides.title() != null && doc.selectFirst(overrides.title()) != null) {
            title = doc.selectFirst(overrides.title()).text();
        }
        Element container = overrides.body() != null && doc.selectFirst(overrides.body()) != null
                ? doc.selectFirst(overrides.body()) : densest(doc);
        List<String> paragraphs = new ArrayList<>();
        if (container != null) {
            for (Element p : container.select("p")) {
                String text = p.text().trim();
                if (!text.isEmpty()) {
                    paragraphs.add(text);
                }
            }
        }
        String body = String.join("\n\n", paragraphs);
        if (body.isBlank()) {
            return new ExtractionResult.NoArticle("empty-body", "no article text found");
        }
        String published = meta(doc, "meta[property=article:published_time]");
        Instant publishedAt = parseInstant(published);
        String lang = doc.selectFirst("html") == null ? null : doc.selectFirst("html").attr("lang");
        String canonical = doc.selectFirst("link[rel=canonical]") == null ? meta(doc, "meta[property=og:url]")
                : doc.selectFirst("link[rel=canonical]").absUrl("href");
        return new ExtractionResult.Found(new ExtractedArticle(title, meta(doc, "meta[name=description]"), body, null, List.of(),
                publishedAt, publishedAt == null ? null : "meta:article:published_time", null,
                lang == null || lang.isBlank() ? null : lang.toLowerCase(Locale.ROOT).split("-")[0], null, List.of(),
                meta(doc, "meta[property=og:image]"), meta(doc, "meta[property=og:site_name]"), blankToNull(canonical)));
    }

    private static Element densest(Document doc) {
        Element best = doc.body();
        int bestScore = 0;
        for (Element el : doc.select("article, main, div, section")) {
            int score = 0;
            for (Element p : el.children()) {
                if (p.normalName().equals("p")) {
                    score += p.text().length();
                }
            }
            if (score > bestScore) {
                bestScore = score;
                best = el;
            }
        }
        return best;
    }

    private static Instant parseInstant(String s) {
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s.trim()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String meta(Document doc, String css) {
        Element e = doc.selectFirst(css);
        return e == null ? null : blankToNull(e.attr("content"));
    }

    private static String firstNonBlank(String a, String b) {
        return a != null && !a.isBlank() ? a : blankToNull(b);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
