package dev.newsflow.processor.extract;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Where a shown date sits and what it is labelled: teaser lists, comments and sidebars carry other articles' dates,
 * a page header carries today's date, and a label ("Updated", "Erschienen am", "Registriert") says which date it is.
 */
final class DateContext {
    /** What the words just before a date say it is, in order of preference for the publication day. */
    enum Label {
        PUBLISHED, NONE, MODIFIED,
        /** Never the publication: today's date, a member's registration, the current time. */
        OTHER
    }

    /** Containers of other articles' or readers' dates (words at a word start, {@link WordStarts}). */
    static final WordStarts FURNITURE = new WordStarts("comment", "reply", "replies", "respond", "related", "recommend",
            "sidebar", "morestories", "more-stories", "readmore", "read-more", "seealso", "see-also", "alsoread",
            "also-read", "popular", "trending", "mostread", "most-read", "pagination", "pager", "next", "prev", "outbrain",
            "taboola", "disqus");
    /** What after an article word ("article-header", "post_meta") names the article's own part, not furniture. */
    private static final String[] ARTICLE_PARTS = {"body", "content", "text", "header", "meta", "info", "date"};
    /** An aside holding the article's own meta data (date, author) rather than other content. */
    private static final Pattern ASIDE_META = Pattern.compile("meta|date|time|info|byline|author");
    /** Class or id tokens of a site header ("header", "site-header", "headerContainer", "masthead", "top-bar"). */
    private static final Pattern PAGE_HEADER = Pattern.compile("^(?:(?:site|global|main|page|top)[-_]?)?header"
            + "(?:[-_]?(?:container|wrapper|top|inner))?$|^masthead$|^top-?bar$");
    private static final Pattern OTHER = Pattern.compile("(?:heute|aktuelle zeit|current time|today|registriert"
            + "|registered|joined|mitglied seit|member since|aujourd'hui|hoy es|امروز)\\W{0,4}(?:\\p{L}+,?\\s*)?$");
    private static final Pattern MODIFIED = Pattern.compile("(?:updated|update|last edit|edited|modified|revised"
            + "|aktualisiert|geändert|änderung|editiert|mis à jour|modifié|actualizado|actualización|aggiornato"
            + "|bijgewerkt|gewijzigd)");
    private static final Pattern PUBLISHED = Pattern.compile("(?:published|publish|posted|publié|publicado|pubblicato"
            + "|veröffentlicht|erschienen|publiziert|gepostet|geplaatst|gepubliceerd|opublikowano"
            + "|created|erstellt|publicación|publication)");
    private static final Pattern CLASS_MODIFIED = Pattern.compile("updated|modified|changed|update-time|last-?edit");
    private static final Pattern CLASS_PUBLISHED = Pattern.compile("publish|pubdate|created|posted");
    /** A label counts when it ends at most this many characters before the date ("Updated on ", "Erschienen am: "). */
    private static final int LABEL_GAP = 12;
    private static final int MAX_DEPTH = 40;

    private final Element h1;
    /** The title's ancestors: a container holding the title is never furniture. */
    private final java.util.Set<Element> titleAncestors =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private final int bodyChars;

    /** For one page; {@code h1} is the article's title element, or null; {@code bodyChars} its text length. */
    DateContext(Element h1, int bodyChars) {
        this.h1 = h1;
        this.bodyChars = bodyChars;
        if (h1 != null) {
            titleAncestors.addAll(h1.parents());
        }
    }

    Element title() {
        return h1;
    }

