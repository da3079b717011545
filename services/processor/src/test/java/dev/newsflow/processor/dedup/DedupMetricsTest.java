package dev.newsflow.processor.dedup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.avro.Article;
import dev.newsflow.avro.ParsedPage;
import dev.newsflow.common.sources.SourcesConfig;
import dev.newsflow.common.sources.SourcesLoader;
import dev.newsflow.processor.canonical.StoryKey;
import dev.newsflow.processor.canonical.StoryKeys;
import dev.newsflow.processor.metrics.LastArticleGauges;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
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

/** The dedup meters per source: decisions by kind and source (a closed set), the last-article time, stage timers. */
/** Runs in both dedup layouts: the same stages, wired through repartition topics or handed over within one task. */
@ParameterizedClass
@EnumSource(DedupLayout.class)
class DedupMetricsTest {
    @Parameter
    DedupLayout layout;

    private static final SourcesConfig SOURCES = SourcesLoader.parse("sources.yml", """
            sources:
              - id: daily
                hosts: [www.daily.example]
                mirrors: [daily-mirror.example]
                feeds: [https://www.daily.example/rss]
              - id: weekly
                hosts: [www.weekly.example]
                feeds: [https://www.weekly.example/rss]
              - id: archive
                hosts: [www.archive.example]
                feeds: [https://www.archive.example/rss]
                enabled: false
            """).orThrow();
    private static final Instant T0 = Instant.parse("2026-01-10T08:00:00Z");

    private DedupDriver d;
    private long built;

    @BeforeEach
    void setUp() throws Exception {
        built = System.currentTimeMillis();
        d = new DedupDriver(SOURCES, DedupSettings.defaults().withLayout(layout));
    }

    @AfterEach
    void tearDown() {
        d.close();
    }

    private Map<String, Double> decisions(String kind) {
        return d.meters.find("news.dedup.decisions").tag("kind", kind).counters().stream()
                .collect(Collectors.toMap(c -> c.getId().getTag("source"), Counter::count));
    }

    private Double lastArticle(String source) {
        Gauge g = d.meters.find(LastArticleGauges.NAME).tag("source", source).gauge();
        return g == null ? null : g.value();
    }

    /** A page as the parse stage makes it, with {@code sourceId} as the raw page carried it. */
    private void page(String sourceId, String url, String body, Instant fetchedAt) {
        StoryKey key = new StoryKeys(SOURCES).keyFor(url, null);
        Article draft = Article.newBuilder().setArticleId("").setRevision(0).setStoryKey(key.key()).setCanonicalUrl(url)
                .setUrls(List.of(url)).setSourceId(sourceId).setHost(key.host()).setTitle("t").setBodyText(body)
                .setContentHash(ContentHash.of(body)).setFetchedAt(fetchedAt).setProcessedAt(fetchedAt).setExtractorVersion("test").build();
        d.input.pipeInput(url, ParsedPage.newBuilder().setUrl(url).setRequestedUrl(url).setHost(key.host()).setSourceId(sourceId)
                .setStoryKey(key.key()).setOnPrimaryHost(key.onPrimaryHost()).setFetchedAt(fetchedAt).setArticle(draft).build(), fetchedAt);
    }

    @Test
    void shouldRegisterEveryKindOfEveryConfiguredSourceAtZero() {
        assertThat(decisions("new")).containsOnly(Map.entry("daily", 0.0), Map.entry("weekly", 0.0), Map.entry("archive", 0.0));
        assertThat(decisions("late-duplicate")).containsOnlyKeys("daily", "weekly", "archive");
    }

    @Test
    void shouldCountDecisionsBySourceAndFoldUnconfiguredIdsIntoUnknown() {
        String body = Bodies.body(3, 300);
        page("daily", "https://www.daily.example/a", body, T0);
        page("daily", "https://daily-mirror.example/a", body, T0.plusSeconds(60));
        page("weekly", "https://www.weekly.example/b", Bodies.body(4, 300), T0);
        page("made-up-" + System.nanoTime(), "https://www.elsewhere.example/c", Bodies.body(5, 300), T0);

        assertThat(decisions("new")).containsEntry("daily", 1.0).containsEntry("weekly", 1.0).containsEntry("unknown", 1.0);
        assertThat(decisions("mirror")).containsEntry("daily", 1.0).containsEntry("weekly", 0.0);
        assertThat(d.meters.getMeters()).allSatisfy(m -> assertThat(m.getId().getTag("source")).as(m.getId().toString())
                .isIn(null, "daily", "weekly", "archive", "unknown"));
    }

    @Test
    void shouldMoveTheLastArticleTimeOnNewStoriesOnly() throws Exception {
        double startedAt = lastArticle("daily");
        assertThat(startedAt).as("tracking began when the topology was built").isBetween(built / 1000.0, System.currentTimeMillis() / 1000.0);
        assertThat(lastArticle("archive")).as("disabled source").isNull();
        Thread.sleep(20);
        long before = System.currentTimeMillis();
        page("daily", "https://www.daily.example/a", Bodies.body(6, 300), T0);
        double afterNew = lastArticle("daily");
        assertThat(afterNew).isBetween(before / 1000.0, System.currentTimeMillis() / 1000.0);
        Thread.sleep(20);
        page("daily", "https://www.daily.example/a", Bodies.body(6, 300), T0.plusSeconds(60));
        page("daily", "https://daily-mirror.example/a", Bodies.body(6, 300), T0.plusSeconds(60));
        assertThat(decisions("refetch")).containsEntry("daily", 1.0);
        assertThat(lastArticle("daily")).as("copies are not new articles").isEqualTo(afterNew);
        assertThat(lastArticle("weekly")).as("another source").isEqualTo(startedAt, org.assertj.core.data.Offset.offset(1.0));
    }

    @Test
    void shouldTimeEveryDedupStage() {
        page("daily", "https://www.daily.example/a", Bodies.body(7, 300), T0);
        for (String stage : List.of("dedup-story", "dedup-index", "dedup-bodies", "dedup-articles")) {
            assertThat(d.meters.find("news.stage.duration").tag("stage", stage).timer()).as(stage).isNotNull()
                    .satisfies(t -> assertThat(t.count()).as(stage).isPositive());
        }
    }
}
