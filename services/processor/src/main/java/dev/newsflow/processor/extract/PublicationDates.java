package dev.newsflow.processor.extract;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.common.sources.ExtractionOverrides;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Publication and modification dates, from the most to the least reliable evidence: per-source selector, JSON-LD,
 * meta tags, microdata, {@code <time>} elements, date-named elements, then the visible text. Never the URL (the
 * caller may fall back to {@link UrlDates}).
 */
final class PublicationDates {
    private static final List<String> PUBLISHED_META = List.of("article:published_time", "og:article:published_time",
            "article:published", "published_time", "datepublished", "pubdate", "publishdate", "publish-date",
            "publish_date", "publication_date", "date_published", "dc.date.issued", "dcterms.issued", "dc.date.created",
            "dcterms.created", "sailthru.date", "parsely-pub-date", "article.published", "article_date_original",
            "original-publish-date", "cxenseparse:recs:publishtime", "citation_date", "citation_publication_date",
            "release_date");
    /** Generic names that pages also fill with the last change: weaker than a date shown in the article. */
    private static final List<String> GENERIC_META = List.of("date", "dc.date", "dcterms.date", "created", "creation_date");
    private static final List<String> MODIFIED_META = List.of("article:modified_time", "og:updated_time",
            "article:modified", "datemodified", "dc.date.modified", "dcterms.modified", "last-modified", "lastmod");

    private static final java.util.regex.Pattern LOCAL_TIME =
            java.util.regex.Pattern.compile("\\d{4}-\\d{1,2}-\\d{1,2}[T ]\\d{1,2}:\\d{2}");
    private final Document doc;
    private final PageIndex index;
    private final JsonLd ld;
    private final ExtractionOverrides overrides;
    private final LocalDate latest;
    private final boolean dayFirst;
    private ShownText shownText;
    /** Characters of page text searched for shown dates: bounds the cost on huge pages. */
    private static final int SHOWN_SCAN = 100_000;

    PublicationDates(Document doc, PageIndex index, JsonLd ld, ExtractionOverrides overrides) {
        this.doc = doc;
        this.index = index;
        this.ld = ld;
        this.overrides = overrides;
        this.latest = latestPlausibleDay();
        String lang = index.htmlLang == null ? "" : index.htmlLang.toLowerCase(Locale.ROOT);
        this.dayFirst = !(lang.equals("en") || lang.equals("en-us"));
    }

    /** Tomorrow in UTC: a later day is never a publication date (every time zone is still before it). */
    static LocalDate latestPlausibleDay() {
        return LocalDate.now(ZoneOffset.UTC).plusDays(1);
    }

    /** What was found; either may be null. */
    record Found(PublicationDate published, PublicationDate modified) {
    }

    Found find() {
        PublicationDate modified = modified();
        PublicationDate published = published();
        if (published == null && modified != null) {
            published = new PublicationDate(modified.day(), modified.instant(), modified.evidence(), 0.5);
        }
        if (published == null) {
            published = VisibleDates.firstInText(doc, shownText(), latest, dayFirst);
        } else if (published.evidence().startsWith("meta:") || published.evidence().startsWith("json-ld:")
                || published.evidence().startsWith("microdata:")) {
            published = preferShownOverUnseen(published);
        }
        if (published != null && published.hasTime()) {
            published = preferLocalTimestamp(published);
        }
        if (published != null && published.hasTime()) {
            published = VisibleDates.preferShownDay(index, published, latest, dayFirst);
        }
        return new Found(published, modified);
    }

    private ShownText shownText() {
        if (shownText == null) {
            shownText = ShownText.of(doc, index.dateContext(), SHOWN_SCAN);
        }
        return shownText;
    }

