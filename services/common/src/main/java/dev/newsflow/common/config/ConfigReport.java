package dev.newsflow.common.config;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.Node;

/** Loads a YAML file into {@link ConfigNode}s and collects every problem found while reading it. */
public final class ConfigReport {
    private final String file;
    private final Map<String, String> environment;
    private final List<ConfigProblem> problems = new ArrayList<>();

    private ConfigReport(String file, Map<String, String> environment) {
        this.file = file;
        this.environment = environment;
    }

    /** Parses {@code path}; a missing file or a YAML syntax error becomes a problem, not an exception. */
    public static ConfigNode load(Path path, Map<String, String> environment) {
        ConfigReport report = new ConfigReport(path.toString(), environment);
        if (!Files.isRegularFile(path)) {
            report.add(0, "", "file not found");
            return new ConfigNode(report, "", null);
        }
        try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            return report.parse(reader);
        } catch (IOException e) {
            report.add(0, "", "cannot be read: " + e.getMessage());
            return new ConfigNode(report, "", null);
        }
    }

    public static ConfigNode parse(String name, String yaml, Map<String, String> environment) {
        return new ConfigReport(name, environment).parse(new StringReader(yaml));
    }

    /** An empty configuration (all defaults), still honouring environment overrides. */
    public static ConfigNode empty(Map<String, String> environment) {
        return new ConfigNode(new ConfigReport("(defaults)", environment), "", null);
    }

    private ConfigNode parse(Reader reader) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(20);
        options.setCodePointLimit(8 * 1024 * 1024);
        try {
            Node root = new Yaml(options).compose(reader);
            return new ConfigNode(this, "", root);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            add(line, "", "is not valid YAML: " + e.getProblem());
            return new ConfigNode(this, "", null);
        } catch (RuntimeException e) {
            add(0, "", "is not valid YAML: " + e.getMessage());
            return new ConfigNode(this, "", null);
        }
    }

    public void add(int line, String path, String message) {
        problems.add(new ConfigProblem(file, line, path, message));
    }

    public String file() {
        return file;
    }

    Map<String, String> environment() {
        return environment;
    }

    public List<ConfigProblem> problems() {
        return List.copyOf(problems);
    }

    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
    }
}
