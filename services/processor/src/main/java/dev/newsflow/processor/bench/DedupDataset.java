package dev.newsflow.processor.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The story-dedup benchmark set ({@code ../shared/benchmarks/story-dedup/<split>/}, see its README): the fetch
 * stream in arrival order, the declared mirror groups and, when present, the gold story clusters.
 *
 * @param dir     dataset directory
 * @param fetches fetches in arrival order
 * @param mirrors primary host → mirror hosts (mirrors.json)
 * @param gold    page id → gold label (empty when gold.json is absent)
 */
public record DedupDataset(Path dir, List<Fetch> fetches, Map<String, List<String>> mirrors, Map<String, Gold> gold) {

    /** One line of stream.jsonl. */
    public record Fetch(String page, String url, Instant fetchedAt, String file) {
        public byte[] html(Path dir) {
            try {
                return Files.readAllBytes(dir.resolve(file).normalize());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read page " + page + " (" + file + ")", e);
            }
        }
    }

    /** One entry of gold.json. */
    public record Gold(String story, String kind) {
    }

    public static DedupDataset load(Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Fetch> fetches = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(dir.resolve("stream.jsonl"), StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = json.readTree(line);
                String file = text(node, "file", n);
                if (file.contains("..") || file.startsWith("/")) {
                    throw new IOException("stream.jsonl line " + n + ": file '" + file + "' must stay inside the dataset");
                }
                fetches.add(new Fetch(text(node, "page", n), text(node, "url", n), Instant.parse(text(node, "fetched_at", n)), file));
            }
        }
        Map<String, List<String>> mirrors = new LinkedHashMap<>();
        Path mirrorsFile = dir.resolve("mirrors.json");
        if (Files.isRegularFile(mirrorsFile)) {
            JsonNode root = json.readTree(mirrorsFile.toFile());
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                List<String> hosts = new ArrayList<>();
                e.getValue().forEach(h -> hosts.add(h.asText()));
                mirrors.put(e.getKey(), hosts);
            }
        }
        Map<String, Gold> gold = new LinkedHashMap<>();
        Path goldFile = dir.resolve("gold.json");
        if (Files.isRegularFile(goldFile)) {
            JsonNode root = json.readTree(goldFile.toFile());
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                gold.put(e.getKey(), new Gold(e.getValue().path("story").asText(), e.getValue().path("kind").asText()));
            }
        }
        return new DedupDataset(dir, List.copyOf(fetches), mirrors, gold);
    }

    private static String text(JsonNode node, String field, int line) throws IOException {
        JsonNode v = node.get(field);
        if (v == null || !v.isTextual()) {
            throw new IOException("stream.jsonl line " + line + ": missing text field '" + field + "'");
        }
        return v.asText();
    }
}
