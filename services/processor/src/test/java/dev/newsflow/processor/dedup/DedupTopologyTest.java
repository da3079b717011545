package dev.newsflow.processor.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.avro.Article;
import dev.newsflow.avro.Sighting;
import dev.newsflow.avro.SightingKind;
import dev.newsflow.common.sources.SourcesConfig;
import dev.newsflow.common.sources.SourcesLoader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Runs in both dedup layouts: the same stages, wired through repartition topics or handed over within one task. */
@ParameterizedClass
@EnumSource(DedupLayout.class)
class DedupTopologyTest {
    @Parameter
    DedupLayout layout;

    private static final SourcesConfig SOURCES = SourcesLoader.parse("sources.yml", """
            sources:
              - id: daily
                hosts: [www.daily.example]
                mirrors: [daily-mirror.example]
                feeds: [https://www.daily.example/rss]
            """).orThrow();
    private static final Instant T0 = Instant.parse("2026-01-10T08:00:00Z");

    private DedupDriver d;

    @BeforeEach
    void setUp() throws Exception {
        d = new DedupDriver(SOURCES, DedupSettings.defaults().withLayout(layout));
    }

    @AfterEach
    void tearDown() {
        d.close();
    }

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    @Test
    void shouldMergeMirrorCopiesIntoOneArticleOnThePrimaryHostWhateverArrivesFirst() {
        String body = Bodies.body(1, 300);
        d.page("https://daily-mirror.example/world/story-1", body, at(0));
        d.page("https://www.daily.example/world/story-1/", body, at(5));
        List<Article> articles = d.articles();
        assertThat(articles).hasSize(2);
        assertThat(articles).extracting(Article::getArticleId).containsOnly(articles.get(0).getArticleId());
        assertThat(articles.get(0).getCanonicalUrl()).isEqualTo("https://daily-mirror.example/world/story-1");
        Article last = articles.get(1);
        assertThat(last.getCanonicalUrl()).isEqualTo("https://www.daily.example/world/story-1");
        assertThat(last.getHost()).isEqualTo("www.daily.example");
        assertThat(last.getRevision()).isEqualTo(1);
        assertThat(last.getUrls()).containsExactly("https://daily-mirror.example/world/story-1", "https://www.daily.example/world/story-1/");
        assertThat(d.sightings.readValuesToList()).extracting(Sighting::getKind).containsExactly(SightingKind.PRIMARY, SightingKind.MIRROR);
    }

    @Test
    void shouldRecordTrackingVariantsAndRefetchesAsSightings() {
        String body = Bodies.body(2, 300);
        d.page("https://www.daily.example/a", body, at(0));
        d.page("http://daily.example/a?utm_source=x#comments", body, at(1));
        d.page("https://www.daily.example/a", body, at(2));
        assertThat(d.sightings.readValuesToList()).extracting(Sighting::getKind)
                .containsExactly(SightingKind.PRIMARY, SightingKind.TRACKING, SightingKind.REFETCH);
        List<Article> articles = d.articles();
        assertThat(articles).hasSize(2);
        assertThat(articles.get(1).getUrls()).hasSize(2);
        assertThat(articles.get(1).getCanonicalUrl()).isEqualTo("https://www.daily.example/a");
    }

    @Test
    void shouldPublishAChangedBodyAsANewRevisionOfTheSameArticle() {
        String body = Bodies.body(3, 300);
        d.page("https://www.daily.example/b", body, at(0));
        d.page("https://www.daily.example/b", body + " Correction: an earlier version misspelled a name.", at(60));
        List<Article> articles = d.articles();
        assertThat(articles).hasSize(2);
        assertThat(articles.get(1).getArticleId()).isEqualTo(articles.get(0).getArticleId());
        assertThat(articles.get(1).getRevision()).isEqualTo(2);
        assertThat(articles.get(1).getPreviousContentHash()).isEqualTo(articles.get(0).getContentHash());
        assertThat(articles.get(1).getFetchedAt()).isEqualTo(at(60));
    }

    @Test
    void shouldLinkASyndicatedCopyToTheEarliestArticle() {
        d.page("https://www.daily.example/c", Bodies.body(4, 400), at(0));
        d.page("https://other.example/2026/01/10/c-copy", Bodies.syndicated(4, 400, 10, 30), at(30));
        List<Article> articles = d.articles();
        assertThat(articles).hasSize(2);
        Article copy = articles.get(1);
        assertThat(copy.getArticleId()).isNotEqualTo(articles.get(0).getArticleId());
        assertThat(copy.getDuplicateOf()).isEqualTo(articles.get(0).getArticleId());
        assertThat(copy.getDuplicateDistance()).isBetween(0, 12);
        List<Sighting> dup = d.sightings.readValuesToList().stream().filter(s -> s.getKind() == SightingKind.DUPLICATE).toList();
        assertThat(dup).singleElement().satisfies(s -> {
            assertThat(s.getArticleId()).isEqualTo(articles.get(0).getArticleId());
            assertThat(s.getUrl()).isEqualTo("https://other.example/2026/01/10/c-copy");
        });
    }

