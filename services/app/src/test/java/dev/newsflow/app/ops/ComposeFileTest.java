package dev.newsflow.app.ops;

import static dev.newsflow.app.ops.KubernetesManifests.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml is valid for docker-compose (validated offline, no engine here), starts what the issue asks for
 * in dependency order with health checks, and agrees with the Prometheus config and the Dockerfile.
 */
@Timeout(120)
class ComposeFileTest {
    static final String INSTALL = "apt-get install -y --no-install-recommends docker-compose";
    static final Set<String> NEWSFLOW = Set.of("fetcher", "processor", "sink");

    @Test
    void shouldBeValidForDockerCompose() throws Exception {
        ExternalTool.require("docker-compose", INSTALL);
        ExternalTool.runOk(RepoFiles.root(), 90, "docker-compose", "-f", "docker-compose.yml", "config", "-q");
    }

    @Test
    @SuppressWarnings("unchecked")
    void shouldRunEveryPartWithHealthChecksAndStartNewsflowAfterItsDependencies() throws Exception {
        ExternalTool.require("docker-compose", INSTALL);
        // The resolved file (anchors and merges applied) is what compose will run.
        String resolved = ExternalTool.runOk(RepoFiles.root(), 90, "docker-compose", "-f", "docker-compose.yml", "config");
        Map<String, Object> services = at(new Yaml().load(resolved), "services");
        assertThat(services).containsKeys("kafka", "schema-registry", "postgres", "prometheus", "grafana", "fetcher", "processor", "sink");
        assertThat((String) at(services, "kafka", "image")).startsWith("apache/kafka:");
        assertThat((String) at(services, "kafka", "environment", "KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        for (String name : services.keySet()) {
            assertThat((Object) at(services, name, "healthcheck", "test")).as(name + " healthcheck").isNotNull();
        }
        for (String name : NEWSFLOW) {
            Map<String, Object> s = (Map<String, Object>) services.get(name);
            assertThat((List<String>) s.get("command")).as(name + " command").containsExactly(name);
            assertThat((Object) at(s, "build", "context")).as(name + " built from the repository's Dockerfile").isNotNull();
            assertThat((String) at(s, "environment", "NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS")).isEqualTo("kafka:9092");
            assertThat((String) at(s, "depends_on", "kafka", "condition")).as(name + " waits for Kafka").isEqualTo("service_healthy");
            assertThat((String) at(s, "depends_on", "schema-registry", "condition")).as(name + " waits for the registry").isEqualTo("service_healthy");
        }
        assertThat((String) at(services, "sink", "depends_on", "postgres", "condition")).isEqualTo("service_healthy");
        assertThat((String) at(services, "sink", "environment", "NEWSFLOW_SINK_JDBC_URL")).startsWith("jdbc:postgresql://postgres:5432/");
        assertThat((String) at(services, "grafana", "depends_on", "prometheus", "condition")).isEqualTo("service_healthy");
    }

    @Test
    void kafkaImageShouldRunTheBrokerVersionOfTheClients() {
        Matcher pom = Pattern.compile("<kafka.version>([^<]+)</kafka.version>").matcher(RepoFiles.read("pom.xml"));
        assertThat(pom.find()).isTrue();
        assertThat(RepoFiles.read("docker-compose.yml")).contains("image: apache/kafka:" + pom.group(1));
    }

    @Test
    void prometheusShouldScrapeEveryNewsflowServiceOnItsComposeName() {
        String prom = RepoFiles.read("deploy/prometheus/prometheus.yml");
        for (String name : NEWSFLOW) {
            assertThat(prom).contains("'" + name + ":9400'");
        }
        assertThat(RepoFiles.read("docker-compose.yml")).contains("./deploy/prometheus:/etc/prometheus");
    }

    @Test
    void dockerfileShouldBuildTheJarWithMavenAndRunItOnAJre17() {
        String dockerfile = RepoFiles.read("Dockerfile");
        Matcher from = Pattern.compile("(?m)^FROM\\s+(\\S+)").matcher(dockerfile);
        List<String> images = from.results().map(r -> r.group(1)).toList();
        assertThat(images).hasSize(2);
        assertThat(images.get(0)).startsWith("maven:").contains("17");
        assertThat(images.get(1)).isEqualTo("eclipse-temurin:17-jre");
        assertThat(dockerfile).contains("mvn -B -q -DskipTests package").contains("services/app/target/newsflow.jar")
                .contains("ENTRYPOINT [\"java\", \"-jar\", \"/app/newsflow.jar\"]").contains("EXPOSE 9400");
        // jemalloc for RocksDB's native memory (docs/operations.md, "Processor memory"): installed and preloaded under the linked path
        assertThat(dockerfile).contains("libjemalloc2").contains("/usr/local/lib/libjemalloc.so.2")
                .containsPattern("LD_PRELOAD=/usr/local/lib/libjemalloc\\.so\\.2");
        // the jar name the Dockerfile copies is the shade plugin's finalName
        assertThat(RepoFiles.read("services/app/pom.xml")).contains("<finalName>newsflow</finalName>");
    }
}
