package dev.newsflow.app.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.newsflow.app.demo.DemoSite;
import dev.newsflow.app.runtime.Lag;
import dev.newsflow.app.runtime.Pipeline;
import dev.newsflow.common.runtime.NewsflowConfig;
import dev.newsflow.common.runtime.ServiceContext;
import dev.newsflow.sink.SinkConfig;
import dev.newsflow.sink.SinkStats;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The operators' view checked end to end: the demo pipeline (plus a broken source and one poison record, so the
 * failure meters have series) runs with a real Prometheus scraping it through deploy/prometheus/prometheus.yml and
 * evaluating deploy/prometheus/alerts.yml. Asserts, through Prometheus's HTTP API, that the target is up, the rules
 * load, and key series equal what the pipeline did; and that every metric the dashboards and alerts use is exposed
 * by the running services and every dashboard query runs and returns data.
 */
@Tag("integration")
@Timeout(value = 8, unit = TimeUnit.MINUTES)
class OpsPrometheusIT {
    private static final Pattern SAMPLE_NAME = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]");

    private static Path dir;
    private static DemoSite demo;
    private static BrokenSite broken;
    private static Pipeline pipeline;
    private static PrometheusServer prometheus;
    private static double startedAt;
    private static double quietAt;

    @BeforeAll
    static void runPipelineUnderPrometheus() throws Exception {
        dir = Files.createTempDirectory("newsflow-ops-it-");
        demo = DemoSite.start(0);
        broken = BrokenSite.start();
        Path sources = dir.resolve("sources.yml");
        Files.writeString(sources, DemoSite.sourcesYaml(demo.port()) + broken.sourcesYaml(), StandardCharsets.UTF_8);
        // Prometheus starts first, so that it sees every counter from the start of the run (rate() and increase()
        // need two samples of a series; a counter that appears already at its final value never increases).
        int metricsPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            metricsPort = s.getLocalPort();
        }
        prometheus = PrometheusServer.start(Files.createDirectories(dir.resolve("prometheus")), "127.0.0.1:" + metricsPort);
        NewsflowConfig config = NewsflowConfig.parse("data-dir: '" + dir.resolve("data") + "'\n"
                + "sources: '" + sources + "'\n"
                + "metrics:\n  host: 127.0.0.1\n  port: " + metricsPort + "\n"
                + "fetcher:\n  resolve:\n    " + DemoSite.PRIMARY_HOST + ": 127.0.0.1\n    " + DemoSite.MIRROR_HOST + ": 127.0.0.1\n"
                + "    " + BrokenSite.HOST + ": 127.0.0.1\n", Map.of());
        // The same wiring as 'newsflow run': every service in one JVM, one metrics endpoint.
        startedAt = System.currentTimeMillis() / 1000.0;
        pipeline = new Pipeline(config, EnumSet.allOf(Pipeline.Role.class)).start(true);
        ServiceContext ctx = pipeline.runtime().context();

        // One poison record on the raw topic: the processor must dead-letter it (and count it), not crash.
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(ctx.clientProps(), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(ctx.topics().rawPages().name(), "http://poison.test/not-avro", "not avro".getBytes(StandardCharsets.UTF_8))).get();
        }
        awaitQuiet(ctx);
        quietAt = System.currentTimeMillis() / 1000.0;
        System.out.println("[metrics] newsflow meters after the run:");
        scrape().lines().filter(l -> l.startsWith("news_")).forEach(l -> System.out.println("[metrics] " + l));
    }

    /** Until the fetcher is idle, every demo article is stored and neither consumer group lags, three checks in a row. */
    private static void awaitQuiet(ServiceContext ctx) throws Exception {
        int quiet = 0;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        String appId = pipeline.processorConfig().applicationId();
        try (Admin admin = Admin.create(ctx.clientProps())) {
            while (quiet < 3) {
                TimeUnit.SECONDS.sleep(1);
                assertThat(pipeline.healthy()).as("pipeline healthy").isTrue();
                Set<String> processorInputs = new HashSet<>(Set.of(ctx.topics().rawPages().name()));
                admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
                        .filter(t -> t.startsWith(appId + "-") && t.endsWith("-repartition")).forEach(processorInputs::add);
                boolean fetcherIdle = pipeline.fetcher().isIdle();
                long processorLag = Lag.pending(admin, ctx.clientProps(), appId, processorInputs);
                long sinkLag = Lag.pending(admin, ctx.clientProps(), pipeline.sinkConfig().groupId(),
                        Set.of(ctx.topics().articles().name(), ctx.topics().sightings().name()));
                long articles = stats().distinctArticles();
                String state = "fetcher idle " + fetcherIdle + ", processor lag " + processorLag + ", sink lag " + sinkLag
                        + ", articles " + articles + "/" + demo.articles().size() + ", " + pipeline.fetcher().stats();
                assertThat(System.nanoTime()).as("pipeline quiet within 3 minutes; last: " + state).isLessThan(deadline);
                quiet = fetcherIdle && processorLag == 0 && sinkLag == 0 && articles == demo.articles().size() ? quiet + 1 : 0;
            }
        }
    }

    private static int metricsPort() {
        return pipeline.runtime().metrics().port();
    }

    private static SinkStats stats() throws Exception {
        SinkConfig sink = pipeline.sinkConfig();
        return SinkStats.read(sink.jdbcUrl(), sink.username(), sink.password());
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {prometheus, pipeline, broken, demo}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    System.err.println("close: " + e);
                }
            }
        }
        if (dir != null) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void prometheusShouldScrapeTheNewsflowTargetAndLoadEveryAlertRule() throws Exception {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode targets = prometheus.api("/api/v1/targets").path("data").path("activeTargets");
            JsonNode newsflow = null;
            for (JsonNode t : targets) {
                if ("newsflow".equals(t.path("labels").path("job").asText())) {
                    newsflow = t;
                }
            }
            assertThat(newsflow).as("newsflow target in " + targets).isNotNull();
            assertThat(newsflow.path("health").asText()).as(newsflow.toString()).isEqualTo("up");
        });
        assertThat(prometheus.value("up{job=\"newsflow\"}")).isEqualTo(1.0);
        List<String> loaded = new ArrayList<>();
        for (JsonNode group : prometheus.api("/api/v1/rules").path("data").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                assertThat(rule.path("health").asText()).as(rule.path("name").asText() + ": " + rule.path("lastError").asText()).isIn("ok", "unknown");
                loaded.add(rule.path("name").asText());
            }
        }
        assertThat(loaded).containsExactlyInAnyOrderElementsOf(PromtoolRulesTest.allAlerts().stream().map(AlertRules.Alert::name).toList());
        // A target label that collides with a label of the scraped series would be renamed to exported_<label>.
        List<String> labels = new ArrayList<>();
        prometheus.api("/api/v1/labels").path("data").forEach(l -> labels.add(l.asText()));
        assertThat(labels).as("label names in Prometheus").noneMatch(l -> l.startsWith("exported_"));
        assertThat(prometheus.query("ALERTS{alertstate=\"firing\", severity=\"critical\"}").path("data").path("result"))
                .as("no critical alert fires on a healthy pipeline").isEmpty();
    }

    @Test
    void keySeriesInPrometheusShouldEqualWhatThePipelineDid() throws Exception {
        SinkStats stored = stats();
        long published = pipeline.fetcher().stats().pagesFetched();
        assertThat(stored.distinctArticles()).isEqualTo(demo.articles().size());
        // Counters only grow: wait for the scrape after the last increment.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(prometheus.value("sum(news_sink_rows_total{table=\"articles\",outcome=\"inserted\"})"))
                    .as("articles stored").isEqualTo((double) stored.articleRows());
            assertThat(prometheus.value("sum(news_fetch_pages_published_total)")).as("raw pages published").isEqualTo((double) published);
            assertThat(prometheus.value("sum(news_parse_outcomes_total)")).as("every raw record parsed or dead-lettered")
                    .isEqualTo(published + 1.0);
            assertThat(prometheus.value("sum(news_dead_letters_total{service=\"processor\",stage=\"deserialize\",reason=\"bad-avro\"})"))
                    .as("the poison record").isEqualTo(1.0);
            assertThat(prometheus.value("sum(news_dedup_decisions_total{kind=\"new\"})")).as("new stories").isEqualTo((double) demo.articles().size());
        });
        assertThat(prometheus.value("sum(news_fetch_requests_total{source=\"" + DemoSite.SOURCE_ID + "\",kind=\"page\",outcome=\"ok\"})"))
                .as("demo pages fetched").isGreaterThanOrEqualTo(demo.articles().size());
        assertThat(prometheus.value("sum(news_fetch_dead_letters_total{source=\"" + BrokenSite.SOURCE_ID + "\",reason=\"not-found\"})"))
                .as("the gone page").isEqualTo(1.0);
        assertThat(prometheus.value("sum(news_fetch_robots_denied_total{source=\"" + BrokenSite.SOURCE_ID + "\"})")).as("the private page").isEqualTo(1.0);
        assertThat(prometheus.value("time() - news_source_last_success{source=\"" + DemoSite.SOURCE_ID + "\"}")).as("demo source fresh").isLessThan(600);
        // Lag: records-lag-max is a windowed maximum, so it drains to 0 within a minute of the pipeline going quiet.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(prometheus.value("max(kafka_consumer_fetch_manager_records_lag_max{client_id!~\".*restore-consumer\"})"))
                        .as("consumer lag").isEqualTo(0.0));
        assertThat(prometheus.value("max(kafka_stream_client_state)")).as("processor RUNNING").isEqualTo(2.0);
        assertThat(prometheus.value("sum(kafka_stream_alive_stream_threads)")).isEqualTo((double) pipeline.processorConfig().streamThreads());
        for (String q : List.of("up{job=\"newsflow\"}", "sum(news_sink_rows_total{table=\"articles\",outcome=\"inserted\"})",
                "sum by (source, outcome) (news_fetch_requests_total)", "sum by (kind) (news_dedup_decisions_total)",
                "sum by (service, stage, reason) (news_dead_letters_total)", "sum by (source, reason) (news_fetch_dead_letters_total)",
                "max by (client_id) (kafka_consumer_fetch_manager_records_lag_max)", "max(kafka_stream_client_state)")) {
            System.out.println("[prometheus] " + q + " => " + prometheus.query(q).path("data").path("result"));
        }
    }

    @Test
    void perSourceAndPerStageSeriesInPrometheusShouldMatchWhatThePipelineDid() throws Exception {
        String demoSource = DemoSite.SOURCE_ID;
        String brokenSource = BrokenSite.SOURCE_ID;
        long published = pipeline.fetcher().stats().pagesFetched();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            // articles per source: every demo story new once; the broken source has its series, at 0
            assertThat(prometheus.bySource("sum by (source) (news_dedup_decisions_total{kind=\"new\"})"))
                    .as("new articles by source").containsOnly(Map.entry(demoSource, (double) demo.articles().size()), Map.entry(brokenSource, 0.0));
            double parsed = prometheus.value("sum(news_parse_outcomes_total{outcome=\"parsed\"})");
            assertThat(parsed).isEqualTo((double) published);
            // one timer per processor stage; parse also saw the poison record, the later stages every parsed page
            Map<String, Double> stages = prometheus.byLabel("stage", "sum by (stage) (news_stage_duration_seconds_count)");
            assertThat(stages).containsEntry("parse", published + 1.0).containsEntry("key", parsed).containsEntry("enrich", parsed)
                    .containsEntry("dedup-story", parsed).containsKeys("dedup-index", "dedup-bodies", "dedup-articles", "dedup-mirrors");
            assertThat(stages.get("dedup-articles")).isGreaterThanOrEqualTo(demo.articles().size());
            // the poison record had no source: counted as unknown, never as a new label value
            assertThat(prometheus.bySource("sum by (source) (news_parse_outcomes_total{outcome=\"dead-lettered\"})"))
                    .containsOnly(Map.entry(demoSource, 0.0), Map.entry(brokenSource, 0.0), Map.entry("unknown", 1.0));
            assertThat(prometheus.bySource("sum by (source) (news_extract_fields_total{field=\"body\",found=\"true\"})"))
                    .containsOnly(Map.entry(demoSource, parsed));
        });
        // last new article: within the run for the demo source; the broken source never had one, so its clock started
        // when the processor began tracking it (the run's start), before the demo source's last article
        Map<String, Double> lastArticle = prometheus.bySource("max by (source) (news_source_last_article_seconds)");
        assertThat(lastArticle).containsOnlyKeys(demoSource, brokenSource);
        assertThat(lastArticle.get(demoSource)).as("demo last article").isBetween(startedAt, quietAt);
        assertThat(lastArticle.get(brokenSource)).as("broken-news tracking start").isBetween(startedAt, lastArticle.get(demoSource));
        // the two sides of NewsflowSourceStale join by source: age of the last article in units of the schedule (1 minute)
        double now = System.currentTimeMillis() / 1000.0;
        Map<String, Double> staleness = prometheus.bySource(
                "(time() - max by (source) (news_source_last_article_seconds)) / max by (source) (news_source_schedule_seconds)");
        assertThat(staleness).containsOnlyKeys(demoSource, brokenSource);
        assertThat(staleness.get(demoSource)).as("demo age in schedules").isCloseTo((now - lastArticle.get(demoSource)) / 60, within(0.2));
        assertThat(prometheus.query("ALERTS{alertname=\"NewsflowSourceStale\",alertstate=\"firing\"}").path("data").path("result"))
                .as("stale fires only after 6 x 1 min + 5 min").isEmpty();
        // zero-registered failure series: present at 0 before the first failure of their kind
        assertThat(prometheus.value("sum(news_fetch_dead_letters_total{source=\"" + demoSource + "\",reason=\"server-error\"})")).isZero();
        assertThat(prometheus.value("count(news_fetch_dead_letters_total{source=\"" + demoSource + "\"})")).isGreaterThanOrEqualTo(15.0);
        assertThat(prometheus.value("sum(news_fetch_pages_published_total{source=\"" + brokenSource + "\"})")).as("never published, still a series").isZero();
        // lag per group, measured from the broker every 30 s
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() ->
                assertThat(prometheus.byLabel("group", "max by (group) (news_consumer_lag)"))
                        .containsOnly(Map.entry(pipeline.processorConfig().applicationId(), 0.0), Map.entry(pipeline.sinkConfig().groupId(), 0.0)));
        for (String q : List.of("sum by (source) (news_dedup_decisions_total{kind=\"new\"})",
                "sum by (source) (increase(news_dedup_decisions_total{kind=\"new\"}[1h]))",
                "max by (source) (news_source_last_article_seconds)", "max by (source) (news_source_schedule_seconds)",
                "(time() - max by (source) (news_source_last_article_seconds)) <= bool 6 * max by (source) (news_source_schedule_seconds)",
                "sum by (stage) (news_stage_duration_seconds_count)",
                "histogram_quantile(0.95, sum by (le, stage) (rate(news_stage_duration_seconds_bucket[5m])))",
                "sum by (source, outcome) (news_parse_outcomes_total)", "sum by (source, field) (news_extract_fields_total{found=\"true\"})",
                "count by (source) (news_fetch_dead_letters_total)", "sum by (source) (news_fetch_pages_published_total)",
                "max by (group) (news_consumer_lag)")) {
            System.out.println("[prometheus] " + q + " => " + prometheus.query(q).path("data").path("result"));
        }
        System.out.printf(Locale.ROOT, "[prometheus] run started %.0f, quiet at %.0f%n", startedAt, quietAt);
    }

    @Test
    void everyMetricTheDashboardsAndAlertsUseShouldBeExposedByTheRunningServices() throws Exception {
        Set<String> exposed = exposedNames();
        exposed.add("up");    // written by Prometheus itself
        List<String> missing = new ArrayList<>();
        for (Dashboards.Query q : Dashboards.queries()) {
            for (String name : PromQl.metricNames(q.expr())) {
                if (!exposed.contains(name)) {
                    missing.add(name + " in " + q);
                }
            }
        }
        for (AlertRules.Alert a : AlertRules.load("deploy/prometheus/alerts.yml")) {
            for (String name : PromQl.metricNames(a.expr())) {
                if (!exposed.contains(name)) {
                    missing.add(name + " in alert " + a.name());
                }
            }
        }
        assertThat(missing).as("metric names not exposed by the running services (" + exposed.size() + " exposed)").isEmpty();
    }

    @Test
    void everyNewsflowSeriesTheServicesExposeShouldBeInTheCatalogue() throws Exception {
        List<MetricsCatalogue.Entry> documented = MetricsCatalogue.existing();
        List<String> undocumented = exposedNames().stream().filter(n -> n.startsWith("news_"))
                .filter(n -> documented.stream().noneMatch(e -> e.covers(n))).toList();
        assertThat(undocumented).as("news_* series missing from docs/metrics.md").isEmpty();
    }

    @Test
    void everyNewsflowSeriesShouldCarryOnlyTheLabelsTheCatalogueDocuments() throws Exception {
        List<MetricsCatalogue.Entry> documented = MetricsCatalogue.existing();
        Set<String> problems = new TreeSet<>();
        Matcher sample = Pattern.compile("(?m)^(news_[a-zA-Z0-9_]*)\\{([^}]*)}").matcher(scrape());
        while (sample.find()) {
            String name = sample.group(1);
            MetricsCatalogue.Entry entry = documented.stream().filter(e -> e.covers(name)).findFirst().orElse(null);
            if (entry == null) {
                continue;    // reported by everyNewsflowSeriesTheServicesExposeShouldBeInTheCatalogue
            }
            Matcher label = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"").matcher(sample.group(2));
            while (label.find()) {
                String l = label.group(1);
                if (!l.equals("application") && !l.equals("le") && !entry.labels().contains(l)) {
                    problems.add(name + " has label '" + l + "', documented: " + entry.labels());
                }
            }
        }
        assertThat(problems).as("labels missing from docs/metrics.md").isEmpty();
    }

    @Test
    void everyDashboardQueryShouldRunOnPrometheusAndReturnData() throws Exception {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
            List<String> problems = new ArrayList<>();
            for (Dashboards.Query q : Dashboards.queries()) {
                JsonNode r = prometheus.query(q.runnable());
                if (!"success".equals(r.path("status").asText())) {
                    problems.add(q + " -> " + r.path("error").asText());
                } else if (r.path("data").path("result").isEmpty() && !q.runnable().contains("> 0")) {
                    // a query filtered with "> 0" is legitimately empty when nothing changed between two scrapes
                    // (a burst published before Prometheus's first scrape); it must still parse and run
                    problems.add(q + " -> no data");
                }
            }
            assertThat(problems).isEmpty();
        });
    }

    @Test
    void healthAndReadinessEndpointsShouldAnswer() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String path : List.of("/health", "/ready")) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(path).isEqualTo(200);
        }
    }

    private static String scrape() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + metricsPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    /** Metric names in the text exposition of the running process (as Prometheus sees them). */
    private static Set<String> exposedNames() throws Exception {
        Set<String> names = new TreeSet<>();
        Matcher m = SAMPLE_NAME.matcher(scrape());
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
