package dev.newsflow.app.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** The alerting rules of a Prometheus rule file. */
final class AlertRules {
    /** One alerting rule. */
    record Alert(String name, String expr, Map<String, Object> labels, Map<String, Object> annotations) {
    }

    private AlertRules() {
    }

    @SuppressWarnings("unchecked")
    static List<Alert> parse(String yaml) {
        Map<String, Object> doc = new Yaml().load(yaml);
        List<Alert> alerts = new ArrayList<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) doc.get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                if (rule.containsKey("alert")) {
                    alerts.add(new Alert((String) rule.get("alert"), String.valueOf(rule.get("expr")),
                            (Map<String, Object>) rule.getOrDefault("labels", Map.of()),
                            (Map<String, Object>) rule.getOrDefault("annotations", Map.of())));
                }
            }
        }
        return alerts;
    }

    static List<Alert> load(String relative) {
        return parse(RepoFiles.read(relative));
    }
}
