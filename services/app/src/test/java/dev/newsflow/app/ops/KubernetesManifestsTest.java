package dev.newsflow.app.ops;

import static dev.newsflow.app.ops.KubernetesManifests.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.common.runtime.NewsflowConfig;
import dev.newsflow.common.sources.SourcesLoader;
import dev.newsflow.app.runtime.Pipeline;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * Structural validation of deploy/k8s (no schema validator for Kubernetes is available from Maven Central, npm or
 * Debian here): required fields per kind, label selectors that select, probes on the real health endpoints,
 * resources, scrape annotations, references to volumes and ConfigMaps that exist, and a newsflow configuration that
 * newsflow itself accepts.
 */
class KubernetesManifestsTest {
    static final Map<String, String> API_VERSIONS = Map.of("Namespace", "v1", "ConfigMap", "v1", "Service", "v1", "Deployment", "apps/v1",
            "StatefulSet", "apps/v1", "PodDisruptionBudget", "policy/v1");
    static final List<KubernetesManifests.Doc> DOCS = KubernetesManifests.load();

    @Test
    @SuppressWarnings("unchecked")
    void kustomizationShouldListEveryManifestFile() {
        Map<String, Object> k = new Yaml().load(RepoFiles.read("deploy/k8s/kustomization.yaml"));
        assertThat(k.get("kind")).isEqualTo("Kustomization");
        Set<String> files = RepoFiles.list("deploy/k8s", ".yaml").stream().map(p -> p.getFileName().toString())
                .filter(n -> !n.equals("kustomization.yaml")).collect(Collectors.toSet());
        assertThat(new HashSet<>((List<String>) k.get("resources"))).isEqualTo(files);
    }

    @Test
    void everyDocumentShouldHaveAKnownKindItsApiVersionAndAValidName() {
        assertThat(DOCS).isNotEmpty();
        for (KubernetesManifests.Doc d : DOCS) {
            assertThat(API_VERSIONS).as(d.toString()).containsKey(d.kind());
            assertThat(d.body().get("apiVersion")).as(d.toString()).isEqualTo(API_VERSIONS.get(d.kind()));
            assertThat(d.name()).as(d + " name (DNS-1123)").matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
        }
    }

