package dev.newsflow.processor.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.avro.Article;
import dev.newsflow.avro.RawPage;
import dev.newsflow.common.sources.SourcesConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The date evidence reaches the Avro article; the feed's date beats the URL's day. */
class PageParserDateEvidenceTest {
    private static final String BODY = "<h1>Cranes stop</h1><p>" + "Dockworkers in the harbour report that the cranes stopped. ".repeat(20) + "</p>";
    private static final String DATED = "<html><head><meta property=\"article:published_time\" content=\"2021-04-09T10:00:00Z\">"
            + "<meta property=\"article:modified_time\" content=\"2021-04-10T08:00:00Z\"></head><body><article>" + BODY
            + "</article></body></html>";
    private static final String UNDATED = "<html><body><article>" + BODY + "</article></body></html>";
    private static final String URL = "https://news.example/2021/04/07/cranes-stop";
    private final PageParser parser = new PageParser(SourcesConfig::empty, 5_000_000);

    @Test
    void shouldCarryConfidenceAndModificationEvidenceIntoTheArticle() {
        Article a = parse(DATED, null);
        assertThat(a.getPublishedAt()).isEqualTo(Instant.parse("2021-04-09T10:00:00Z"));
        assertThat(a.getPublishedAtEvidence()).isEqualTo("meta:article:published_time");
        assertThat(a.getPublishedAtConfidence()).isEqualTo(0.95);
        assertThat(a.getModifiedAt()).isEqualTo(Instant.parse("2021-04-10T08:00:00Z"));
        assertThat(a.getModifiedAtEvidence()).isEqualTo("meta:article:modified_time");
    }

    @Test
    void shouldTakeTheUrlDayOnlyWhenNeitherPageNorFeedGivesADate() {
        Article fromUrl = parse(UNDATED, null);
        assertThat(fromUrl.getPublishedAt()).isEqualTo(Instant.parse("2021-04-07T00:00:00Z"));
        assertThat(fromUrl.getPublishedAtEvidence()).isEqualTo("url");
        assertThat(fromUrl.getPublishedAtConfidence()).isEqualTo(0.2);
        assertThat(fromUrl.getModifiedAtEvidence()).isNull();

        Instant feed = Instant.parse("2021-04-08T06:30:00Z");
        Article fromFeed = parse(UNDATED, feed);
        assertThat(fromFeed.getPublishedAt()).isEqualTo(feed);
        assertThat(fromFeed.getPublishedAtEvidence()).isEqualTo("feed");
        assertThat(fromFeed.getPublishedAtConfidence()).isNull();

        assertThat(parse(DATED, feed).getPublishedAtEvidence()).as("the page's own date beats the feed")
                .isEqualTo("meta:article:published_time");
    }

    private Article parse(String html, Instant hint) {
        RawPage page = RawPage.newBuilder().setRequestedUrl(URL).setFinalUrl(URL).setStatus(200).setContentType("text/html")
                .setCharset("utf-8").setBody(ByteBuffer.wrap(html.getBytes(StandardCharsets.UTF_8))).setSourceId("demo")
                .setHintPublishedAt(hint).setFetchStartedAt(Instant.parse("2026-11-25T10:00:00Z"))
                .setFetchCompletedAt(Instant.parse("2026-11-25T10:00:01Z")).build();
        ParseOutcome outcome = parser.parse(page, Instant.parse("2026-11-25T10:00:02Z"));
        assertThat(outcome).isInstanceOf(ParseOutcome.Parsed.class);
        return ((ParseOutcome.Parsed) outcome).page().getArticle();
    }
}
