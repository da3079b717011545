package dev.newsflow.processor.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.newsflow.common.sources.ExtractionOverrides;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The day in a URL path: the last resort for the publication date. */
class UrlDatesTest {
    private static final LocalDate LATEST = LocalDate.of(2024, 6, 2);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            https://news.example/2024/03/15/some-story/            | 2024-03-15
            https://news.example/world/2024/3/5/story.html         | 2024-03-05
            https://news.example/20240315/story                    | 2024-03-15
            https://news.example/politics/2024-03-15-a-slug        | 2024-03-15
            https://news.example/a-slug-2024-03-15.html            | 2024-03-15
            https://news.example/a_slug_2024_03_15                 | 2024-03-15
            https://news.example/archive/2024.03.15/story          | 2024-03-15
            /2023/12/31/relative-path                              | 2023-12-31
            //cdn.example/2023/12/31/protocol-relative             | 2023-12-31
            https://news.example/2024/02/30/no-such-day/2024/01/09/ | 2024-01-09
            """)
    void shouldReadTheDayWrittenInThePath(String url, String day) {
        assertThat(UrlDates.day(url, LATEST)).isEqualTo(LocalDate.parse(day));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            https://news.example/2024/03/story                     | month only: no day
            https://news.example/story-120240315123                | digits inside a longer number (an id)
            https://news.example/2024/13/01/story                  | month 13
            https://news.example/2024/02/30/story                  | no 30 February
            https://news.example/1994/03/15/story                  | before 1995: an archive scan, not a publication
            https://news.example/2024/06/03/story                  | after tomorrow
            https://news.example/2099/01/01/story                  | far future
            https://2024-03-15.example/story                       | the host is not read
            https://news.example/story?date=2024-03-15             | the query is not read
            https://news.example/story#2024/03/15                  | the fragment is not read
            https://news.example                                   | no path
            /news/2024-0315/story                                  | mixed separators
            """)
    void shouldRefuseWhatIsNotAPlausiblePublicationDay(String url, String why) {
        assertThat(UrlDates.day(url, LATEST)).as(why).isNull();
    }

    @Test
    void shouldAcceptTomorrowButNotTheDayAfter() {
        assertThat(UrlDates.day("https://x.example/2024/06/02/a", LATEST)).isEqualTo(LATEST);
        assertThat(UrlDates.day("https://x.example/2024/06/03/a", LATEST)).isNull();
    }

    @Test
    void shouldCarryLowConfidenceAndUrlEvidence() {
        PublicationDate d = UrlDates.find("https://x.example/2024/03/15/a", LATEST);
        assertThat(d.evidence()).isEqualTo("url");
        assertThat(d.confidence()).isLessThan(0.3);
        assertThat(d.hasTime()).isFalse();
        assertThat(UrlDates.find(null, LATEST)).isNull();
        assertThat(UrlDates.find("", LATEST)).isNull();
    }

    /** Property: any string (random characters, digits and separators) never throws and never gives an implausible day. */
    @Test
    void shouldNeverThrowNorLeaveTheSaneRangeOnRandomInput() {
        Random random = new Random(20240315);
        // Characters and fragments that make up dates, so that date-like runs are frequent, plus any UTF-16 unit.
        String[] tokens = {"0", "1", "2", "3", "9", "/", "-", "_", ".", "?", "#", ":", "a", "%", "\u0661", "\uff11",
            "19", "20", "199", "202", "2024", "0229", "1231", "00", "13", "32", "//", "://"};
        int found = 0;
        for (int i = 0; i < 50_000; i++) {
            StringBuilder s = new StringBuilder(random.nextInt(3) == 0 ? "https://h.example/" : "");
            int n = random.nextInt(30);
            for (int k = 0; k < n; k++) {
                s.append(random.nextInt(10) == 0 ? String.valueOf((char) random.nextInt(0x10000)) : tokens[random.nextInt(tokens.length)]);
            }
            LocalDate d = UrlDates.day(s.toString(), LATEST);
            if (d != null) {
                found++;
                assertThat(d).as(s.toString()).isBetween(LocalDate.of(1995, 1, 1), LATEST);
            }
        }
        assertThat(found).as("random digit runs do sometimes form a day").isPositive();
    }

    /** Property: a day written in any of the supported forms is read back exactly when it is in range. */
    @Test
    void shouldReadBackEveryGeneratedDayInRange() {
        Random random = new Random(42);
        for (int i = 0; i < 20_000; i++) {
            LocalDate day = LocalDate.ofEpochDay(random.nextInt(60_000) - 5_000);
            String y = String.format(java.util.Locale.ROOT, "%04d", day.getYear());
            String m = String.format(java.util.Locale.ROOT, "%02d", day.getMonthValue());
            String dd = String.format(java.util.Locale.ROOT, "%02d", day.getDayOfMonth());
            String path = switch (random.nextInt(3)) {
                case 0 -> "/" + y + "/" + m + "/" + dd + "/slug";
                case 1 -> "/" + y + m + dd + "/slug";
                default -> "/news/" + y + "-" + m + "-" + dd + "-slug";
            };
            boolean plausible = !day.isBefore(LocalDate.of(1995, 1, 1)) && !day.isAfter(LATEST);
            assertThat(UrlDates.day("https://h.example" + path, LATEST)).as(path).isEqualTo(plausible ? day : null);
        }
    }

    @Test
    void shouldStayFastOnAHugeUrl() {
        String huge = "https://h.example/" + "2024/".repeat(400_000) + "1".repeat(1_000_000);
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> UrlDates.day(huge, LATEST));
    }

    @Test
    void shouldUseTheUrlOnlyWhenThePageStatesNoDate() {
        ArticleExtractor extractor = new ArticleExtractor();
        String url = "https://news.example/2021/04/07/story";
        String undated = "<html><body><article><h1>T</h1><p>" + "Words of the story. ".repeat(30) + "</p></article></body></html>";
        String dated = "<html><head><meta property=\"article:published_time\" content=\"2021-04-09T10:00:00Z\"></head>"
                + undated.substring("<html>".length());
        ExtractedArticle a = ((ExtractionResult.Found) extractor.extract(undated, url, ExtractionOverrides.NONE)).article();
        assertThat(a.publishedAt()).isEqualTo(LocalDate.of(2021, 4, 7).atStartOfDay().toInstant(ZoneOffset.UTC));
        assertThat(a.publishedAtEvidence()).isEqualTo("url");
        assertThat(a.publishedAtConfidence()).isEqualTo(UrlDates.CONFIDENCE);

        ExtractedArticle b = ((ExtractionResult.Found) extractor.extract(dated, url, ExtractionOverrides.NONE)).article();
        assertThat(b.publishedAtEvidence()).isEqualTo("meta:article:published_time");
        assertThat(b.publishedAtConfidence()).isEqualTo(0.95);

        assertThat(extractor.publicationDate(undated)).as("HTML only: the benchmark's mode").isNull();
        assertThat(extractor.publicationDate(undated, url).evidence()).isEqualTo("url");
        assertThat(extractor.publicationDate(dated, url).evidence()).isEqualTo("meta:article:published_time");
    }
}
