package dev.newsflow.processor.extract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Everything metadata and date extraction look up, collected in one pass over the document: a dozen selector queries
 * would each walk the whole tree, which costs as much as parsing.
 */
final class PageIndex implements NodeVisitor {
    private static final String[] DATE_WORDS = {"date", "time", "publish", "posted", "byline", "dateline", "meta", "info",
        "datum"};
    private static final int MAX_DATE_NAMED = 400;

    final Map<String, String> meta = new HashMap<>();
    final List<String> articleTags = new ArrayList<>();
    final List<String> metaAuthors = new ArrayList<>();
    final List<String> jsonLdScripts = new ArrayList<>();
    final List<Element> timeElements = new ArrayList<>();
    final List<Element> datePublishedItems = new ArrayList<>();
    final List<Element> authorElements = new ArrayList<>();
    private final Document doc;
    private List<Element> dateNamed;
    private DateContext dateContext;
    /** Characters of text in the page, counted during the one pass. */
    private int textChars;
    private List<Element> authorNamed;
    Element canonical;
    Element firstH1;
    String htmlLang;

    private PageIndex(Document doc) {
        this.doc = doc;
    }

    static PageIndex of(Document doc) {
        PageIndex index = new PageIndex(doc);
        NodeTraversor.traverse(index, doc);
        return index;
    }

    /** Where shown dates sit on this page; made on first use. */
    DateContext dateContext() {
        if (dateContext == null) {
            dateContext = new DateContext(firstH1, textChars);
        }
        return dateContext;
    }

    /** Elements whose class or id names a date (first 400); collected on first use, most pages never need them. */
    List<Element> dateNamed() {
        scanClassNames();
        return dateNamed;
    }

    /** Elements whose class or id is an author name field; collected on first use. */
    List<Element> authorNamed() {
        scanClassNames();
        return authorNamed;
    }

    private void scanClassNames() {
        if (dateNamed != null) {
            return;
        }
        dateNamed = new ArrayList<>();
        authorNamed = new ArrayList<>();
        if (doc.body() == null) {
            return;
        }
        for (Element e : doc.body().getAllElements()) {
            String cls = e.className();
            String id = e.id();
            if (cls.isEmpty() && id.isEmpty()) {
                continue;
            }
            String desc = (cls + " " + id).toLowerCase(Locale.ROOT);
            if (desc.contains("author-name")) {
                authorNamed.add(e);
            }
            if (dateNamed.size() < MAX_DATE_NAMED) {
                for (String w : DATE_WORDS) {
                    if (desc.contains(w)) {
                        dateNamed.add(e);
                        break;
                    }
                }
            }
        }
    }

    /** First non-blank content of a meta tag whose name, property, itemprop or http-equiv is {@code key}. */
    String meta(String key) {
        return meta.get(key.toLowerCase(Locale.ROOT));
    }

    @Override
    public void head(Node node, int depth) {
        if (!(node instanceof Element e)) {
            if (node instanceof org.jsoup.nodes.TextNode t) {
                textChars += t.getWholeText().length();
            }
            return;
        }
        switch (e.normalName()) {
            case "meta" -> indexMeta(e);
            case "script" -> {
                if (e.attr("type").toLowerCase(Locale.ROOT).contains("ld+json")) {
                    jsonLdScripts.add(e.data());
                }
            }
            case "link" -> {
                if (canonical == null && e.attr("rel").equalsIgnoreCase("canonical") && e.hasAttr("href")) {
                    canonical = e;
                }
            }
            case "h1" -> {
                if (firstH1 == null) {
                    firstH1 = e;
                }
            }
            case "html" -> {
                if (htmlLang == null) {
                    htmlLang = e.attr("lang");
                }
            }
            case "time" -> {
                if (e.hasAttr("datetime") || e.hasAttr("pubdate")) {
                    timeElements.add(e);
                }
            }
            default -> { }
        }
        if (e.attributesSize() > 0) {
            indexAttributes(e);
        }
    }

    private void indexMeta(Element e) {
        String content = e.attr("content").strip();
        if (content.isEmpty()) {
            return;
        }
        for (String attr : new String[] {"property", "name", "itemprop", "http-equiv"}) {
            String key = e.attr(attr);
            if (!key.isEmpty()) {
                String k = key.strip().toLowerCase(Locale.ROOT);
                meta.putIfAbsent(k, content);
                if (k.equals("article:tag")) {
                    articleTags.add(content);
                } else if (k.equals("author") || k.equals("article:author")) {
                    metaAuthors.add(content);
                }
            }
        }
    }

    private void indexAttributes(Element e) {
        String itemprop = e.attr("itemprop");
        if (itemprop.equalsIgnoreCase("datePublished")) {
            datePublishedItems.add(e);
        } else if (itemprop.equalsIgnoreCase("author") && !e.normalName().equals("meta")) {
            authorElements.add(e);
        }
        if (e.attr("rel").equalsIgnoreCase("author")) {
            authorElements.add(e);
        }
    }

    @Override
    public void tail(Node node, int depth) {
        // nothing: everything is decided on entry
    }
}
