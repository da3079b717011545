package dev.newsflow.app.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * A real Prometheus (Debian's binary) on loopback, configured from deploy/prometheus/prometheus.yml with the
 * newsflow targets rewritten to the test's metrics port and a 1 s scrape/evaluation interval.
 */
final class PrometheusServer implements AutoCloseable {
    static final String INSTALL = "apt-get install -y --no-install-recommends prometheus";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final int port;
    private final Path log;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private PrometheusServer(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts Prometheus in {@code dir} scraping {@code target} (host:port) as the 'newsflow' job; waits until ready. */
    static PrometheusServer start(Path dir, String target) throws Exception {
        Path binary = ExternalTool.require("prometheus", INSTALL);
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        for (String rules : PromtoolRulesTest.RULE_FILES) {
            Files.copy(RepoFiles.path(rules), dir.resolve(Path.of(rules).getFileName()));
        }
        Files.writeString(dir.resolve("prometheus.yml"), testConfig(RepoFiles.read("deploy/prometheus/prometheus.yml"), target, port),
                StandardCharsets.UTF_8);
        Path log = dir.resolve("prometheus.log");
        Process p = new ProcessBuilder(binary.toString(), "--config.file=" + dir.resolve("prometheus.yml"),
                "--storage.tsdb.path=" + dir.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        PrometheusServer server = new PrometheusServer(p, port, log);
        server.awaitReady();
        return server;
    }

    /** The compose config with every newsflow target replaced by {@code target} and fast intervals. */
    @SuppressWarnings("unchecked")
    static String testConfig(String composeConfig, String target, int ownPort) {
        Map<String, Object> doc = new Yaml().load(composeConfig);
        Map<String, Object> global = (Map<String, Object>) doc.get("global");
        global.put("scrape_interval", "1s");
        global.put("evaluation_interval", "1s");
        for (Map<String, Object> job : (List<Map<String, Object>>) doc.get("scrape_configs")) {
            String name = (String) job.get("job_name");
            String t = name.equals("newsflow") ? target : "127.0.0.1:" + ownPort;
            // 'newsflow run' serves every service from one endpoint: one target stands for all three.
            job.put("static_configs", List.of(Map.of("targets", List.of(t), "labels", Map.of("component", name.equals("newsflow") ? "all" : name))));
        }
        doc.put("rule_files", PromtoolRulesTest.RULE_FILES.stream().map(f -> Path.of(f).getFileName().toString()).toList());
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        return new Yaml(options).dump(doc);
    }

    private void awaitReady() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("prometheus exited " + process.exitValue() + ":\n" + log());
            }
            try {
                if (get("/-/ready").statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("prometheus not ready after 30 s:\n" + log());
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** GET an API path; returns the parsed body (status "success" or "error" with "error" text). */
    JsonNode api(String pathAndQuery) throws IOException, InterruptedException {
        return JSON.readTree(get(pathAndQuery).body());
    }

    /** An instant query; the whole API response. */
    JsonNode query(String promql) throws IOException, InterruptedException {
        return api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    /** The single value of an instant query that returns exactly one series (NaN when it returns none). */
    double value(String promql) throws IOException, InterruptedException {
        JsonNode r = query(promql);
        if (!"success".equals(r.path("status").asText())) {
            throw new IllegalStateException(promql + ": " + r);
        }
        JsonNode result = r.path("data").path("result");
        if (result.size() == 0) {
            return Double.NaN;
        }
        if (result.size() > 1) {
            throw new IllegalStateException(promql + " returned " + result.size() + " series: " + result);
        }
        return Double.parseDouble(result.get(0).path("value").get(1).asText());
    }

    /** An instant query's values by the value of {@code label} (one series per value expected). */
    Map<String, Double> byLabel(String label, String promql) throws IOException, InterruptedException {
        JsonNode r = query(promql);
        if (!"success".equals(r.path("status").asText())) {
            throw new IllegalStateException(promql + ": " + r);
        }
        Map<String, Double> values = new java.util.TreeMap<>();
        for (JsonNode series : r.path("data").path("result")) {
            String key = series.path("metric").path(label).asText();
            if (values.put(key, Double.parseDouble(series.path("value").get(1).asText())) != null) {
                throw new IllegalStateException(promql + " has two series with " + label + "=" + key + ": " + r);
            }
        }
        return values;
    }

    /** {@link #byLabel} for {@code source}. */
    Map<String, Double> bySource(String promql) throws IOException, InterruptedException {
        return byLabel("source", promql);
    }

    String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