    /**
     * A publication date from metadata that the page never shows, while the article shows another date right under
     * its title: the page was re-dated (updated, re-published, moved) and the reader's date is the one shown. A day
     * apart around midnight UTC is a time-zone question, settled later, not a different date.
     */
    private PublicationDate preferShownOverUnseen(PublicationDate found) {
        DateText.Parsed shown = ShownText.dateAfterTitle(index.dateContext(), latest, dayFirst);
        if (shown == null || shown.day().equals(found.day())) {
            return found;
        }
        int hour = found.instant().atZone(ZoneOffset.UTC).getHour();
        if (Math.abs(shown.day().toEpochDay() - found.day().toEpochDay()) == 1 && found.hasTime() && (hour < 9 || hour >= 20)) {
            return found;
        }
        if (shownText().shows(found.day(), latest, dayFirst, SHOWN_SCAN)
                || VisibleDates.shownDays(index, latest, dayFirst).contains(found.day())) {
            return found;
        }
        return PublicationDate.ofDay(shown.day(), "text:after-title", 0.6);
    }

    private PublicationDate published() {
        PublicationDate d = fromOverride();
        if (d == null) {
            d = fromMeta(PUBLISHED_META.subList(0, 3), 0.95);
        }
        if (d == null) {
            d = fromJsonLd("datePublished", 0.95);
        }
        if (d == null) {
            d = fromMeta(PUBLISHED_META, 0.9);
        }
        if (d == null) {
            d = fromJsonLd("dateCreated", 0.85);
        }
        if (d == null) {
            d = VisibleDates.find(index, latest, dayFirst);
        }
        if (d == null) {
            d = fromMeta(GENERIC_META, 0.7);
        }
        return d;
    }

    private PublicationDate modified() {
        PublicationDate d = fromJsonLd("dateModified", 0.9);
        return d != null ? d : fromMeta(MODIFIED_META, 0.85);
    }

    /**
     * Pages often state the same moment twice, once in UTC and once in local time; the local one gives the day the
     * publisher means.
     */
    private PublicationDate preferLocalTimestamp(PublicationDate chosen) {
        if (!chosen.instant().atZone(ZoneOffset.UTC).toLocalDate().equals(chosen.day())) {
            return chosen;
        }
        List<String> values = new java.util.ArrayList<>();
        for (List<JsonNode> group : List.of(ld.articles(), ld.others())) {
            for (JsonNode n : group) {
                values.add(JsonLd.text(n.get("datePublished")));
            }
        }
        for (String name : PUBLISHED_META) {
            values.add(index.meta(name));
        }
        for (String v : values) {
            if (v == null || v.endsWith("Z") || v.contains("+00:00") || v.contains("+0000") || !LOCAL_TIME.matcher(v).find()) {
                continue;
            }
            DateText.Parsed p = DateText.parseValue(v, latest, dayFirst);
            if (p != null && Math.abs(p.day().toEpochDay() - chosen.day().toEpochDay()) == 1
                    && (p.instant() == null || p.instant().equals(chosen.instant()))) {
                return p.instant() != null ? new PublicationDate(p.day(), p.instant(), chosen.evidence() + "+local", chosen.confidence())
                        : new PublicationDate(p.day(), chosen.instant(), chosen.evidence() + "+local", chosen.confidence());
            }
        }
        return chosen;
    }

    private PublicationDate fromOverride() {
        if (overrides.date() == null) {
            return null;
        }
        Element e = doc.selectFirst(overrides.date());
        if (e == null) {
            return null;
        }
        for (String attr : new String[] {"datetime", "content"}) {
            PublicationDate d = of(e.attr(attr), "override:" + attr, 1.0);
            if (d != null) {
                return d;
            }
        }
        return of(e.text(), "override:text", 1.0);
    }

    private PublicationDate fromJsonLd(String field, double confidence) {
        for (List<JsonNode> group : List.of(ld.articles(), ld.others())) {
            for (JsonNode n : group) {
                PublicationDate d = of(JsonLd.text(n.get(field)), "json-ld:" + field, confidence);
                if (d != null) {
                    return d;
                }
            }
        }
        return null;
    }

    private PublicationDate fromMeta(List<String> names, double confidence) {
        for (String name : names) {
            String v = index.meta(name);
            PublicationDate d = of(v, "meta:" + name, name.equals("date") ? confidence - 0.1 : confidence);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    private PublicationDate of(String value, String evidence, double confidence) {
        DateText.Parsed p = DateText.parseValue(value, latest, dayFirst);
        if (p == null) {
            return null;
        }
        return p.instant() != null ? new PublicationDate(p.day(), p.instant(), evidence, confidence)
                : PublicationDate.ofDay(p.day(), evidence, confidence);
    }
}
