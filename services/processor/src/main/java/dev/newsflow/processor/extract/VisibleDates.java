package dev.newsflow.processor.extract;

import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** Dates shown in the page: microdata, {@code <time>}, date-named elements, then the first dateline in the text. */
final class VisibleDates {
    private static final Pattern DATE_NAMED = Pattern.compile("(?i)date|time|publish|posted|byline|dateline|meta|info|datum");

    private VisibleDates() {
    }

    static PublicationDate find(PageIndex index, LocalDate latest, boolean dayFirst) {
        for (Element e : index.datePublishedItems) {
            PublicationDate d = fromElement(e, latest, dayFirst, "microdata:datePublished", 0.85);
            if (d != null) {
                return d;
            }
        }
        for (Element e : index.timeElements) {
            PublicationDate d = fromElement(e, latest, dayFirst, "time", 0.75);
            if (d != null) {
                return d;
            }
        }
        for (Element e : index.dateNamed) {
            String desc = (e.className() + " " + e.id()).toLowerCase(Locale.ROOT);
            if (desc.isBlank() || !DATE_NAMED.matcher(desc).find()) {
                continue;
            }
            if (e.childrenSize() > 12) {
                continue;
            }
            String text = boundedText(e, 200);
            if (text == null || text.isEmpty()) {
                continue;
            }
            DateText.Parsed p = DateText.find(text, latest, dayFirst);
            if (p != null) {
                return PublicationDate.ofDay(p.day(), "element:" + e.normalName(), 0.6);
            }
        }
        return null;
    }

    private static final int TEXT_SCAN = 20_000;
    private static final int SHOWN_SCAN = 6_000;

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

    /** Last resort: the first date written in the visible text, else anywhere in the markup (file names, paths). */
    static PublicationDate firstInText(Document doc, LocalDate latest, boolean dayFirst) {
        String text = doc.body() == null ? "" : doc.body().text();
        DateText.Parsed p = DateText.find(text.length() > TEXT_SCAN ? text.substring(0, TEXT_SCAN) : text, latest, dayFirst);
        if (p != null) {
            return PublicationDate.ofDay(p.day(), "text", 0.4);
        }
        String html = doc.body() == null ? "" : doc.body().html();
        p = DateText.find(html.length() > 4 * TEXT_SCAN ? html.substring(0, 4 * TEXT_SCAN) : html, latest, dayFirst);
        return p == null ? null : PublicationDate.ofDay(p.day(), "markup", 0.3);
    }

    /**
     * A timestamp near midnight UTC may fall on the next or previous day where the page is published; when the page
     * shows the neighbouring day and not this one, the shown day is the publication day.
     */
    static PublicationDate preferShownDay(Document doc, PublicationDate found, LocalDate latest, boolean dayFirst) {
        java.time.ZonedDateTime utc = found.instant().atZone(java.time.ZoneOffset.UTC);
        if (!utc.toLocalDate().equals(found.day()) || utc.getHour() >= 6 && utc.getHour() < 20) {
            return found;
        }
        String text = doc.body() == null ? "" : doc.body().text();
        java.util.Set<LocalDate> shown = DateText.findAll(text.length() > SHOWN_SCAN ? text.substring(0, SHOWN_SCAN) : text,
                latest, dayFirst, 20);
        if (shown.contains(found.day())) {
            return found;
        }
        LocalDate neighbour = utc.getHour() < 6 ? found.day().minusDays(1) : found.day().plusDays(1);
        return shown.contains(neighbour)
                ? PublicationDate.ofDay(neighbour, found.evidence() + "+shown-day", found.confidence()) : found;
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
