package dev.newsflow.processor.extract;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Dates shown in the page: microdata, {@code <time>}, date-named elements, then the first dateline in the text. */
final class VisibleDates {
    private static final Pattern DATE_NAMED = Pattern.compile("(?i)date|time|publish|posted|byline|dateline|meta|info|datum");

    private VisibleDates() {
    }

    /**
     * The best date shown in a date element: elements in teaser lists, comments, asides and page headers are skipped,
     * and a date labelled as the publication beats an unlabelled one, which beats one labelled as an update; within a
     * label, microdata beats {@code <time>} beats date-named elements, then document order.
     */
    static PublicationDate find(PageIndex index, LocalDate latest, boolean dayFirst) {
        Candidate best = null;
        int order = 0;
        for (Element e : index.datePublishedItems) {
            best = better(best, candidate(e, index, latest, dayFirst, "microdata:datePublished", 0.85, 0, order++));
        }
        for (Element e : index.timeElements) {
            best = better(best, candidate(e, index, latest, dayFirst, "time", 0.75, 1, order++));
        }
        if (best != null && best.label == DateContext.Label.PUBLISHED) {
            return best.date;
        }
        for (Element e : index.dateNamed()) {
            String desc = (e.className() + " " + e.id()).toLowerCase(Locale.ROOT);
            if (desc.isBlank() || !DATE_NAMED.matcher(desc).find() || NOT_PUBLICATION.matcher(desc).find()
                    || e.childrenSize() > 12) {
                continue;
            }
            String text = boundedText(e, 200);
            if (text == null || text.isEmpty()) {
                continue;
            }
            DateText.Parsed p = DateText.find(text, latest, dayFirst);
            if (p == null || index.dateContext().inFurniture(e)) {
                continue;
            }
            DateContext.Label label = DateContext.labelOf(e, text, p.start());
            if (label == DateContext.Label.NONE) {
                label = DateContext.labelOfClass(e);
            }
            best = better(best, new Candidate(PublicationDate.ofDay(p.day(), "element:" + e.normalName(), 0.6), label, 2,
                    order++));
        }
        return best == null ? null : best.date;
    }

    private record Candidate(PublicationDate date, DateContext.Label label, int tier, int order) {
    }

    private static Candidate better(Candidate a, Candidate b) {
        if (b == null || b.label == DateContext.Label.OTHER) {
            return a;
        }
        if (a == null) {
            return b;
        }
        // only a publication label outranks the order of evidence: pages label their one shown date "Updated" too
        int c = Boolean.compare(b.label == DateContext.Label.PUBLISHED, a.label == DateContext.Label.PUBLISHED);
        if (c == 0) {
            c = Integer.compare(a.tier, b.tier);
        }
        return c <= 0 ? a : b;
    }

    private static Candidate candidate(Element e, PageIndex index, LocalDate latest, boolean dayFirst, String evidence,
            double conf, int tier, int order) {
        PublicationDate d = fromElement(e, latest, dayFirst, evidence, conf);
        if (d == null || index.dateContext().inFurniture(e)) {
            return null;
        }
        String text = boundedText(e, 200);
        DateContext.Label label = tier == 0 ? DateContext.Label.PUBLISHED : DateContext.Label.NONE;
        if (text != null && !text.isEmpty()) {
            DateText.Parsed shown = DateText.find(text, latest, dayFirst);
            DateContext.Label l = DateContext.labelOf(e, text, shown == null ? text.length() : shown.start());
            if (l != DateContext.Label.NONE) {
                label = l;
            }
            if (shown != null && Math.abs(shown.day().toEpochDay() - d.day().toEpochDay()) > 1) {
                // the attribute holds another timestamp than the one the reader sees (often the last change)
                d = PublicationDate.ofDay(shown.day(), evidence + ":text", conf - 0.1);
            }
        }
        if (label == DateContext.Label.NONE && tier > 0) {
            label = DateContext.labelOfClass(e);
        }
        return new Candidate(d, label, tier, order);
    }

    /** Date elements of comments and change notes are not the publication. */
    private static final Pattern NOT_PUBLICATION = Pattern.compile("comment|reply");
    private static final int TEXT_SCAN = 20_000;
    private static final java.time.ZoneId CENTRAL_EUROPE = java.time.ZoneId.of("Europe/Berlin");
    private static final java.util.Set<String> CENTRAL_EUROPEAN = java.util.Set.of("de", "fr", "it", "nl", "pl", "cs",
            "sk", "sl", "hr", "hu", "da", "sv", "nb", "no", "lb");
    private static final int MARKUP_SCAN = 300_000;

    /** The element's text, or null when longer than {@code limit}: never walks a whole article to learn that. */
    static String boundedText(Element e, int limit) {
        StringBuilder sb = new StringBuilder();
        boolean[] tooLong = {false};
        org.jsoup.select.NodeTraversor.filter(new org.jsoup.select.NodeFilter() {
            @Override
            public FilterResult head(org.jsoup.nodes.Node node, int depth) {
                if (node instanceof org.jsoup.nodes.TextNode t) {
                    sb.append(t.text()).append(' ');
                    if (sb.length() > limit) {
                        tooLong[0] = true;
                        return FilterResult.STOP;
                    }
                }
                return FilterResult.CONTINUE;
            }
        }, e);
        return tooLong[0] ? null : sb.toString().strip();
    }

