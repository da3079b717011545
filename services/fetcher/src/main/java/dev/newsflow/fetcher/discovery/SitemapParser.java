package dev.newsflow.fetcher.discovery;

import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapURL;
import crawlercommons.sitemaps.UnknownFormatException;
import crawlercommons.sitemaps.extension.Extension;
import crawlercommons.sitemaps.extension.ExtensionMetadata;
import crawlercommons.sitemaps.extension.NewsAttributes;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;

/**
 * Sitemaps, sitemap indexes and Google News sitemaps (crawler-commons, DTDs refused). Only the bytes the
 * fetcher already downloaded are parsed: crawler-commons is never allowed to open URLs itself, so child
 * sitemaps of an index come back as documents for the fetcher to fetch under its own safety rules.
 */
public final class SitemapParser {
    private final int maxUrls;
    private final int maxUrlLength;

    public SitemapParser(int maxUrls, int maxUrlLength) {
        this.maxUrls = maxUrls;
        this.maxUrlLength = maxUrlLength;
    }

    public Discovery parse(byte[] body, String mediaType, URI location) throws DiscoveryException {
        crawlercommons.sitemaps.SiteMapParser parser = new crawlercommons.sitemaps.SiteMapParser(false, true);
        parser.setAllowDocTypeDefinitions(false);
        parser.enableExtension(Extension.NEWS);
        AbstractSiteMap map;
        try {
            URL url = location.toURL();
            String type = mediaType == null || mediaType.isEmpty() ? "text/xml" : mediaType;
            if (type.contains("html")) {
                type = "text/xml"; // servers often mislabel sitemaps; the parser sniffs XML vs text itself
            }
            map = parser.parseSiteMap(type, body, url);
        } catch (UnknownFormatException | IOException | RuntimeException e) {
            throw new DiscoveryException("not a readable sitemap: " + FeedParser.firstLine(e.getMessage()), e);
        }
        if (map instanceof SiteMapIndex index) {
            // newest children first, so a capped index still yields the fresh news sitemaps
            List<AbstractSiteMap> children = new ArrayList<>(index.getSitemaps());
            children.sort(Comparator.comparing((AbstractSiteMap s) -> s.getLastModified() == null ? new Date(0) : s.getLastModified()).reversed());
            List<URI> docs = new ArrayList<>();
            for (AbstractSiteMap child : children) {
                if (docs.size() >= maxUrls) {
                    break;
                }
                dev.newsflow.fetcher.http.UrlNormalizer.normalize(child.getUrl().toString(), null, maxUrlLength).ifPresent(docs::add);
            }
            return new Discovery(DocumentKind.SITEMAP_INDEX, List.of(), docs, children.size() > maxUrls);
        }
        List<DiscoveredUrl> out = new ArrayList<>();
        boolean capped = false;
        for (SiteMapURL u : ((SiteMap) map).getSiteMapUrls()) {
            if (out.size() >= maxUrls) {
                capped = true;
                break;
            }
            Optional<URI> uri = dev.newsflow.fetcher.http.UrlNormalizer.normalize(u.getUrl().toString(), null, maxUrlLength);
            if (uri.isEmpty()) {
                continue;
            }
            String title = null;
            Instant published = u.getLastModified() == null ? null : u.getLastModified().toInstant();
            ExtensionMetadata[] news = u.getAttributesForExtension(Extension.NEWS);
            if (news != null && news.length > 0 && news[0] instanceof NewsAttributes n) {
                title = FeedParser.clean(n.getTitle());
                if (n.getPublicationDateTime() != null) {
                    published = n.getPublicationDateTime().toInstant();
                }
            }
            out.add(new DiscoveredUrl(uri.get(), title, published));
        }
        return new Discovery(DocumentKind.SITEMAP, out, List.of(), capped);
    }
}
