package dev.newsflow.app.ops;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** The documents of deploy/k8s, parsed as plain maps. */
final class KubernetesManifests {
    static final String DIR = "deploy/k8s";

    /** One manifest document and the file it came from. */
    record Doc(String file, Map<String, Object> body) {
        String kind() {
            return (String) body.get("kind");
        }

        String name() {
            return (String) meta().get("name");
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> meta() {
            return (Map<String, Object>) body.getOrDefault("metadata", Map.of());
        }

        @Override
        public String toString() {
            return file + ": " + kind() + "/" + name();
        }
    }

    private KubernetesManifests() {
    }

    @SuppressWarnings("unchecked")
    static List<Doc> load() {
        List<Doc> docs = new ArrayList<>();
        for (Path f : RepoFiles.list(DIR, ".yaml")) {
            if (f.getFileName().toString().equals("kustomization.yaml")) {
                continue;
            }
            for (Object o : new Yaml().loadAll(RepoFiles.read(DIR + "/" + f.getFileName()))) {
                if (o != null) {
                    docs.add(new Doc(f.getFileName().toString(), (Map<String, Object>) o));
                }
            }
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> configMapData(String file, String name) {
        for (Object o : new Yaml().loadAll(RepoFiles.read(file))) {
            Map<String, Object> m = (Map<String, Object>) o;
            if (m != null && "ConfigMap".equals(m.get("kind")) && name.equals(((Map<String, Object>) m.get("metadata")).get("name"))) {
                return (Map<String, String>) m.get("data");
            }
        }
        throw new IllegalArgumentException("no ConfigMap " + name + " in " + file);
    }

    /** Follows a path of map keys; {@code null} when a key is missing. */
    @SuppressWarnings("unchecked")
    static <T> T at(Object root, String... keys) {
        Object cur = root;
        for (String k : keys) {
            if (!(cur instanceof Map)) {
                return null;
            }
            cur = ((Map<String, Object>) cur).get(k);
        }
        return (T) cur;
    }
}
