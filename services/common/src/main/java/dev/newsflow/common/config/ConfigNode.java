package dev.newsflow.common.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A typed, line-aware view of one YAML mapping. Every getter records a {@link ConfigProblem} instead of
 * throwing, so a whole file is checked in one pass; {@link ConfigReport#throwIfAny()} ends the pass.
 * Environment variables override scalar values: path {@code kafka.bootstrap-servers} is overridden by
 * {@code NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS}.
 */
public final class ConfigNode {
    private final ConfigReport report;
    private final String path;
    private final Node node;
    private final Map<String, Node> children = new LinkedHashMap<>();
    private final Map<String, Node> keyNodes = new LinkedHashMap<>();

    ConfigNode(ConfigReport report, String path, Node node) {
        this.report = report;
        this.path = path;
        this.node = node;
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key) {
                    children.put(key.getValue(), tuple.getValueNode());
                    keyNodes.put(key.getValue(), key);
                } else {
                    report.add(line(tuple.getKeyNode()), path, "has a key that is not a plain name");
                }
            }
        } else if (node != null && !isNull(node)) {
            report.add(line(node), path, "must be a mapping (key: value lines)");
        }
    }

    public String path() {
        return path;
    }

    public int line() {
        return line(node);
    }

    public ConfigReport report() {
        return report;
    }

    public boolean has(String key) {
        return children.containsKey(key) && !isNull(children.get(key)) || env(key).isPresent();
    }

    public Set<String> keys() {
        return children.keySet();
    }

    /** Reports every key not in {@code known}, so typos don't pass silently. */
    public void allowOnly(Set<String> known) {
        for (Map.Entry<String, Node> e : keyNodes.entrySet()) {
            if (!known.contains(e.getKey())) {
                report.add(line(e.getValue()), child(e.getKey()), "is not a known key (known: " + String.join(", ", known) + ")");
            }
        }
    }

    public ConfigNode section(String key) {
        return new ConfigNode(report, child(key), children.get(key));
    }

    public String string(String key, String defaultValue) {
        Optional<String> env = env(key);
        if (env.isPresent()) {
            return env.get();
        }
        Node n = children.get(key);
        if (n == null || isNull(n)) {
            return defaultValue;
        }
        if (n instanceof ScalarNode s) {
            return s.getValue();
        }
        report.add(line(n), child(key), "must be a single value");
        return defaultValue;
    }

    public String requiredString(String key) {
        String v = string(key, null);
        if (v == null || v.isBlank()) {
            report.add(line(), child(key), "is required");
            return "";
        }
        return v;
    }

    public int integer(String key, int defaultValue, int min, int max) {
        return parse(key, defaultValue, s -> {
            int v = Integer.parseInt(s.trim());
            if (v < min || v > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
            return v;
        }, "an integer");
    }

    public long longValue(String key, long defaultValue, long min, long max) {
        return parse(key, defaultValue, s -> {
            long v = Long.parseLong(s.trim());
            if (v < min || v > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
            return v;
        }, "an integer");
    }

    public boolean bool(String key, boolean defaultValue) {
        return parse(key, defaultValue, s -> switch (s.trim().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw new IllegalArgumentException("must be true or false");
        }, "true or false");
    }

    public Duration duration(String key, Duration defaultValue) {
        return parse(key, defaultValue, Durations::parse, "a duration like 500ms, 30s, 5m, 2h or 14d");
    }

    /** Byte sizes like 512, 64KB, 8MiB, 5MB (binary multiples). */
    public long bytes(String key, long defaultValue) {
        return parse(key, defaultValue, ByteSizes::parse, "a size like 65536, 64KiB or 8MiB");
    }

    /**
     * An enum constant written in lower case with dashes ({@code single-task} for {@code SINGLE_TASK}; any case, and
     * underscores, are accepted too); an unknown value is reported with the accepted ones.
     */
    public <E extends Enum<E>> E enumValue(String key, Class<E> type, E defaultValue) {
        return parse(key, defaultValue, s -> {
            String name = s.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            for (E e : type.getEnumConstants()) {
                if (e.name().equals(name)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("must be one of " + java.util.Arrays.stream(type.getEnumConstants())
                    .map(e -> e.name().toLowerCase(Locale.ROOT).replace('_', '-')).collect(java.util.stream.Collectors.joining(", ")));
        }, "one of the listed values");
    }

    public List<String> strings(String key) {
        Optional<String> env = env(key);
        if (env.isPresent()) {
            List<String> out = new ArrayList<>();
            for (String part : env.get().split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
            return out;
        }
        Node n = children.get(key);
        if (n == null || isNull(n)) {
            return List.of();
        }
        if (n instanceof ScalarNode s) {
            return List.of(s.getValue());
        }
        if (!(n instanceof SequenceNode seq)) {
            report.add(line(n), child(key), "must be a list");
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            if (item instanceof ScalarNode s) {
                out.add(s.getValue());
            } else {
                report.add(line(item), child(key), "items must be single values");
            }
        }
        return out;
    }

    /** The items of a list of mappings (e.g. the sources list). */
    public List<ConfigNode> list(String key) {
        Node n = children.get(key);
        if (n == null || isNull(n)) {
            return List.of();
        }
        if (!(n instanceof SequenceNode seq)) {
            report.add(line(n), child(key), "must be a list");
            return List.of();
        }
        List<ConfigNode> out = new ArrayList<>();
        int i = 0;
        for (Node item : seq.getValue()) {
            out.add(new ConfigNode(report, child(key) + "[" + i++ + "]", item));
        }
        return out;
    }

    /** A flat string-to-string mapping (headers, client properties). */
    public Map<String, String> stringMap(String key) {
        ConfigNode section = section(key);
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : section.keys()) {
            out.put(k, section.string(k, ""));
        }
        return out;
    }

    public int lineOf(String key) {
        Node n = keyNodes.get(key);
        return n == null ? line() : line(n);
    }

    public void problem(String key, String message) {
        report.add(lineOf(key), child(key), message);
    }

    private <T> T parse(String key, T defaultValue, Function<String, T> parser, String expected) {
        String raw = string(key, null);
        if (raw == null) {
            return defaultValue;
        }
        try {
            return parser.apply(raw);
        } catch (RuntimeException e) {
            String why = e instanceof NumberFormatException || e.getMessage() == null ? "must be " + expected : e.getMessage();
            report.add(lineOf(key), child(key), "value '" + raw + "' is invalid: " + why);
            return defaultValue;
        }
    }

    private Optional<String> env(String key) {
        String name = "NEWSFLOW_" + child(key).replaceAll("\\[\\d+]", "").toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
        return Optional.ofNullable(report.environment().get(name));
    }

    private String child(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private static boolean isNull(Node n) {
        return n instanceof ScalarNode s && "tag:yaml.org,2002:null".equals(s.getTag().getValue());
    }

    private static int line(Node n) {
        return n == null || n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
    }
}