    @Test
    void shouldLinkTheLaterCopyToTheEarlierArticleEvenWhenTheEarlierArrivesLast() throws Exception {
        Map<String, String> inOrder = finalLinks(false);
        Map<String, String> reversed = finalLinks(true);
        assertThat(reversed).isEqualTo(inOrder);
        String original = ContentHash.articleId("daily.example/c");
        String copy = ContentHash.articleId("other.example/2026/01/10/c-copy");
        assertThat(reversed).containsEntry(copy, original).containsEntry(original, "-");
    }

    /** Article id → duplicateOf ("-" for none) as last published, with the copy (fetched later) piped first or last. */
    private Map<String, String> finalLinks(boolean copyFirst) throws Exception {
        try (DedupDriver driver = new DedupDriver(SOURCES, DedupSettings.defaults().withLayout(layout))) {
            Runnable original = () -> driver.page("https://www.daily.example/c", Bodies.body(4, 400), at(0));
            Runnable copy = () -> driver.page("https://other.example/2026/01/10/c-copy", Bodies.syndicated(4, 400, 10, 30), at(30));
            (copyFirst ? copy : original).run();
            (copyFirst ? original : copy).run();
            Map<String, String> last = new java.util.TreeMap<>();
            driver.articles().forEach(a -> last.put(a.getArticleId(), a.getDuplicateOf() == null ? "-" : a.getDuplicateOf()));
            assertThat(driver.sightings.readValuesToList()).filteredOn(s -> s.getKind() == SightingKind.DUPLICATE).singleElement()
                    .satisfies(s -> assertThat(s.getUrl()).isEqualTo("https://other.example/2026/01/10/c-copy"));
            return last;
        }
    }

