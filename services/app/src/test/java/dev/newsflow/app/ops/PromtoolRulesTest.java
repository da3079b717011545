package dev.newsflow.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** The Prometheus configuration and alert rules pass promtool's checks and unit tests, and each alert has a runbook. */
@Timeout(120)
class PromtoolRulesTest {
    static final String INSTALL = "apt-get install -y --no-install-recommends prometheus";
    static final List<String> RULE_FILES = List.of("deploy/prometheus/alerts.yml", "deploy/prometheus/alerts-kubernetes.yml");

    private static Path promtool() {
        return ExternalTool.require("promtool", INSTALL);
    }

    @Test
    void shouldPassPromtoolCheckRules() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(promtool().toString(), "check", "rules"));
        cmd.addAll(RULE_FILES);
        String out = ExternalTool.runOk(RepoFiles.root(), 60, cmd.toArray(String[]::new));
        assertThat(out).contains("SUCCESS");
    }

    @Test
    void shouldPassPromtoolUnitTestsOfTheAlerts() throws Exception {
        String out = ExternalTool.runOk(RepoFiles.root(), 90, promtool().toString(), "test", "rules", "deploy/prometheus/alerts.test.yml");
        assertThat(out).contains("SUCCESS");
    }

    @Test
    void shouldPassPromtoolCheckConfigForCompose() throws Exception {
        ExternalTool.runOk(RepoFiles.root(), 60, promtool().toString(), "check", "config", "deploy/prometheus/prometheus.yml");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldPassPromtoolCheckConfigForKubernetes(@TempDir Path dir) throws Exception {
        // The Kubernetes Prometheus config lives in a ConfigMap together with the same rule files.
        // Debian's Prometheus build has no Kubernetes service discovery, so the discovery blocks are swapped for a static
        // target; everything else (relabelling, auth, TLS, rule files) is checked as written.
        // The in-cluster service-account files are replaced by stand-ins (promtool checks that they exist).
        Path sa = Files.createDirectories(dir.resolve("serviceaccount"));
        Files.writeString(sa.resolve("token"), "test-token", StandardCharsets.UTF_8);
        Files.writeString(sa.resolve("ca.crt"), "", StandardCharsets.UTF_8);
        String config = KubernetesManifests.configMapData("deploy/k8s/prometheus.yaml", "prometheus-config").get("prometheus.yml")
                .replace("/var/run/secrets/kubernetes.io/serviceaccount", sa.toString());
        Map<String, Object> doc = new Yaml().load(config);
        for (Map<String, Object> job : (List<Map<String, Object>>) doc.get("scrape_configs")) {
            if (job.remove("kubernetes_sd_configs") != null) {
                job.put("static_configs", List.of(Map.of("targets", List.of("localhost:9400"))));
            }
        }
        Files.writeString(dir.resolve("prometheus.yml"), new Yaml().dump(doc), StandardCharsets.UTF_8);
        for (String rules : RULE_FILES) {
            Files.copy(RepoFiles.path(rules), dir.resolve(Path.of(rules).getFileName()));
        }
        ExternalTool.runOk(dir, 60, promtool().toString(), "check", "config", "prometheus.yml");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAlertShouldHaveAUnitTestWhereItFires() {
        Map<String, Object> doc = new Yaml().load(RepoFiles.read("deploy/prometheus/alerts.test.yml"));
        Set<String> fired = new HashSet<>();
        for (Map<String, Object> test : (List<Map<String, Object>>) doc.get("tests")) {
            for (Map<String, Object> check : (List<Map<String, Object>>) test.getOrDefault("alert_rule_test", List.of())) {
                if (!((List<?>) check.getOrDefault("exp_alerts", List.of())).isEmpty()) {
                    fired.add((String) check.get("alertname"));
                }
            }
        }
        assertThat(fired).containsAll(allAlerts().stream().map(AlertRules.Alert::name).toList());
    }

    @Test
    void everyAlertShouldHaveSeveritySummaryAndARunbookSectionThatExists() {
        Set<String> anchors = markdownAnchors(RepoFiles.read("docs/operations.md"));
        for (AlertRules.Alert a : allAlerts()) {
            assertThat(a.labels().get("severity")).as(a.name() + " severity").isIn("critical", "warning", "info");
            assertThat(a.annotations()).as(a.name()).containsKey("summary");
            String runbook = String.valueOf(a.annotations().get("runbook"));
            assertThat(runbook).as(a.name() + " runbook").startsWith("docs/operations.md#");
            assertThat(anchors).as(a.name() + " runbook section in docs/operations.md").contains(runbook.substring(runbook.indexOf('#') + 1));
        }
    }

    static List<AlertRules.Alert> allAlerts() {
        List<AlertRules.Alert> all = new ArrayList<>();
        RULE_FILES.forEach(f -> all.addAll(AlertRules.load(f)));
        return all;
    }

    /** GitHub-style anchors of the markdown headings: lower case, spaces to dashes, punctuation dropped. */
    static Set<String> markdownAnchors(String markdown) {
        Set<String> anchors = new HashSet<>();
        Matcher m = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*$").matcher(markdown);
        while (m.find()) {
            anchors.add(m.group(1).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 _-]", "").replace(' ', '-'));
        }
        return anchors;
    }
}
