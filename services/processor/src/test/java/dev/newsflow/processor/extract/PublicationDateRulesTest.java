package dev.newsflow.processor.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** One small page of our own per date rule: where a shown date sits and what its label says. */
class PublicationDateRulesTest {
    private static final String FILLER = "<p>The council met on Tuesday evening and agreed the new budget after a long"
            + " debate about the cost of repairs to the old bridge over the river.</p>";

    private static PublicationDate date(String html) {
        return new ArticleExtractor().publicationDate(html);
    }

    private static String page(String lang, String head, String body) {
        return "<html lang=\"" + lang + "\"><head><title>Bridge budget</title>" + head + "</head><body>" + body
                + "</body></html>";
    }

    @Test
    void shouldPreferTheDateShownUnderTheTitleWhenTheMetadataDateIsNowhereOnThePage() {
        String html = page("en", "<meta property=\"article:published_time\" content=\"2021-01-10T09:00:00+00:00\">",
                "<article><h1>Bridge budget agreed</h1><div class=\"byline\">By Ann Smith, 3 March 2021</div>"
                        + FILLER + "</article>");
        PublicationDate d = date(html);
        assertThat(d.day()).isEqualTo(LocalDate.of(2021, 3, 3));
        assertThat(d.evidence()).isEqualTo("text:after-title");
    }

    @Test
    void shouldKeepTheMetadataDateWhenThePageShowsItAnywhere() {
        String html = page("en", "<meta property=\"article:published_time\" content=\"2021-01-10T09:00:00+00:00\">",
                "<article><h1>Bridge budget agreed</h1><div class=\"byline\">Updated 3 March 2021</div>" + FILLER
                        + "<p class=\"note\">First published 10 January 2021</p></article>");
        assertThat(date(html).day()).isEqualTo(LocalDate.of(2021, 1, 10));
    }

    @Test
    void shouldLeaveADayApartNearMidnightToTheTimeZoneRules() {
        String html = page("en", "<meta property=\"article:published_time\" content=\"2021-03-04T02:30:00Z\">",
                "<article><h1>Bridge budget agreed</h1><p>By Ann Smith, March 3, 2021, 9:30 PM</p>" + FILLER
                        + "</article>");
        assertThat(date(html).evidence()).startsWith("meta:article:published_time");
    }

    @Test
    void shouldNotTakeAListOfDatedTeasersUnderTheTitleForTheArticleDate() {
        String html = page("en", "<meta property=\"article:published_time\" content=\"2021-01-10T09:00:00+00:00\">",
                "<article><h1>Bridge budget agreed</h1>" + FILLER + "<ul><li>Ferry fares 2 March 2021</li>"
                        + "<li>New school 1 March 2021</li><li>Road works 28 February 2021</li></ul></article>");
        assertThat(date(html).day()).isEqualTo(LocalDate.of(2021, 1, 10));
    }

    @Test
    void shouldSkipDatesOfRelatedArticlesAndComments() {
        String html = page("de", "",
                "<div class=\"related-posts\"><article><h3>Alte Meldung</h3><time datetime=\"2019-04-11\">11. April"
                        + " 2019</time></article></div><article><h1>Brücke wird saniert</h1>" + FILLER
                        + "<div class=\"post-meta\">22. Oktober 2020</div></article><div id=\"comments\"><div class=\"c\">"
                        + "<time datetime=\"2020-10-25\">25.10.2020</time> Gute Nachricht!</div></div>");
        assertThat(date(html).day()).isEqualTo(LocalDate.of(2020, 10, 22));
    }

    @Test
    void shouldSkipTodaysDateInTheSiteHeader() {
        String html = page("de", "", "<header id=\"top\"><span class=\"date\">Mittwoch, 26.02.2020</span><a href=\"/\">Home</a>"
                + "</header><div class=\"content\"><h1>Die Zukunft der Arbeit</h1><span class=\"date\">01.05.2017</span>"
                + FILLER + "</div>");
        assertThat(date(html).day()).isEqualTo(LocalDate.of(2017, 5, 1));
    }

    @Test
    void shouldKeepTheDateInTheArticlesOwnHeader() {
        String html = page("en", "", "<article><header class=\"header\"><h1>Bridge budget agreed</h1>"
                + "<span class=\"date\">5 May 2020</span></header>" + FILLER + "</article>");
        assertThat(date(html).day()).isEqualTo(LocalDate.of(2020, 5, 5));
    }

