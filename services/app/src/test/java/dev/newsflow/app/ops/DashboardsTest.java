package dev.newsflow.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Static checks of the Grafana dashboards and their provisioning (no Grafana server here). Whether the metric
 * names exist is checked against a running pipeline by {@code OpsPrometheusIT}.
 */
class DashboardsTest {
    static final Set<String> REQUIRED = Set.of("newsflow-overview", "newsflow-sources", "newsflow-dedup", "newsflow-jvm-kafka");

    @Test
    void shouldProvideTheFourDashboardsWithUniqueUidsAndTitles() {
        Set<String> uids = new HashSet<>();
        Set<String> titles = new HashSet<>();
        for (Path f : Dashboards.files()) {
            JsonNode d = Dashboards.read(f);
            assertThat(uids.add(d.path("uid").asText())).as("unique uid in " + f).isTrue();
            assertThat(titles.add(d.path("title").asText())).as("unique title in " + f).isTrue();
            assertThat(d.path("uid").asText()).as("uid of " + f).matches("[a-z0-9-]{1,40}");
            assertThat(d.path("schemaVersion").asInt()).as("schemaVersion of " + f).isGreaterThanOrEqualTo(36);
            assertThat(d.has("id")).as(f + " must not carry a database id (provisioned by uid)").isFalse();
        }
        assertThat(uids).containsAll(REQUIRED);
    }

    @Test
    void everyPanelShouldUseTheProvisionedDatasourceAndFitTheGrid() {
        String uid = provisionedDatasourceUid();
        for (Path f : Dashboards.files()) {
            Set<Integer> ids = new HashSet<>();
            for (JsonNode p : Dashboards.panels(Dashboards.read(f))) {
                String where = f.getFileName() + " / " + p.path("title").asText();
                assertThat(ids.add(p.path("id").asInt())).as("unique panel id " + where).isTrue();
                assertThat(p.path("title").asText()).as("title " + where).isNotBlank();
                JsonNode grid = p.path("gridPos");
                assertThat(grid.path("w").asInt()).as("width " + where).isBetween(1, 24);
                assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as("x+w " + where).isLessThanOrEqualTo(24);
                assertThat(grid.path("h").asInt()).as("height " + where).isPositive();
                if ("row".equals(p.path("type").asText())) {
                    continue;
                }
                assertThat(p.path("description").asText()).as("description (the question the panel answers) " + where).isNotBlank();
                assertThat(p.path("datasource").path("uid").asText()).as("datasource " + where).isEqualTo(uid);
                assertThat(p.path("targets").size()).as("targets " + where).isPositive();
                for (JsonNode t : p.path("targets")) {
                    assertThat(t.path("expr").asText()).as("expr " + where).isNotBlank();
                    assertThat(t.path("datasource").path("uid").asText()).as("target datasource " + where).isEqualTo(uid);
                }
            }
        }
    }

    @Test
    void everyExpressionShouldParseAndSelectAtLeastOneMetric() {
        List<Dashboards.Query> queries = Dashboards.queries();
        assertThat(queries).hasSizeGreaterThan(40);
        for (Dashboards.Query q : queries) {
            assertThat(PromQl.metricNames(q.expr())).as(q.toString()).isNotEmpty();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void provisioningShouldLoadTheDashboardFolderThatComposeMounts() {
        Map<String, Object> doc = new Yaml().load(RepoFiles.read("deploy/grafana/provisioning/dashboards/newsflow.yml"));
        Map<String, Object> provider = ((List<Map<String, Object>>) doc.get("providers")).get(0);
        String path = (String) ((Map<String, Object>) provider.get("options")).get("path");
        assertThat(RepoFiles.read("docker-compose.yml")).contains("./deploy/grafana/dashboards:" + path);
        assertThat(provider.get("type")).isEqualTo("file");
    }

    @SuppressWarnings("unchecked")
    static String provisionedDatasourceUid() {
        Map<String, Object> doc = new Yaml().load(RepoFiles.read("deploy/grafana/provisioning/datasources/prometheus.yml"));
        Map<String, Object> ds = ((List<Map<String, Object>>) doc.get("datasources")).get(0);
        assertThat(ds.get("type")).isEqualTo("prometheus");
        return (String) ds.get("uid");
    }
}
