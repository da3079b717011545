package dev.newsflow.fetcher.discovery;

import dev.newsflow.fetcher.http.UrlNormalizer;
import java.net.URI;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Seed/section pages: article links (for the source filter to judge) and feeds announced with
 * {@code <link rel="alternate" type="application/rss+xml|atom+xml|feed+json">}. A page whose meta robots
 * says {@code nofollow} yields no article links.
 */
public final class LinkExtractor {
    private final int maxUrls;
    private final int maxUrlLength;

    public LinkExtractor(int maxUrls, int maxUrlLength) {
        this.maxUrls = maxUrls;
        this.maxUrlLength = maxUrlLength;
    }

    public Discovery parse(byte[] body, Charset charset, URI base, boolean discoverFeeds) {
        Document doc = Jsoup.parse(new String(body, charset), base.toString());
        List<URI> feeds = new ArrayList<>();
        if (discoverFeeds) {
            for (Element link : doc.select("link[rel~=(?i)alternate][href]")) {
                String type = link.attr("type").toLowerCase(Locale.ROOT);
                if (type.contains("rss") || type.contains("atom") || type.contains("feed+json")) {
                    UrlNormalizer.normalize(link.attr("href"), base, maxUrlLength).ifPresent(feeds::add);
                }
            }
        }
        String robots = doc.select("meta[name~=(?i)^robots$]").attr("content").toLowerCase(Locale.ROOT);
        Set<URI> links = new LinkedHashSet<>();
        boolean capped = false;
        if (!robots.contains("nofollow") && !robots.contains("none")) {
            for (Element a : doc.select("a[href]")) {
                if (a.attr("rel").toLowerCase(Locale.ROOT).contains("nofollow")) {
                    continue;
                }
                Optional<URI> u = UrlNormalizer.normalize(a.attr("href"), base, maxUrlLength);
                if (u.isPresent() && !u.get().equals(base)) {
                    if (links.size() >= maxUrls) {
                        capped = true;
                        break;
                    }
                    links.add(u.get());
                }
            }
        }
        List<DiscoveredUrl> out = new ArrayList<>();
        for (URI u : links) {
            out.add(new DiscoveredUrl(u, null, null));
        }
        return new Discovery(DocumentKind.HTML, out, feeds, capped);
    }
}
