package dev.newsflow.processor.bench;

import dev.newsflow.common.sources.SourcesConfig;
import dev.newsflow.common.sources.SourcesLoader;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns a dataset's {@code mirrors.json} into sources, as an operator would declare them: one disabled source
 * per primary host with its mirror hosts. Nothing else about the dataset's hosts is configured.
 */
final class BenchSources {
    private BenchSources() {
    }

    static SourcesConfig fromMirrors(Map<String, List<String>> mirrors) {
        return SourcesLoader.parse("mirrors.json", yaml(mirrors)).orThrow();
    }

    /** The sources.yml text an operator would write for these mirror groups. */
    static String yaml(Map<String, List<String>> mirrors) {
        StringBuilder yaml = new StringBuilder("sources:\n");
        int i = 0;
        for (Map.Entry<String, List<String>> e : mirrors.entrySet()) {
            yaml.append("  - id: s").append(i++).append('-').append(slug(e.getKey())).append('\n')
                    .append("    enabled: false\n")
                    .append("    hosts: [").append(e.getKey()).append("]\n")
                    .append("    mirrors: [").append(String.join(", ", e.getValue())).append("]\n");
        }
        return yaml.toString();
    }

    private static String slug(String host) {
        String s = host.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
        return s.length() > 40 ? s.substring(0, 40) : s;
    }
}
