package dev.newsflow.app.demo;

import java.util.List;
import java.util.Map;

/**
 * The boilerplate around every demo page: head, site header with navigation, breadcrumbs, share buttons,
 * newsletter box, comments teaser and a link-heavy footer. Absolute links use the requesting host
 * ({@code base}); only canonical links name the primary host.
 */
final class PageChrome {
    private final String base;

    PageChrome(String base) {
        this.base = base;
    }

    String base() {
        return base;
    }

    String open(String title, String bodyClass, String extraHead) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + Html.text(title) + " | Demo Daily</title>\n"
                + "<link rel=\"stylesheet\" href=\"" + base + "/static/site.css\">\n"
                + "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Demo Daily\" href=\"" + base + "/rss.xml\">\n"
                + extraHead
                + "<script>window.dataLayer = window.dataLayer || []; dataLayer.push({'page': 'demo'});</script>\n"
                + "</head>\n<body class=\"" + bodyClass + "\">\n"
                + "<a class=\"skip-link\" href=\"#content\">Skip to content</a>\n" + header();
    }

    String header() {
        StringBuilder b = new StringBuilder("<header class=\"site-header\">\n<div class=\"masthead\"><a class=\"logo\" href=\"")
                .append(base).append("/\">Demo Daily</a><p class=\"tagline\">Independent news, made up for testing</p>")
                .append("<a class=\"subscribe\" href=\"").append(base).append("/subscribe\">Subscribe</a> ")
                .append("<a class=\"signin\" href=\"").append(base).append("/account/sign-in\">Sign in</a></div>\n")
                .append("<nav class=\"site-nav\" aria-label=\"Sections\"><ul>");
        b.append("<li><a href=\"").append(base).append("/\">Home</a></li>");
        for (Map.Entry<String, String> s : DemoCatalog.SECTIONS.entrySet()) {
            b.append("<li><a href=\"").append(base).append('/').append(s.getKey()).append("/\">")
                    .append(s.getValue()).append("</a></li>");
        }
        return b.append("</ul></nav>\n</header>\n").toString();
    }

    String breadcrumbs(String section, String current) {
        StringBuilder b = new StringBuilder("<nav class=\"breadcrumbs\" aria-label=\"Breadcrumb\"><ol>")
                .append("<li><a href=\"").append(base).append("/\">Home</a></li>");
        if (section != null) {
            b.append("<li><a href=\"").append(base).append('/').append(section).append("/\">")
                    .append(DemoCatalog.SECTIONS.get(section)).append("</a></li>");
        }
        if (current != null) {
            b.append("<li aria-current=\"page\">").append(Html.text(current)).append("</li>");
        }
        return b.append("</ol></nav>\n").toString();
    }

    String share(String url, String title) {
        String u = java.net.URLEncoder.encode(url, java.nio.charset.StandardCharsets.UTF_8);
        String t = java.net.URLEncoder.encode(title, java.nio.charset.StandardCharsets.UTF_8);
        return "<div class=\"share-buttons\" role=\"group\" aria-label=\"Share this article\">"
                + "<span class=\"share-label\">Share</span>"
                + "<a class=\"share share-email\" href=\"mailto:?subject=" + t + "&amp;body=" + u + "\">Email</a>"
                + "<a class=\"share share-x\" href=\"https://x.example/intent/post?url=" + u + "&amp;text=" + t + "\">Post</a>"
                + "<a class=\"share share-facebook\" href=\"https://facebook.example/sharer?u=" + u + "\">Facebook</a>"
                + "<a class=\"share share-linkedin\" href=\"https://linkedin.example/share?url=" + u + "\">LinkedIn</a>"
                + "<button class=\"share share-copy\" type=\"button\" data-url=\"" + Html.attr(url) + "\">Copy link</button>"
                + "</div>\n";
    }

    String newsletter() {
        return "<aside class=\"newsletter-box\"><h2>The Morning Brief</h2>"
                + "<p>Five stories you need before breakfast, every weekday at 6am.</p>"
                + "<form action=\"" + base + "/newsletters/subscribe\" method=\"post\">"
                + "<label for=\"nl-email\">Email address</label><input id=\"nl-email\" name=\"email\" type=\"email\" required>"
                + "<button type=\"submit\">Sign up</button></form>"
                + "<p class=\"small-print\">You can unsubscribe at any time. See our <a href=\"" + base
                + "/privacy\">privacy notice</a>.</p></aside>\n";
    }

    String comments(String path, int count) {
        return "<section class=\"comments-teaser\" id=\"comments\"><h2>Comments (" + count + ")</h2>"
                + "<p>Join the conversation: comments are open for 48 hours after publication.</p>"
                + "<a class=\"button\" href=\"" + base + path + "/comments\">Read and post comments</a></section>\n";
    }

    String relatedBox(List<DemoStory> related, String heading) {
        StringBuilder b = new StringBuilder("<aside class=\"related-links\"><h2>").append(heading).append("</h2><ul>");
        for (DemoStory r : related) {
            b.append("<li><a href=\"").append(base).append(r.path()).append("\">").append(Html.text(r.title()))
                    .append("</a> <span class=\"section-tag\">").append(DemoCatalog.SECTIONS.get(r.section()))
                    .append("</span></li>");
        }
        return b.append("</ul></aside>\n").toString();
    }

    String close() {
        StringBuilder b = new StringBuilder("<footer class=\"site-footer\">\n<div class=\"footer-sections\"><h2>Sections</h2><ul>");
        DemoCatalog.SECTIONS.forEach((slug, name) ->
                b.append("<li><a href=\"").append(base).append('/').append(slug).append("/\">").append(name).append("</a></li>"));
        b.append("</ul></div>\n<div class=\"footer-about\"><h2>About us</h2><ul>");
        link(b, "/about", "About Demo Daily");
        link(b, "/about/editorial-standards", "Editorial standards");
        link(b, "/about/corrections", "Corrections and clarifications");
        link(b, "/about/ownership", "Ownership and funding");
        link(b, "/careers", "Careers");
        link(b, "/contact", "Contact us");
        b.append("</ul></div>\n<div class=\"footer-services\"><h2>Services</h2><ul>");
        link(b, "/newsletters", "Newsletters");
        link(b, "/podcasts", "Podcasts");
        link(b, "/puzzles", "Puzzles");
        link(b, "/archive", "Archive");
        link(b, "/rss.xml", "RSS feed");
        link(b, "/sitemap.xml", "Sitemap");
        b.append("</ul></div>\n<div class=\"footer-legal\"><h2>Legal</h2><ul>");
        link(b, "/terms", "Terms of use");
        link(b, "/privacy", "Privacy notice");
        link(b, "/cookies", "Cookie settings");
        link(b, "/accessibility", "Accessibility");
        b.append("</ul></div>\n<p class=\"copyright\">&copy; 2026 Demo Daily. A fictional outlet: every story on this "
                + "site is invented for testing newsflow.</p>\n</footer>\n</body>\n</html>\n");
        return b.toString();
    }

    private void link(StringBuilder b, String path, String label) {
        b.append("<li><a href=\"").append(base).append(path).append("\">").append(label).append("</a></li>");
    }
}