    /**
     * Last resort: the first date written in the article's visible text (teasers, comments, captions and today's date
     * left out; a date labelled as the publication first), else anywhere in the markup (file names, paths).
     */
    static PublicationDate firstInText(Document doc, ShownText shown, LocalDate latest, boolean dayFirst) {
        DateText.Parsed p = shown.firstDate(latest, dayFirst, TEXT_SCAN);
        if (p != null) {
            return PublicationDate.ofDay(p.day(), "text", 0.4);
        }
        String html = doc.html();
        p = DateText.find(html.length() > MARKUP_SCAN ? html.substring(0, MARKUP_SCAN) : html, latest, dayFirst);
        return p == null ? null : PublicationDate.ofDay(p.day(), "markup", 0.3);
    }

    /**
     * A timestamp near midnight UTC may fall on the next or previous day where the page is published. When the page's
     * date elements show the neighbouring day and not this one, the shown day wins; a US-English page stamped before
     * 04:00 UTC was published the previous evening in every US time zone.
     */
    static PublicationDate preferShownDay(PageIndex index, PublicationDate found, LocalDate latest, boolean dayFirst) {
        java.time.ZonedDateTime utc = found.instant().atZone(java.time.ZoneOffset.UTC);
        if (!utc.toLocalDate().equals(found.day()) || utc.getHour() >= 9 && utc.getHour() < 22) {
            return found;
        }
        String lang = index.htmlLang == null ? "" : index.htmlLang.toLowerCase(java.util.Locale.ROOT);
        String primary = Languages.normalise(lang) == null ? "" : Languages.normalise(lang);
        boolean european = CENTRAL_EUROPEAN.contains(primary) || lang.equals("es-es");
        if (european) {
            // Central European publishers are ahead of UTC: a late UTC stamp is the next local day, never the previous,
            // unless the page shows the stamped day
            LocalDate local = found.instant().atZone(CENTRAL_EUROPE).toLocalDate();
            if (local.equals(found.day())) {
                return found;
            }
            java.util.Set<LocalDate> shown = shownDays(index, latest, dayFirst);
            return shown.contains(found.day()) && !shown.contains(local) ? found
                    : new PublicationDate(local, found.instant(), found.evidence() + "+cet", found.confidence());
        }
        java.util.Set<LocalDate> shown = shownDays(index, latest, dayFirst);
        LocalDate neighbour = utc.getHour() < 9 ? found.day().minusDays(1) : found.day().plusDays(1);
        if (!shown.contains(found.day()) && shown.contains(neighbour)) {
            return shownNeighbour(found, shown, neighbour);
        }
        String locale = index.meta("og:locale") == null ? "" : index.meta("og:locale").toLowerCase(java.util.Locale.ROOT);
        boolean us = lang.equals("en-us") || locale.equals("en_us") && (lang.isEmpty() || lang.equals("en"));
        if (us && utc.getHour() < 4 && !shown.contains(found.day())) {
            return PublicationDate.ofDay(found.day().minusDays(1), found.evidence() + "+us-evening", found.confidence());
        }
        return found;
    }

    private static PublicationDate shownNeighbour(PublicationDate found, java.util.Set<LocalDate> shown, LocalDate neighbour) {
        return !shown.contains(found.day()) && shown.contains(neighbour)
                ? PublicationDate.ofDay(neighbour, found.evidence() + "+shown-day", found.confidence()) : found;
    }

    static java.util.Set<LocalDate> shownDays(PageIndex index, LocalDate latest, boolean dayFirst) {
        java.util.Set<LocalDate> out = new java.util.HashSet<>();
        List<Element> sources = new java.util.ArrayList<>(index.timeElements);
        sources.addAll(index.datePublishedItems);
        sources.addAll(index.dateNamed());
        for (Element e : sources) {
            String text = boundedText(e, 200);
            if (text != null && !text.isEmpty()) {
                DateText.Parsed p = DateText.find(text, latest, dayFirst);
                if (p != null) {
                    out.add(p.day());
                }
            }
        }
        return out;
    }

    private static PublicationDate fromElement(Element e, LocalDate latest, boolean dayFirst, String evidence, double conf) {
        for (String attr : new String[] {"datetime", "content"}) {
            if (e.hasAttr(attr)) {
                DateText.Parsed p = DateText.parseValue(e.attr(attr), latest, dayFirst);
                if (p != null) {
                    return p.instant() != null ? new PublicationDate(p.day(), p.instant(), evidence, conf)
                            : PublicationDate.ofDay(p.day(), evidence, conf);
                }
            }
        }
        DateText.Parsed p = DateText.find(e.text(), latest, dayFirst);
        return p == null ? null : PublicationDate.ofDay(p.day(), evidence + ":text", conf - 0.1);
    }
}
