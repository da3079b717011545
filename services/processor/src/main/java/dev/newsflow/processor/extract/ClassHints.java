package dev.newsflow.processor.extract;

import java.util.Locale;
import org.jsoup.nodes.Element;

/** What an element's class, id and role say about it: boilerplate, content, or nothing. */
final class ClassHints {
    /**
     * Furniture that is never the article, even inside a container named like one ("article-comments"). As the
     * expression {@code (?:^|[^a-z])(?:comment|share|…|ads?(?:$|[^a-z])|…)}: {@link WordStarts}, and
     * {@code ClassHintsTest} checks the lists against these expressions.
     */
    static final WordStarts STRONG_NEGATIVE = new WordStarts("comment", "share", "sharing", "social", "related",
            "recommend", "newsletter", "subscri", "signup", "sign-up", "promo", "sponsor", "advert", "ad$", "ads$", "adslot",
            "adunit", "ad-", "cookie", "consent", "popup", "modal", "sidebar", "outbrain", "taboola", "disqus",
            "morestories", "more-stories", "read-more", "readmore", "trending", "mostread", "most-read", "seealso",
            "see-also", "alsoread", "also-read", "sr-only", "visuallyhidden", "visually-hidden", "screenreader",
            "screen-reader", "breadcrumb");
    /** Furniture unless the same element also claims to be content. */
    static final WordStarts WEAK_NEGATIVE = new WordStarts("banner", "overlay", "widget", "byline", "author",
            "dateline", "timestamp", "caption", "credit", "footer", "masthead", "navbar", "nav$", "navigation", "menu",
            "toolbar", "print", "follow", "popular", "login", "rating", "pagination", "pager", "skip", "tag$", "tags$",
            "taglist", "tag-list", "keywords", "topics", "meta$", "toc$", "jump", "disclaimer", "copyright", "next", "prev",
            "paywall", "apppromo", "app-promo", "download", "donate", "feedback", "survey", "rss", "icon", "bio$",
            "profile", "contact", "alert", "notice", "hidden-print", "noprint");
    /** Words an element naming the article itself starts with: see {@link #namesArticle}. */
    private static final String[] ARTICLE_WORDS = {"article", "entry", "post", "story", "main", "news"};
    /** Names only an article body gets (outweighing any furniture word beside them): see {@link #strongPositive}. */
    private static final String[] BODY_PARTS = {"body", "content", "text"};
    static final WordStarts DISCUSSION = new WordStarts("comment", "disqus", "respond", "reply", "replies");

    /** Reader comments: furniture however much text they hold. */
    static boolean isDiscussion(Element e) {
        String d = descriptor(e);
        return !d.isEmpty() && DISCUSSION.foundIn(d);
    }

    /** Words naming the article itself. */
    static final WordStarts POSITIVE = new WordStarts("article", "content", "entry", "post", "story", "body", "text",
            "main", "blog", "prose", "richtext", "rich-text", "paragraph", "newsdetail", "news-detail", "detail");

    private ClassHints() {
    }

    static String descriptor(Element e) {
        return rawDescriptor(e).toLowerCase(Locale.ROOT);
    }

    /** class, id and role as written; lower-cased only when a verdict is not cached yet. */
    static String rawDescriptor(Element e) {
        String cls = e.className();
        String id = e.id();
        String role = e.attr("role");
        if (cls.isEmpty() && id.isEmpty() && role.isEmpty()) {
            return "";
        }
        return cls + " " + id + " " + role;
    }

    /**
     * Class names repeat across pages of a site and within a page: verdicts are cached (bounded). Measured on the
     * benchmark pages' 167,000 descriptors in document order, the cache still makes the word lists ~1.5x faster.
     */
    private static final int CACHE_LIMIT = 20_000;
    private static final java.util.concurrent.ConcurrentHashMap<String, Integer> CACHE =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** 2: certainly furniture, 1: probably furniture, 0: no opinion. */
    static int negativeStrength(String descriptor) {
        if (descriptor.isEmpty()) {
            return 0;
        }
        Integer cached = CACHE.get(descriptor);
        if (cached != null) {
            return cached;
        }
        int v = computeStrength(descriptor.toLowerCase(Locale.ROOT));
        if (CACHE.size() >= CACHE_LIMIT) {
            CACHE.clear();
        }
        CACHE.put(descriptor, v);
        return v;
    }

    private static int computeStrength(String descriptor) {
        if (strongPositive(descriptor)) {
            return 0;
        }
        if (STRONG_NEGATIVE.foundIn(descriptor)) {
            return 2;
        }
        return WEAK_NEGATIVE.foundIn(descriptor) && !positive(descriptor) ? 1 : 0;
    }

    static boolean positive(String descriptor) {
        return !descriptor.isEmpty() && POSITIVE.foundIn(descriptor);
    }

    /**
     * Whether {@code descriptor} names an article body anywhere, not only at a word start ("l-sidebar article-body"):
     * the expression {@code (?:article|entry|post|story|main|news)[-_]?(?:body|content|text)}, which also covers
     * {@code articlebody}.
     */
    static boolean strongPositive(String descriptor) {
        return namesArticle(descriptor, BODY_PARTS);
    }

    /**
     * Whether an article word ({@code article}, {@code entry}, {@code post}, {@code story}, {@code main},
     * {@code news}), an optional {@code -} or {@code _}, then one of {@code parts} occurs anywhere in
     * {@code descriptor}: the expression {@code (?:article|…|news)[-_]?(?:part1|part2|…)}.
     */
    static boolean namesArticle(String descriptor, String[] parts) {
        for (String word : ARTICLE_WORDS) {
            for (int i = descriptor.indexOf(word); i >= 0; i = descriptor.indexOf(word, i + 1)) {
                int end = i + word.length();
                if (startsWithAny(descriptor, end, parts)) {
                    return true;
                }
                if (end < descriptor.length() && (descriptor.charAt(end) == '-' || descriptor.charAt(end) == '_')
                        && startsWithAny(descriptor, end + 1, parts)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean startsWithAny(String descriptor, int at, String[] parts) {
        for (String part : parts) {
            if (descriptor.startsWith(part, at)) {
                return true;
            }
        }
        return false;
    }
}