    /**
     * Whether {@code e} sits in a list of other articles, in reader comments, in an aside, or in a page header that
     * does not hold the article's title (where sites show today's date).
     */
    boolean inFurniture(Element e) {
        int depth = 0;
        for (Element p = e; p != null && depth++ < MAX_DEPTH; p = p.parent()) {
            if (p.normalName().equals("body")) {
                return false;
            }
            if (inFurnitureItself(p)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether {@code e} itself (not its ancestors) is such a container. A container holding the article's title or
     * most of the page's text is a layout wrapper whatever its name ("mainwrap sidebar", a blog "widget").
     */
    boolean inFurnitureItself(Element e) {
        String name = e.normalName();
        boolean furniture = switch (name) {
            case "body", "html" -> false;
            case "nav", "figcaption" -> true;
            case "aside" -> !ASIDE_META.matcher(ClassHints.descriptor(e)).find();
            case "header" -> isPageHeader(e);
            default -> furnitureName(ClassHints.rawDescriptor(e)) || isPageHeader(e);
        };
        return furniture && !titleAncestors.contains(e) && !holdsMostText(e);
    }

    /** Descriptor verdicts repeat within and across pages: cached (bounded), as in {@link ClassHints}. */
    private static final java.util.concurrent.ConcurrentHashMap<String, Boolean> VERDICTS =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final int CACHE_LIMIT = 20_000;

    /** An article word, an optional {@code -} or {@code _}, then one of {@link #ARTICLE_PARTS}, anywhere. */
    static boolean articleNamed(String descriptor) {
        return ClassHints.namesArticle(descriptor, ARTICLE_PARTS);
    }

    private static boolean furnitureName(String raw) {
        if (raw.isEmpty()) {
            return false;
        }
        Boolean cached = VERDICTS.get(raw);
        if (cached != null) {
            return cached;
        }
        String d = raw.toLowerCase(Locale.ROOT);
        boolean v = FURNITURE.foundIn(d) && !articleNamed(d);
        if (VERDICTS.size() >= CACHE_LIMIT) {
            VERDICTS.clear();
        }
        VERDICTS.put(raw, v);
        return v;
    }

    private boolean holdsMostText(Element e) {
        int share = bodyChars * 2 / 5;
        return share > 0 && textChars(e, share) >= share;
    }

    /** Characters of text under {@code e}, counted up to {@code limit}. */
    private static int textChars(Element e, int limit) {
        int[] n = {0};
        if (e == null) {
            return 0;
        }
        NodeTraversor.filter(new NodeFilter() {
            @Override
            public FilterResult head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    n[0] += t.getWholeText().length();
                    if (n[0] >= limit) {
                        return FilterResult.STOP;
                    }
                }
                return FilterResult.CONTINUE;
            }
        }, e);
        return n[0];
    }

    /** A site header above the article (not the article's own header, which holds its title). */
    private boolean isPageHeader(Element e) {
        boolean named = e.normalName().equals("header");
        if (!named) {
            String d = ClassHints.descriptor(e);
            if (!d.contains("header") && !d.contains("masthead") && !d.contains("bar")) {
                return false;
            }
            for (String token : d.split("\\s+")) {
                if (PAGE_HEADER.matcher(token).matches()) {
                    named = true;
                    break;
                }
            }
        }
        if (!named || titleAncestors.contains(e)) {
            return false;
        }
        for (Element p = e.parent(); p != null; p = p.parent()) {
            if (p.normalName().equals("article") || p.normalName().equals("main")) {
                return false;
            }
        }
        return true;
    }

    /** The label in the text just before a date, or {@link Label#NONE}. */
    static Label labelBefore(String before) {
        String tail = before.length() > 60 ? before.substring(before.length() - 60) : before;
        tail = tail.toLowerCase(Locale.ROOT);
        if (OTHER.matcher(tail.strip()).find()) {
            return Label.OTHER;
        }
        int pub = lastEnd(PUBLISHED, tail);
        int mod = lastEnd(MODIFIED, tail);
        int closest = Math.max(pub, mod);
        if (closest < 0 || tail.length() - closest > LABEL_GAP) {
            return Label.NONE;
        }
        return pub >= mod ? Label.PUBLISHED : Label.MODIFIED;
    }

    /** What an element's class or id says its date is: "updated", "published", or nothing. */
    static Label labelOfClass(Element e) {
        String d = ClassHints.descriptor(e);
        if (d.isEmpty()) {
            return Label.NONE;
        }
        if (CLASS_PUBLISHED.matcher(d).find()) {
            return Label.PUBLISHED;
        }
        return CLASS_MODIFIED.matcher(d).find() ? Label.MODIFIED : Label.NONE;
    }

    /**
     * The label of a date shown in {@code e}: the words before the date inside the element, else the text just
     * before the element ("Erschienen am: <span>13.10.2021</span>").
     */
    static Label labelOf(Element e, String text, int dateStart) {
        String inside = text.substring(0, Math.max(0, Math.min(dateStart, text.length())));
        Label l = labelBefore(inside);
        if (l != Label.NONE || inside.strip().length() > 3) {
            return l;
        }
        return labelBefore(textBefore(e, 60));
    }

    /** Up to {@code limit} characters of text right before {@code e} in document order. */
    static String textBefore(Element e, int limit) {
        StringBuilder sb = new StringBuilder();
        Node n = e;
        int steps = 0;
        while (n != null && sb.length() < limit && steps++ < 20) {
            Node prev = n.previousSibling();
            if (prev == null) {
                n = n.parent();
                if (n == null || n instanceof Element p && (p.normalName().equals("body") || p.isBlock() && steps > 3)) {
                    break;
                }
                continue;
            }
            String t = prev instanceof TextNode tn ? tn.text() : prev instanceof Element pe ? pe.text() : "";
            sb.insert(0, t + " ");
            n = prev;
        }
        String s = sb.toString();
        return s.length() > limit ? s.substring(s.length() - limit) : s;
    }

    private static int lastEnd(Pattern p, String s) {
        Matcher m = p.matcher(s);
        int end = -1;
        while (m.find()) {
            end = m.end();
        }
        return end;
    }
}
