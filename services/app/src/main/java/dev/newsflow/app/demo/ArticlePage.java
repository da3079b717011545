package dev.newsflow.app.demo;

import java.util.List;

/**
 * Renders one article in its layout. STANDARD is a classic {@code <article>} page; FEATURE has no
 * {@code <article>} element, a hero image above the headline and a "read more" box inside the body;
 * COLUMN puts a "most read" sidebar before the text and an author bio paragraph after it.
 */
final class ArticlePage {
    private final DemoCatalog catalog;

    ArticlePage(DemoCatalog catalog) {
        this.catalog = catalog;
    }

    String render(DemoStory s, String base, String canonicalBase) {
        PageChrome chrome = new PageChrome(base);
        String url = base + s.path();
        List<DemoStory> related = catalog.related(s, 4);
        StringBuilder b = new StringBuilder(16_384);
        b.append(chrome.open(s.title(), "article-page layout-" + s.layout().name().toLowerCase(java.util.Locale.ROOT),
                StructuredData.head(s, base, canonicalBase)));
        b.append(chrome.breadcrumbs(s.section(), s.title()));
        switch (s.layout()) {
            case STANDARD -> standard(b, chrome, s, url, related);
            case FEATURE -> feature(b, chrome, s, url, related);
            case COLUMN -> column(b, chrome, s, url, related);
            default -> throw new IllegalStateException("unknown layout " + s.layout());
        }
        b.append(chrome.close());
        return b.toString();
    }

    private void standard(StringBuilder b, PageChrome chrome, DemoStory s, String url, List<DemoStory> related) {
        b.append("<main id=\"content\">\n<article class=\"story\">\n<header class=\"story-header\">")
                .append("<p class=\"kicker\"><a href=\"").append(chrome.base()).append('/').append(s.section()).append("/\">")
                .append(DemoCatalog.SECTIONS.get(s.section())).append("</a></p>\n<h1 class=\"headline\">")
                .append(Html.text(s.title())).append("</h1>\n<p class=\"standfirst\">").append(Html.text(s.standfirst()))
                .append("</p>\n<div class=\"byline\">By ")
                .append(Html.names(s.authors(), a -> "<a rel=\"author\" href=\"" + chrome.base() + "/authors/" + Html.slug(a)
                        + "\">" + Html.text(a) + "</a>"))
                .append("</div>\n<p class=\"dateline\">").append(Html.time(s.published(), "published"));
        if (!s.modified().equals(s.published())) {
            b.append(" <span class=\"updated\">Updated ").append(Html.time(s.modified(), "modified")).append("</span>");
        }
        b.append("</p>\n").append(chrome.share(url, s.title())).append("</header>\n");
        figure(b, chrome, s, "lead-image");
        b.append("<div class=\"article-body\">\n");
        blocks(b, s, null);
        b.append("</div>\n<footer class=\"story-footer\">");
        tags(b, chrome, s);
        b.append(chrome.share(url, s.title())).append("</footer>\n</article>\n");
        b.append(chrome.relatedBox(related, "Related stories")).append(chrome.newsletter())
                .append(chrome.comments(s.path(), commentCount(s))).append("</main>\n");
    }

    private void feature(StringBuilder b, PageChrome chrome, DemoStory s, String url, List<DemoStory> related) {
        b.append("<main id=\"content\" class=\"feature\">\n<div class=\"hero\">");
        figure(b, chrome, s, "hero-image");
        b.append("<div class=\"hero-text\"><span class=\"section-label\">").append(DemoCatalog.SECTIONS.get(s.section()))
                .append(" &middot; Feature</span>\n<h1>").append(Html.text(s.title())).append("</h1>\n<h2 class=\"dek\">")
                .append(Html.text(s.standfirst())).append("</h2></div></div>\n<div class=\"meta-strip\">")
                .append("<span class=\"author-line\">By ")
                .append(Html.names(s.authors(), a -> "<span class=\"author\">" + Html.text(a) + "</span>"))
                .append("</span> <span class=\"pub\">Published ").append(Html.time(s.published(), "published")).append("</span>");
        if (!s.modified().equals(s.published())) {
            b.append(" <span class=\"upd\">Last updated ").append(Html.time(s.modified(), "modified")).append("</span>");
        }
        b.append("</div>\n").append(chrome.share(url, s.title())).append("<section class=\"story-text\">\n");
        blocks(b, s, related.isEmpty() ? null : related.get(0));
        b.append("</section>\n");
        tags(b, chrome, s);
        b.append(chrome.comments(s.path(), commentCount(s))).append(chrome.relatedBox(related, "More from Demo Daily"))
                .append(chrome.newsletter()).append("</main>\n");
    }

