package dev.newsflow.app.demo;

import java.time.format.DateTimeFormatter;
import java.util.List;

/** robots.txt, the RSS 2.0 feed, the news sitemap and the placeholder media of the demo site. */
final class FeedDocuments {
    private final DemoCatalog catalog;

    FeedDocuments(DemoCatalog catalog) {
        this.catalog = catalog;
    }

    static String robots(String base) {
        return "# Demo Daily robots.txt\nUser-agent: *\nAllow: /\n\nSitemap: " + base + "/sitemap.xml\n";
    }

    String rss(String base) {
        StringBuilder b = new StringBuilder(16_384);
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"")
                .append(" xmlns:atom=\"http://www.w3.org/2005/Atom\">\n<channel>\n<title>Demo Daily</title>\n<link>")
                .append(base).append("/</link>\n<description>All the latest stories from Demo Daily</description>\n")
                .append("<language>en-gb</language>\n<atom:link href=\"").append(base)
                .append("/rss.xml\" rel=\"self\" type=\"application/rss+xml\"/>\n");
        List<DemoStory> stories = catalog.stories();
        if (!stories.isEmpty()) {
            b.append("<lastBuildDate>").append(rfc822(stories.get(0).modified())).append("</lastBuildDate>\n");
        }
        for (DemoStory s : stories) {
            b.append("<item>\n<title>").append(Html.text(s.title())).append("</title>\n<link>").append(base).append(s.path())
                    .append("</link>\n<guid isPermaLink=\"true\">").append(base).append(s.path()).append("</guid>\n")
                    .append("<description>").append(Html.text(s.standfirst())).append("</description>\n")
                    .append("<category>").append(DemoCatalog.SECTIONS.get(s.section())).append("</category>\n");
            for (String a : s.authors()) {
                b.append("<dc:creator>").append(Html.text(a)).append("</dc:creator>\n");
            }
            b.append("<pubDate>").append(rfc822(s.published())).append("</pubDate>\n</item>\n");
        }
        return b.append("</channel>\n</rss>\n").toString();
    }

    String sitemap(String base) {
        StringBuilder b = new StringBuilder(16_384);
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"")
                .append(" xmlns:news=\"http://www.google.com/schemas/sitemap-news/0.9\">\n");
        for (DemoStory s : catalog.stories()) {
            b.append("<url>\n<loc>").append(base).append(s.path()).append("</loc>\n<lastmod>")
                    .append(StructuredData.iso(s.modified())).append("</lastmod>\n<news:news>\n<news:publication>")
                    .append("<news:name>Demo Daily</news:name><news:language>en</news:language></news:publication>\n")
                    .append("<news:publication_date>").append(StructuredData.iso(s.published()))
                    .append("</news:publication_date>\n<news:title>").append(Html.text(s.title()))
                    .append("</news:title>\n</news:news>\n</url>\n");
        }
        return b.append("</urlset>\n").toString();
    }

    /** A flat placeholder picture, so pages have working images without shipping binary files. */
    static String placeholderSvg(String label) {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1200\" height=\"675\" viewBox=\"0 0 1200 675\">"
                + "<rect width=\"1200\" height=\"675\" fill=\"#d8dee6\"/><text x=\"600\" y=\"345\" font-size=\"40\" "
                + "text-anchor=\"middle\" fill=\"#4a5568\">" + Html.text(label) + "</text></svg>\n";
    }

    static final String CSS = "body{font-family:Georgia,serif;margin:0 auto;max-width:70em}.site-nav ul,.tags,.footer-sections ul"
            + "{list-style:none;display:flex;gap:1em;flex-wrap:wrap}.share-buttons a{margin-right:.5em}"
            + ".two-col{display:flex;gap:2em}.pull-quote{font-size:1.4em;border-left:4px solid #c00;padding-left:1em}\n";

    private static String rfc822(java.time.OffsetDateTime t) {
        return t.format(DateTimeFormatter.RFC_1123_DATE_TIME);
    }
}