    @Test
    void shouldNeverTakeTheCurrentTimeOrARegistrationDate() {
        String html = page("de", "", "<div class=\"forum\"><h1>Was ist freie Software?</h1><div class=\"profile\">"
                + "Registriert: 18.09.2008</div><p>Beitrag von r23 » 21.01.2009, 05:42</p>" + FILLER + "</div>"
                + "<p class=\"time\">Aktuelle Zeit: 14.10.2020, 12:18</p>");
        assertThat(date(html).day()).isEqualTo(LocalDate.of(2009, 1, 21));
    }

    @Test
    void shouldPreferADateLabelledAsThePublicationOverOneLabelledAsAChange() {
        String html = page("de", "", "<div><h2>Rezension</h2>" + FILLER + FILLER
                + "<p>Letzte Änderung: 31.10.2023 - 14:49:39 Erschienen am: 01.11.2023</p></div>");
        assertThat(date(html).day()).isEqualTo(LocalDate.of(2023, 11, 1));
    }

    @Test
    void shouldTrustTheShownTextOfATimeElementOverAnAttributeDaysAway() {
        String html = page("fr", "", "<article><h1>Grenades</h1><div class=\"info\"><time datetime=\"2019-07-03T10:18:46Z\">"
                + "Publié le 29 juin 2019</time></div>" + FILLER + "</article>");
        assertThat(date(html).day()).isEqualTo(LocalDate.of(2019, 6, 29));
    }

    @Test
    void shouldNotTreatALayoutWrapperNamedSidebarAsFurniture() {
        String html = page("de", "", "<div class=\"mainwrap sidebar\"><div class=\"post\"><h1>Neue Kollektion</h1>"
                + "<a class=\"post-meta-time\">08/08/2017</a>" + FILLER + "</div><div class=\"widget-list\">"
                + "<div class=\"widget-date\">14/06/2019</div></div></div>");
        assertThat(date(html).day()).isEqualTo(LocalDate.of(2017, 8, 8));
    }

    @Test
    void shouldKeepAnAsideThatHoldsTheArticlesMetaData() {
        String html = page("de", "", "<article><h1>Skitouren</h1><aside class=\"meta\"><time class=\"meta__label\">"
                + "21.01.2022 - 13:30</time></aside>" + FILLER + "<aside class=\"more\"><span class=\"date\">26.01.2022"
                + "</span></aside></article>");
        assertThat(date(html).day()).isEqualTo(LocalDate.of(2022, 1, 21));
    }

    @Test
    void shouldSkipPhotoCaptionsInTheTextFallback() {
        String html = page("en", "", "<div><figure><img src=\"a.jpg\"><figcaption>The base near Orleans, January 16, 2020."
                + "</figcaption></figure><p>January 18, 2020 PARIS - Protesters gathered at the theatre.</p>" + FILLER
                + "</div>");
        assertThat(date(html).day()).isEqualTo(LocalDate.of(2020, 1, 18));
    }

    @Test
    void shouldReadGermanAbbreviatedMonthNames() {
        assertThat(DateText.find("Aktualisiert am 06. Mär. 2023", LocalDate.of(2030, 1, 1), true).day())
                .isEqualTo(LocalDate.of(2023, 3, 6));
    }

    @Test
    void shouldReadTheLabelJustBeforeADate() {
        assertThat(DateContext.labelBefore("Veröffentlicht am ")).isEqualTo(DateContext.Label.PUBLISHED);
        assertThat(DateContext.labelBefore("Last updated on ")).isEqualTo(DateContext.Label.MODIFIED);
        assertThat(DateContext.labelBefore("Last updated 04 Jun 2020, originally created "))
                .isEqualTo(DateContext.Label.PUBLISHED);
        assertThat(DateContext.labelBefore("Aktuelle Zeit: ")).isEqualTo(DateContext.Label.OTHER);
        assertThat(DateContext.labelBefore("Today is Monday, ")).isEqualTo(DateContext.Label.NONE);
        assertThat(DateContext.labelBefore("امروز: دوشنبه ")).isEqualTo(DateContext.Label.OTHER);
        assertThat(DateContext.labelBefore("The report was published after a long review that ended on "))
                .isEqualTo(DateContext.Label.NONE);
    }

    @Test
    void shouldFindDatesInsideARangeOfALongText() {
        String text = "x".repeat(200) + " 1 May 2019 " + "y".repeat(200) + " 2 June 2020 " + "z".repeat(200);
        DateText.Parsed p = DateText.find(text, 220, text.length(), LocalDate.of(2030, 1, 1), true);
        assertThat(p.day()).isEqualTo(LocalDate.of(2020, 6, 2));
        assertThat(text.substring(p.start(), p.end())).isEqualTo("2 June 2020");
    }
}
