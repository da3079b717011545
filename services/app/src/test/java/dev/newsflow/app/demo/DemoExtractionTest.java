package dev.newsflow.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.common.sources.ExtractionOverrides;
import dev.newsflow.processor.extract.ArticleExtractor;
import dev.newsflow.processor.extract.ExtractedArticle;
import dev.newsflow.processor.extract.ExtractionResult;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The demo pages are "clean": the processor's extractor recovers exactly what the site published. */
@Timeout(60)
class DemoExtractionTest {
    private static DemoSite site;

    @BeforeAll
    static void start() {
        site = DemoSite.start(0);
    }

    @AfterAll
    static void stop() {
        site.close();
    }

    @Test
    void shouldExtractTitleBodyDateAndCanonicalFromEveryDemoPageOnBothHosts() throws Exception {
        ArticleExtractor extractor = new ArticleExtractor();
        for (DemoArticle a : site.articles()) {
            for (String host : List.of(DemoSite.PRIMARY_HOST, DemoSite.MIRROR_HOST)) {
                String url = site.baseUrl(host) + a.path();
                ExtractionResult result = extractor.extract(RawHttp.get(site.port(), host, a.path()).text(), url,
                        ExtractionOverrides.NONE);
                assertThat(result).as(url).isInstanceOf(ExtractionResult.Found.class);
                ExtractedArticle e = ((ExtractionResult.Found) result).article();
                assertThat(e.title()).as(url).isEqualTo(a.title());
                // every article paragraph, in order; the extractor may also keep standfirst, subheadings and lists
                int from = 0;
                for (String paragraph : a.bodyText().split("\n\n")) {
                    int at = e.bodyText().indexOf(paragraph, from);
                    assertThat(at).as(url + " keeps paragraph in order: " + paragraph).isGreaterThanOrEqualTo(from);
                    from = at + paragraph.length();
                }
                assertThat(e.bodyText()).as(url + " without page furniture")
                        .doesNotContain("Share this article", "The Morning Brief", "Related", "Most read");
                assertThat(e.publishedAt()).as(url).isEqualTo(a.publishedAt());
                assertThat(e.canonicalUrl()).as(url).isEqualTo(site.baseUrl(DemoSite.PRIMARY_HOST) + a.path());
                assertThat(e.language()).isEqualTo("en");
            }
        }
    }
}