    @Test
    void shouldMatchLaterCopiesOfARevisedText() {
        d.page("https://www.daily.example/r", Bodies.body(30, 400), at(0));
        d.page("https://www.daily.example/r", Bodies.body(31, 400), at(60));
        d.page("https://other.example/r-copy", Bodies.syndicated(31, 400, 10, 30), at(90));
        d.page("https://third.example/r-copy", Bodies.syndicated(30, 400, 10, 30), at(95));
        List<Article> articles = d.articles();
        String id = articles.get(0).getArticleId();
        assertThat(articles).extracting(Article::getArticleId, Article::getRevision, Article::getDuplicateOf)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(id, 1, null), org.assertj.core.groups.Tuple.tuple(id, 2, null),
                        org.assertj.core.groups.Tuple.tuple(ContentHash.articleId("other.example/r-copy"), 1, id),
                        org.assertj.core.groups.Tuple.tuple(ContentHash.articleId("third.example/r-copy"), 1, id));
    }

    @Test
    void shouldTreatIdenticalBodiesUnderDifferentKeysAsDuplicates() {
        String body = Bodies.body(5, 200);
        d.page("https://one.example/x", body, at(0));
        d.page("https://two.example/y", body, at(1));
        List<Article> articles = d.articles();
        assertThat(articles.get(1).getDuplicateOf()).isEqualTo(articles.get(0).getArticleId());
        assertThat(articles.get(1).getDuplicateDistance()).isZero();
    }

    @Test
    void shouldKeepHardNegativesApart() {
        d.page("https://www.daily.example/d1", Bodies.body(10, 400), at(0));
        d.page("https://www.daily.example/d2", Bodies.body(11, 400), at(1));
        d.page("https://www.daily.example/d3", Bodies.mix(10, 11, 400), at(2));
        assertThat(d.articles()).extracting(Article::getDuplicateOf).containsOnlyNulls();
    }

    @Test
    void shouldNeverMergeShortBodies() {
        String boilerplate = "Subscribe to our newsletter. Share this on Facebook, Twitter and WhatsApp. All rights reserved.";
        d.page("https://www.daily.example/e1", boilerplate, at(0));
        d.page("https://www.daily.example/e2", boilerplate, at(1));
        List<Article> articles = d.articles();
        assertThat(articles).hasSize(2);
        assertThat(articles).extracting(Article::getDuplicateOf).containsOnlyNulls();
        assertThat(articles.get(0).getArticleId()).isNotEqualTo(articles.get(1).getArticleId());
    }

    @Test
    void shouldQueueUpdatesBehindThePendingDecision() {
        String body = Bodies.body(6, 300);
        d.page("https://daily-mirror.example/f", body, at(0));
        d.page("https://www.daily.example/f", body, at(0));
        d.page("https://www.daily.example/f", body + " Update: more details.", at(1));
        List<Article> articles = d.articles();
        assertThat(articles).extracting(Article::getRevision).containsExactly(1, 1, 2);
        assertThat(articles.get(2).getCanonicalUrl()).isEqualTo("https://www.daily.example/f");
    }

    @Test
    void shouldForgetStoriesAfterTheRetention() {
        d.page("https://www.daily.example/g", Bodies.body(7, 300), at(0));
        assertThat(d.storeSize(StoryStage.STORE)).isEqualTo(1);
        assertThat(d.storeSize(BlockIndexStage.STORE)).isEqualTo(8);
        d.page("https://www.daily.example/h", Bodies.body(8, 300), T0.plus(Duration.ofDays(15)));
        assertThat(d.storeSize(StoryStage.STORE)).isEqualTo(1);
        assertThat(d.storeSize(BlockIndexStage.STORE)).isEqualTo(8);
        assertThat(d.storeSize(ShingleStage.STORE)).isEqualTo(1);
        assertThat(d.storeSize(ArticleStage.STORE)).isEqualTo(1);
        assertThat(d.storeSize(ArticleStage.DECISIONS)).isZero();
        assertThat(d.meters.counter("news.dedup.purged", "store", StoryStage.STORE).count()).isEqualTo(1);
    }

    @Test
    void shouldIndexOnlyTheEarliestIdenticalCopiesOfABody() {
        String body = Bodies.body(12, 300);
        for (int i = 0; i < 20; i++) {
            d.page("https://site" + i + ".example/story", body, at(i));
        }
        // max-candidates (8) + 1 entries in each of the 8 tables (4 SimHash blocks, 4 anchors)
        assertThat(d.storeSize(BlockIndexStage.STORE)).isEqualTo(9 * 8);
        assertThat(d.meters.counter("news.dedup.index.capped").count()).isEqualTo(11 * 8);
        Map<String, String> links = lastLinks(d);
        String first = ContentHash.articleId("site0.example/story");
        assertThat(links).hasSize(20).containsEntry(first, "-");
        assertThat(links.entrySet()).filteredOn(e -> !e.getKey().equals(first)).extracting(Map.Entry::getValue).containsOnly(first);
    }

    @Test
    void shouldLetAnEarlierIdenticalCopyReplaceTheLatestIndexedOne() {
        String body = Bodies.body(13, 300);
        for (int i = 19; i >= 0; i--) { // the earliest copy arrives last
            d.page("https://site" + i + ".example/story", body, at(i));
        }
        assertThat(d.storeSize(BlockIndexStage.STORE)).isEqualTo(9 * 8);
        Map<String, String> links = lastLinks(d);
        String first = ContentHash.articleId("site0.example/story");
        assertThat(links).containsEntry(first, "-");
        // the earliest copy confirms the max-candidates earliest of the others, which are then linked to it
        for (int i = 1; i <= 8; i++) {
            assertThat(links).containsEntry(ContentHash.articleId("site" + i + ".example/story"), first);
        }
        // and a copy arriving now is linked to the earliest, which the index kept
        d.page("https://site20.example/story", body, at(20));
        assertThat(lastLinks(d)).containsEntry(ContentHash.articleId("site20.example/story"), first);
    }

    /** Article id → duplicateOf ("-" for none) as last published so far. */
    private static Map<String, String> lastLinks(DedupDriver driver) {
        Map<String, String> last = new java.util.TreeMap<>();
        driver.articles().forEach(a -> last.put(a.getArticleId(), a.getDuplicateOf() == null ? "-" : a.getDuplicateOf()));
        return last;
    }

    @Test
    void shouldPublishAMirrorCandidateAfterRepeatedIdenticalPaths() {
        for (int i = 0; i < 3; i++) {
            String body = Bodies.body(100 + i, 200);
            d.page("https://www.paper.example/news/" + i, body, at(i * 10));
            d.page("https://paper-copy.example/news/" + i, body, at(i * 10 + 1));
        }
        Map<String, String> candidates = d.mirrors.readKeyValuesToMap();
        assertThat(candidates).containsOnlyKeys("paper-copy.example paper.example");
        assertThat(candidates.values().iterator().next()).contains("\"identicalPaths\":3");
        assertThat(d.meters.counter("news.dedup.mirror.candidates").count()).isEqualTo(1);
    }

    @Test
    void shouldCountDecisions() {
        String body = Bodies.body(9, 300);
        d.page("https://www.daily.example/i", body, at(0));
        d.page("https://daily-mirror.example/i", body, at(1));
        Map<String, Double> counts = d.meters.find("news.dedup.decisions").counters().stream()
                .collect(Collectors.toMap(c -> c.getId().getTag("kind"), c -> c.count()));
        assertThat(counts).containsEntry("new", 1.0).containsEntry("mirror", 1.0);
    }
}