    private void column(StringBuilder b, PageChrome chrome, DemoStory s, String url, List<DemoStory> related) {
        b.append("<div class=\"two-col\">\n<aside class=\"most-read\"><h2>Most read</h2><ol>");
        for (DemoStory r : catalog.stories().subList(0, Math.min(5, catalog.stories().size()))) {
            b.append("<li><a href=\"").append(chrome.base()).append(r.path()).append("\">").append(Html.text(r.title()))
                    .append("</a></li>");
        }
        b.append("</ol></aside>\n<main id=\"content\" class=\"column\">\n<div class=\"column-head\">")
                .append("<p class=\"label\">").append(s.section().equals("opinion") ? "Opinion" : "Analysis").append("</p>")
                .append("<h1 itemprop=\"headline\">").append(Html.text(s.title())).append("</h1>")
                .append("<p class=\"summary\">").append(Html.text(s.standfirst())).append("</p>")
                .append("<p class=\"byline\">By ")
                .append(Html.names(s.authors(), a -> "<a class=\"columnist\" href=\"" + chrome.base() + "/authors/"
                        + Html.slug(a) + "\">" + Html.text(a) + "</a>"))
                .append("</p>").append(Html.time(s.published(), "date")).append("</div>\n");
        b.append(chrome.share(url, s.title()));
        figure(b, chrome, s, "column-image");
        b.append("<div class=\"column-body\">\n");
        blocks(b, s, null);
        b.append("</div>\n<div class=\"author-bio\"><p>")
                .append(Html.text(s.authors().get(0))).append(" writes for Demo Daily. The views expressed are the author&#39;s own.")
                .append("</p></div>\n");
        tags(b, chrome, s);
        b.append(chrome.comments(s.path(), commentCount(s))).append(chrome.newsletter()).append("</main>\n")
                .append(chrome.relatedBox(related, "Related")).append("</div>\n");
    }

    private static void figure(StringBuilder b, PageChrome chrome, DemoStory s, String cssClass) {
        if (s.image() == null) {
            return;
        }
        b.append("<figure class=\"").append(cssClass).append("\"><img src=\"").append(chrome.base())
                .append(StructuredData.imagePath(s)).append("\" alt=\"").append(Html.attr(s.image().alt()))
                .append("\" width=\"1200\" height=\"675\" loading=\"eager\"><figcaption>")
                .append(Html.text(s.image().caption())).append(" <span class=\"credit\">Photo: ")
                .append(Html.text(s.image().credit())).append("</span></figcaption></figure>\n");
    }

    /** Writes the body; {@code inlineRelated}, if given, goes after the second paragraph as a "read more" box. */
    private static void blocks(StringBuilder b, DemoStory s, DemoStory inlineRelated) {
        int paragraphs = 0;
        for (DemoStory.Block block : s.body()) {
            if (block instanceof DemoStory.Paragraph p) {
                b.append("<p>").append(Html.text(p.text())).append("</p>\n");
                if (++paragraphs == 2 && inlineRelated != null) {
                    b.append("<aside class=\"inline-related\"><span>Read more</span><ul><li><a href=\"")
                            .append(inlineRelated.path()).append("\">").append(Html.text(inlineRelated.title()))
                            .append("</a></li></ul></aside>\n");
                }
            } else if (block instanceof DemoStory.Subheading h) {
                b.append("<h2>").append(Html.text(h.text())).append("</h2>\n");
            } else if (block instanceof DemoStory.BulletList l) {
                b.append("<ul>");
                l.items().forEach(i -> b.append("<li>").append(Html.text(i)).append("</li>"));
                b.append("</ul>\n");
            } else if (block instanceof DemoStory.PullQuote q) {
                b.append("<blockquote class=\"pull-quote\">").append(Html.text(q.text()));
                if (!q.by().isEmpty()) {
                    b.append("<cite>").append(Html.text(q.by())).append("</cite>");
                }
                b.append("</blockquote>\n");
            }
        }
    }

    private static void tags(StringBuilder b, PageChrome chrome, DemoStory s) {
        b.append("<ul class=\"tags\" aria-label=\"Topics\">");
        for (String t : s.tags()) {
            b.append("<li><a rel=\"tag\" href=\"").append(chrome.base()).append("/topics/").append(Html.slug(t)).append("\">")
                    .append(Html.text(t)).append("</a></li>");
        }
        b.append("</ul>\n");
    }

    private static int commentCount(DemoStory s) {
        return Math.floorMod(s.slug().hashCode(), 180) + 3;
    }
}
