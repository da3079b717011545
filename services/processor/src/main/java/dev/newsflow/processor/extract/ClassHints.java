package dev.newsflow.processor.extract;

import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.nodes.Element;

/** What an element's class, id and role say about it: boilerplate, content, or nothing. */
final class ClassHints {
    /** Furniture that is never the article, even inside a container named like one ("article-comments"). */
    private static final Pattern STRONG_NEGATIVE = Pattern.compile("(?:^|[^a-z])(?:comment|share|sharing|social|related"
            + "|recommend|newsletter|subscri|signup|sign-up|promo|sponsor|advert|ads?(?:$|[^a-z])|adslot|adunit|ad-|cookie"
            + "|consent|popup|modal|sidebar|outbrain|taboola|disqus|more-?stories|read-?more|readmore|trending|most-?read"
            + "|see-?also|also-?read|sr-only|visually-?hidden|screen-?reader|breadcrumb|newsletter)");
    /** Furniture unless the same element also claims to be content. */
    private static final Pattern WEAK_NEGATIVE = Pattern.compile("(?:^|[^a-z])(?:banner|overlay|widget|byline|author"
            + "|dateline|timestamp|caption|credit|footer|masthead|navbar|nav(?:$|[^a-z])|navigation|menu|toolbar|print"
            + "|follow|popular|login|rating|pagination|pager|skip|tags?(?:$|[^a-z])|tag-?list|keywords|topics"
            + "|meta(?:$|[^a-z])|toc(?:$|[^a-z])|jump|disclaimer|copyright|next|prev|paywall|app-?promo|download|donate"
            + "|feedback|survey|rss|icon|bio(?:$|[^a-z])|profile|contact|alert|notice|hidden-print|noprint)");
    /** Names only an article body gets; they outweigh any furniture word beside them ("l-sidebar article-body"). */
    private static final Pattern STRONG_POSITIVE = Pattern.compile("(?:article|entry|post|story|main|news)[-_]?"
            + "(?:body|content|text)|articlebody");
    private static final Pattern DISCUSSION = Pattern.compile("(?:^|[^a-z])(?:comment|disqus|respond|reply|replies)");

    /** Reader comments: furniture however much text they hold. */
    static boolean isDiscussion(Element e) {
        String d = descriptor(e);
        return !d.isEmpty() && DISCUSSION.matcher(d).find();
    }

    /** Words naming the article itself. */
    private static final Pattern POSITIVE = Pattern.compile("(?:^|[^a-z])(?:article|content|entry|post|story|body|text"
            + "|main|blog|prose|rich-?text|paragraph|news-?detail|detail)");

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

    /** Class names repeat across pages of a site and within a page: regex verdicts are cached (bounded). */
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
        if (STRONG_POSITIVE.matcher(descriptor).find()) {
            return 0;
        }
        if (STRONG_NEGATIVE.matcher(descriptor).find()) {
            return 2;
        }
        return WEAK_NEGATIVE.matcher(descriptor).find() && !positive(descriptor) ? 1 : 0;
    }

    static boolean positive(String descriptor) {
        return !descriptor.isEmpty() && POSITIVE.matcher(descriptor).find();
    }
}
