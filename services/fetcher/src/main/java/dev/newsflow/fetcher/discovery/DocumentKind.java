package dev.newsflow.fetcher.discovery;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a discovery document really is, judged by its bytes rather than by which list it was configured
 * in: operators often put a sitemap under {@code feeds} or the other way round.
 */
public enum DocumentKind {
    FEED, JSON_FEED, SITEMAP, SITEMAP_INDEX, TEXT_SITEMAP, HTML, UNKNOWN;

    private static final Pattern ROOT = Pattern.compile("<([A-Za-z][\\w.-]*:)?([A-Za-z][\\w.-]*)[\\s>/]");

    public static DocumentKind sniff(byte[] body, String mediaType) {
        String head = new String(body, 0, Math.min(body.length, 8192), StandardCharsets.UTF_8).stripLeading();
        if (head.startsWith("\uFEFF")) {
            head = head.substring(1).stripLeading();
        }
        if (head.startsWith("{")) {
            return head.contains("jsonfeed.org") ? JSON_FEED : UNKNOWN;
        }
        if (head.startsWith("<")) {
            Matcher m = ROOT.matcher(head);
            while (m.find()) {
                String whole = m.group(0);
                if (whole.startsWith("<?") || whole.startsWith("<!")) {
                    continue;
                }
                int start = m.start();
                if (start > 0 && (head.charAt(start + 1) == '?' || head.charAt(start + 1) == '!')) {
                    continue;
                }
                String root = m.group(2).toLowerCase(Locale.ROOT);
                return switch (root) {
                    case "rss", "feed", "rdf", "channel" -> FEED;
                    case "urlset" -> SITEMAP;
                    case "sitemapindex" -> SITEMAP_INDEX;
                    case "html", "head", "body" -> HTML;
                    default -> UNKNOWN;
                };
            }
            return UNKNOWN;
        }
        if (head.startsWith("http://") || head.startsWith("https://")) {
            return TEXT_SITEMAP;
        }
        return mediaType.contains("html") ? HTML : UNKNOWN;
    }
}
