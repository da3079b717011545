package dev.newsflow.sink;

import dev.newsflow.avro.Article;
import dev.newsflow.avro.Place;
import dev.newsflow.avro.Sighting;
import dev.newsflow.sink.store.ArticleRow;
import dev.newsflow.sink.store.HostOf;
import dev.newsflow.sink.store.PlaceRow;
import dev.newsflow.sink.store.SightingRow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Turns Avro records into rows: strips NUL characters (PostgreSQL text cannot hold them), rejects text longer
 * than {@code max-text-length}, lower-cases sighting kinds and fingerprints each article revision so a replay
 * is recognised as unchanged. Pure: no database, no Kafka.
 */
public final class RowMapper {
    private final int maxTextLength;

    public RowMapper(int maxTextLength) {
        if (maxTextLength < 1) {
            throw new IllegalArgumentException("maxTextLength must be >= 1");
        }
        this.maxTextLength = maxTextLength;
    }

    public ArticleRow article(Article a, Integer partition, Long offset) {
        return new ArticleRow(text("articleId", a.getArticleId()), a.getRevision(), text("previousContentHash", a.getPreviousContentHash()),
                text("storyKey", a.getStoryKey()), text("canonicalUrl", a.getCanonicalUrl()), texts("urls", a.getUrls()),
                text("sourceId", a.getSourceId()), text("host", a.getHost()), text("siteName", a.getSiteName()),
                text("title", a.getTitle()), text("description", a.getDescription()), text("bodyText", a.getBodyText()),
                text("bodyHtml", a.getBodyHtml()), texts("authors", a.getAuthors()), a.getPublishedAt(),
                text("publishedAtEvidence", a.getPublishedAtEvidence()), a.getModifiedAt(), text("language", a.getLanguage()),
                text("section", a.getSection()), texts("tags", a.getTags()), text("leadImage", a.getLeadImage()), a.getWordCount(),
                text("contentHash", a.getContentHash()), a.getSimhash(), text("duplicateOf", a.getDuplicateOf()),
                a.getDuplicateDistance(), a.getFetchedAt(), a.getProcessedAt(), text("extractorVersion", a.getExtractorVersion()),
                a.getLanguageConfidence(), places(a.getPlaces()), text("primaryCountry", a.getPrimaryCountry()),
                text("category", a.getCategory()), texts("keywords", a.getKeywords()), text("summary", a.getSummary()),
                a.getReadingTimeSeconds(), text("publisherName", a.getPublisherName()), text("publisherCountry", a.getPublisherCountry()),
                text("publisherLanguage", a.getPublisherLanguage()), texts("sourceTags", a.getSourceTags()),
                a.getPublishedAtConfidence(), text("modifiedAtEvidence", a.getModifiedAtEvidence()), fingerprint(a), partition, offset);
    }

    public SightingRow sighting(Sighting s) {
        String kind = s.getKind() == null ? "unknown" : s.getKind().name().toLowerCase(Locale.ROOT);
        String host = s.getHost() == null || s.getHost().isBlank() ? HostOf.url(s.getUrl()) : s.getHost();
        return new SightingRow(text("articleId", s.getArticleId()), text("url", s.getUrl()), text("host", host), kind,
                text("sourceId", s.getSourceId() == null ? "" : s.getSourceId()), text("storyKey", s.getStoryKey()), s.getDistance(),
                s.getSeenAt());
    }

    /** SHA-256 over the record's Avro encoding: equal fingerprints mean an identical revision. */
    static String fingerprint(Article a) {
        try {
            ByteBuffer buf = a.toByteBuffer();
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update(buf);
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String text(String field, String value) {
        if (value == null) {
            return null;
        }
        if (value.length() > maxTextLength) {
            throw new RowRejectedException("too-long", field + " has " + value.length()
                    + " characters, more than max-text-length " + maxTextLength);
        }
        return value.indexOf('\0') >= 0 ? value.replace("\0", "") : value;
    }

    /** Null stays null (place enrichment off); every text of a place is cleaned and length-checked like a field. */
    private List<PlaceRow> places(List<Place> values) {
        if (values == null) {
            return null;
        }
        List<PlaceRow> out = new ArrayList<>(values.size());
        for (Place p : values) {
            if (p != null && p.getName() != null) {
                out.add(new PlaceRow(text("places.name", p.getName()), text("places.countryCode", p.getCountryCode()),
                        text("places.kind", p.getKind()), p.getMentions()));
            }
        }
        return out;
    }

    private List<String> texts(String field, List<String> values) {
        List<String> out = new ArrayList<>(values == null ? 0 : values.size());
        if (values != null) {
            for (String v : values) {
                if (v != null) {
                    out.add(text(field, v));
                }
            }
        }
        return out;
    }
}
