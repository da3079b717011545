package dev.newsflow.fetcher.discovery;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.xml.sax.InputSource;

/**
 * RSS 0.9x/1.0/2.0 and Atom (ROME, with DOCTYPEs refused: no XXE, no entity expansion) and JSON Feed 1.x.
 * Returns at most {@code maxItems} article URLs; the rest is dropped and flagged.
 */
public final class FeedParser {
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).maxStringLength(1 << 20).build())
            .build()).configure(JsonParser.Feature.STRICT_DUPLICATE_DETECTION, false);

    private final int maxItems;
    private final int maxUrlLength;

    public FeedParser(int maxItems, int maxUrlLength) {
        this.maxItems = maxItems;
        this.maxUrlLength = maxUrlLength;
    }

    public Discovery parseXml(byte[] body, URI base) throws DiscoveryException {
        SyndFeedInput input = new SyndFeedInput();
        input.setAllowDoctypes(false);
        input.setXmlHealerOn(true);
        SyndFeed feed;
        try {
            feed = input.build(new InputSource(new ByteArrayInputStream(body)));
        } catch (FeedException | IllegalArgumentException e) {
            throw new DiscoveryException("not a readable RSS/Atom feed: " + firstLine(e.getMessage()), e);
        }
        List<DiscoveredUrl> out = new ArrayList<>();
        boolean capped = false;
        for (SyndEntry entry : feed.getEntries()) {
            if (out.size() >= maxItems) {
                capped = true;
                break;
            }
            link(entry, base).ifPresent(u -> out.add(new DiscoveredUrl(u, clean(entry.getTitle()), instant(entry))));
        }
        return new Discovery(DocumentKind.FEED, out, List.of(), capped);
    }

    public Discovery parseJson(byte[] body, URI base) throws DiscoveryException {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new DiscoveryException("not a readable JSON Feed: " + firstLine(e.getMessage()), e);
        }
        JsonNode items = root == null ? null : root.get("items");
        if (items == null || !items.isArray()) {
            throw new DiscoveryException("not a JSON Feed: no items array");
        }
        List<DiscoveredUrl> out = new ArrayList<>();
        boolean capped = false;
        for (JsonNode item : items) {
            if (out.size() >= maxItems) {
                capped = true;
                break;
            }
            String url = text(item, "url");
            if (url == null) {
                url = text(item, "external_url");
            }
            Optional<URI> u = dev.newsflow.fetcher.http.UrlNormalizer.normalize(url, base, maxUrlLength);
            if (u.isPresent()) {
                out.add(new DiscoveredUrl(u.get(), clean(text(item, "title")), isoInstant(text(item, "date_published"))));
            }
        }
        return new Discovery(DocumentKind.JSON_FEED, out, List.of(), capped);
    }

    private Optional<URI> link(SyndEntry entry, URI base) {
        Optional<URI> u = dev.newsflow.fetcher.http.UrlNormalizer.normalize(entry.getLink(), base, maxUrlLength);
        if (u.isEmpty() && entry.getLinks() != null) {
            for (SyndLink l : entry.getLinks()) {
                if (l.getRel() == null || "alternate".equals(l.getRel())) {
                    u = dev.newsflow.fetcher.http.UrlNormalizer.normalize(l.getHref(), base, maxUrlLength);
                    if (u.isPresent()) {
                        break;
                    }
                }
            }
        }
        if (u.isEmpty() && entry.getUri() != null && entry.getUri().startsWith("http")) {
            u = dev.newsflow.fetcher.http.UrlNormalizer.normalize(entry.getUri(), base, maxUrlLength);
        }
        return u;
    }

    private static Instant instant(SyndEntry e) {
        Date d = e.getPublishedDate() != null ? e.getPublishedDate() : e.getUpdatedDate();
        return d == null ? null : d.toInstant();
    }

    private static Instant isoInstant(String s) {
        if (s == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    static String clean(String title) {
        if (title == null) {
            return null;
        }
        String t = title.strip().replaceAll("\\s+", " ");
        return t.isEmpty() ? null : t.length() > 1000 ? t.substring(0, 1000) : t;
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