    @Test
    void shouldRunEachServiceWithTheRightWorkloadKind() {
        assertThat(workload("newsflow-fetcher").kind()).isEqualTo("Deployment");
        assertThat(workload("newsflow-sink").kind()).isEqualTo("Deployment");
        KubernetesManifests.Doc processor = workload("newsflow-processor");
        assertThat(processor.kind()).isEqualTo("StatefulSet");
        List<Map<String, Object>> claims = at(processor.body(), "spec", "volumeClaimTemplates");
        assertThat(claims).as("processor state volumes").isNotEmpty();
        assertThat((String) at(processor.body(), "spec", "serviceName")).isEqualTo("newsflow-processor");
        assertThat(DOCS).anyMatch(d -> d.kind().equals("Service") && d.name().equals("newsflow-processor")
                && "None".equals(at(d.body(), "spec", "clusterIP")));
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyWorkloadShouldBeProbedScrapedAndBounded() {
        for (KubernetesManifests.Doc d : workloads()) {
            Map<String, Object> spec = at(d.body(), "spec");
            Map<String, Object> template = (Map<String, Object>) spec.get("template");
            Map<String, String> labels = at(template, "metadata", "labels");
            Map<String, String> selector = at(spec, "selector", "matchLabels");
            assertThat(labels).as(d + " template labels match the selector").containsAllEntriesOf(selector);
            Map<String, String> annotations = at(template, "metadata", "annotations");
            assertThat(annotations).as(d + " scrape annotations").containsEntry("prometheus.io/scrape", "true").containsEntry("prometheus.io/path", "/metrics");
            Set<String> volumes = new HashSet<>();
            List<Map<String, Object>> podVolumes = at(template, "spec", "volumes");
            podVolumes.forEach(v -> volumes.add((String) v.get("name")));
            List<Map<String, Object>> claims = (List<Map<String, Object>>) spec.getOrDefault("volumeClaimTemplates", List.of());
            claims.forEach(c -> volumes.add(at(c, "metadata", "name")));
            List<Map<String, Object>> containers = at(template, "spec", "containers");
            assertThat(containers).as(d + " containers").hasSize(1);
            Map<String, Object> c = containers.get(0);
            assertThat(c.get("image")).as(d + " image").isEqualTo("newsflow");
            assertThat((List<String>) c.get("args")).as(d + " command").containsExactly((String) at(template, "metadata", "labels", "app.kubernetes.io/component"));
            Map<String, Object> port = ((List<Map<String, Object>>) c.get("ports")).get(0);
            assertThat(String.valueOf(port.get("containerPort"))).as(d + " metrics port").isEqualTo(annotations.get("prometheus.io/port")).isEqualTo("9400");
            for (String kind : List.of("requests", "limits")) {
                Map<String, Object> r = at(c, "resources", kind);
                assertThat(r).as(d + " resources." + kind).containsKeys("memory").isNotNull();
            }
            assertThat((Object) at(c, "resources", "requests", "cpu")).as(d + " cpu request").isNotNull();
            assertThat((String) at(c, "livenessProbe", "httpGet", "path")).as(d + " liveness").isEqualTo("/health");
            assertThat((String) at(c, "readinessProbe", "httpGet", "path")).as(d + " readiness").isEqualTo("/ready");
            assertThat((Object) at(c, "livenessProbe", "httpGet", "port")).as(d + " liveness port").isEqualTo(port.get("name"));
            assertThat((Object) at(c, "readinessProbe", "httpGet", "port")).as(d + " readiness port").isEqualTo(port.get("name"));
            for (Map<String, Object> m : (List<Map<String, Object>>) c.get("volumeMounts")) {
                assertThat(volumes).as(d + " volume of mount " + m.get("mountPath")).contains((String) m.get("name"));
            }
            for (Map<String, Object> ref : (List<Map<String, Object>>) c.getOrDefault("envFrom", List.of())) {
                assertThat(configMaps()).as(d + " envFrom").containsKey(at(ref, "configMapRef", "name"));
            }
            for (Map<String, Object> v : podVolumes) {
                List<Map<String, Object>> sources = at(v, "projected", "sources");
                for (Map<String, Object> s : sources == null ? List.<Map<String, Object>>of() : sources) {
                    assertThat(configMaps()).as(d + " projected ConfigMap").containsKey(at(s, "configMap", "name"));
                }
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyServiceShouldSelectAWorkloadAndTargetANamedPort() {
        for (KubernetesManifests.Doc s : DOCS.stream().filter(d -> d.kind().equals("Service")).toList()) {
            Map<String, String> selector = at(s.body(), "spec", "selector");
            KubernetesManifests.Doc w = workloads().stream()
                    .filter(d -> ((Map<String, String>) at(d.body(), "spec", "template", "metadata", "labels")).entrySet().containsAll(selector.entrySet()))
                    .findFirst().orElseThrow(() -> new AssertionError(s + " selects no workload"));
            List<Map<String, Object>> ports = at(s.body(), "spec", "ports");
            List<Map<String, Object>> containerPorts = at(((List<Map<String, Object>>) at(w.body(), "spec", "template", "spec", "containers")).get(0), "ports");
            Set<Object> names = containerPorts.stream().map(p -> p.get("name")).collect(Collectors.toSet());
            ports.forEach(p -> assertThat(names).as(s + " targetPort").contains(p.get("targetPort")));
        }
    }

    @Test
    void theConfigMapsShouldHoldAConfigurationNewsflowAcceptsWithAStandbyReplica(@TempDir Path dir) throws Exception {
        // What a pod sees: newsflow.yml and sources.yml from the ConfigMaps, NEWSFLOW_* variables from newsflow-env.
        Path sources = dir.resolve("sources.yml");
        Files.writeString(sources, KubernetesManifests.configMapData("deploy/k8s/config.yaml", "newsflow-sources").get("sources.yml"), StandardCharsets.UTF_8);
        Map<String, String> env = new HashMap<>(KubernetesManifests.configMapData("deploy/k8s/config.yaml", "newsflow-env"));
        assertThat(env.get("NEWSFLOW_SOURCES")).isEqualTo("/app/config/sources.yml");
        env.put("NEWSFLOW_SOURCES", sources.toString());
        env.put("NEWSFLOW_SINK_JDBC_URL", "jdbc:postgresql://db:5432/newsflow");    // from the newsflow-db Secret
        String yaml = KubernetesManifests.configMapData("deploy/k8s/config.yaml", "newsflow-config").get("newsflow.yml");
        NewsflowConfig config = NewsflowConfig.parse(yaml, env);
        // The pipeline's constructor validates every section and the sources file, as 'newsflow fetcher|processor|sink' does.
        Pipeline pipeline = new Pipeline(config, EnumSet.allOf(Pipeline.Role.class));
        assertThat(config.kafka().bootstrapServers()).isNotBlank();
        assertThat(config.dataDir()).isEqualTo(Path.of("/data"));
        assertThat(Integer.parseInt(pipeline.processorConfig().streamsOverrides().get("num.standby.replicas"))).isGreaterThanOrEqualTo(1);
        assertThat(SourcesLoader.load(sources, Map.of()).config().all()).isNotEmpty();
    }

    private static List<KubernetesManifests.Doc> workloads() {
        return DOCS.stream().filter(d -> d.kind().equals("Deployment") || d.kind().equals("StatefulSet")).toList();
    }

    private static KubernetesManifests.Doc workload(String name) {
        return workloads().stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no workload " + name));
    }

    private static Map<String, KubernetesManifests.Doc> configMaps() {
        return DOCS.stream().filter(d -> d.kind().equals("ConfigMap")).collect(Collectors.toMap(KubernetesManifests.Doc::name, d -> d));
    }
}
