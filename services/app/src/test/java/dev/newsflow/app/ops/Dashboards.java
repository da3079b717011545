package dev.newsflow.app.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Grafana dashboards of deploy/grafana/dashboards and every PromQL expression in them. */
final class Dashboards {
    static final String DIR = "deploy/grafana/dashboards";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.*),\\s*[a-zA-Z_][a-zA-Z0-9_]*\\s*\\)\\s*$", Pattern.DOTALL);
    private static final Pattern QUERY_RESULT = Pattern.compile("^\\s*query_result\\((.*)\\)\\s*$", Pattern.DOTALL);

    /** One PromQL expression and where it is. */
    record Query(String dashboard, String where, String expr) {
        /** The expression with Grafana's variables replaced so that Prometheus can run it. */
        String runnable() {
            return expr.replace("${__rate_interval}", "1m").replace("$__rate_interval", "1m").replace("$__interval", "1m")
                    .replace("$__range", "1h").replaceAll("\\$\\{?[a-zA-Z_][a-zA-Z0-9_]*}?", ".*");
        }

        @Override
        public String toString() {
            return dashboard + " / " + where + ": " + expr;
        }
    }

    private Dashboards() {
    }

    static List<Path> files() {
        return RepoFiles.list(DIR, ".json");
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("invalid dashboard JSON " + file, e);
        }
    }

    /** Every panel, including those nested in collapsed rows. */
    static List<JsonNode> panels(JsonNode dashboard) {
        List<JsonNode> all = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            all.add(p);
            p.path("panels").forEach(all::add);
        }
        return all;
    }

    static List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        for (Path file : files()) {
            JsonNode d = read(file);
            String title = d.path("title").asText(file.getFileName().toString());
            for (JsonNode panel : panels(d)) {
                for (JsonNode t : panel.path("targets")) {
                    if (t.hasNonNull("expr")) {
                        queries.add(new Query(title, panel.path("title").asText() + " [" + t.path("refId").asText() + "]", t.get("expr").asText()));
                    }
                }
            }
            for (JsonNode v : d.path("templating").path("list")) {
                if ("query".equals(v.path("type").asText())) {
                    JsonNode q = v.path("query");
                    String text = q.isTextual() ? q.asText() : q.path("query").asText();
                    templateExpr(text).ifPresent(e -> queries.add(new Query(title, "variable $" + v.path("name").asText(), e)));
                }
            }
        }
        return queries;
    }

    /** The PromQL inside a Grafana Prometheus variable query ({@code label_values(expr, label)}, {@code query_result(expr)}). */
    static java.util.Optional<String> templateExpr(String query) {
        Matcher m = LABEL_VALUES.matcher(query);
        if (m.matches()) {
            return java.util.Optional.of(m.group(1));
        }
        m = QUERY_RESULT.matcher(query);
        return m.matches() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }
}
