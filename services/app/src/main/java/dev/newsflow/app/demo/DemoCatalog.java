package dev.newsflow.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The demo outlet's content, read once from the classpath resource {@code demo/stories.json} and checked, so a
 * bad edit to the resource fails loudly at start instead of producing a half-broken site.
 */
final class DemoCatalog {
    static final String RESOURCE = "/demo/stories.json";

    /** Section slugs in navigation order, with their display names. */
    static final Map<String, String> SECTIONS = sections();

    private final List<DemoStory> stories;
    private final Map<String, DemoStory> byPath;

    DemoCatalog(List<DemoStory> stories) {
        this.stories = stories.stream().sorted(Comparator.comparing((DemoStory s) -> s.published().toInstant()).reversed()).toList();
        this.byPath = this.stories.stream().collect(Collectors.toMap(DemoStory::path, Function.identity(), (a, b) -> {
            throw new IllegalStateException("two demo stories share the path " + a.path());
        }, LinkedHashMap::new));
    }

    static DemoCatalog load() {
        try (InputStream in = DemoCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + RESOURCE);
            }
            JsonNode root = new ObjectMapper().readTree(in);
            List<DemoStory> out = new ArrayList<>();
            for (JsonNode n : root.path("stories")) {
                out.add(story(n));
            }
            return new DemoCatalog(out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Newest first. */
    List<DemoStory> stories() {
        return stories;
    }

    Optional<DemoStory> byPath(String path) {
        return Optional.ofNullable(byPath.get(path));
    }

    List<DemoStory> inSection(String section) {
        return stories.stream().filter(s -> s.section().equals(section)).toList();
    }

    /** Up to {@code max} other stories, those sharing most tags first, then same section, then newest. */
    List<DemoStory> related(DemoStory story, int max) {
        return stories.stream().filter(s -> s != story)
                .sorted(Comparator.comparingLong((DemoStory s) -> -score(story, s)))
                .limit(max).toList();
    }

    private static long score(DemoStory a, DemoStory b) {
        long shared = b.tags().stream().filter(a.tags()::contains).count();
        return shared * 10 + (a.section().equals(b.section()) ? 5 : 0);
    }

    private static DemoStory story(JsonNode n) {
        String slug = text(n, "slug");
        String section = text(n, "section");
        if (!SECTIONS.containsKey(section)) {
            throw invalid(slug, "unknown section '" + section + "'");
        }
        DemoStory.Layout layout = DemoStory.Layout.valueOf(n.path("layout").asText("standard").toUpperCase(Locale.ROOT));
        List<String> authors = strings(n.path("authors"));
        if (authors.isEmpty() || authors.size() > 2) {
            throw invalid(slug, "needs one or two authors");
        }
        OffsetDateTime published = OffsetDateTime.parse(text(n, "published"));
        OffsetDateTime modified = n.has("modified") ? OffsetDateTime.parse(text(n, "modified")) : published;
        if (modified.isBefore(published)) {
            throw invalid(slug, "modified before published");
        }
        DemoStory.Image image = null;
        if (n.has("image")) {
            JsonNode i = n.path("image");
            image = new DemoStory.Image(text(i, "alt"), text(i, "caption"), i.path("credit").asText("Demo Daily"));
        }
        List<DemoStory.Block> body = new ArrayList<>();
        for (JsonNode b : n.path("body")) {
            body.add(block(slug, b));
        }
        DemoStory story = new DemoStory(slug, section, layout, text(n, "title"), text(n, "standfirst"), authors,
                strings(n.path("tags")), published, modified, image, body);
        int paragraphs = story.paragraphs().size();
        if (paragraphs < 4 || paragraphs > 9) {
            throw invalid(slug, "has " + paragraphs + " paragraphs, expected 4 to 9");
        }
        return story;
    }

    private static DemoStory.Block block(String slug, JsonNode b) {
        if (b.has("p")) {
            return new DemoStory.Paragraph(b.get("p").asText());
        } else if (b.has("h2")) {
            return new DemoStory.Subheading(b.get("h2").asText());
        } else if (b.has("list")) {
            return new DemoStory.BulletList(strings(b.get("list")));
        } else if (b.has("quote")) {
            return new DemoStory.PullQuote(b.get("quote").asText(), b.path("by").asText(""));
        }
        throw invalid(slug, "unknown body block " + b);
    }

    private static String text(JsonNode n, String key) {
        JsonNode v = n.get(key);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            throw new IllegalStateException(RESOURCE + ": missing text field '" + key + "' in " + n.path("slug").asText("?"));
        }
        return v.asText();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private static IllegalStateException invalid(String slug, String why) {
        return new IllegalStateException(RESOURCE + ": story '" + slug + "' " + why);
    }

    private static Map<String, String> sections() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("world", "World");
        m.put("politics", "Politics");
        m.put("business", "Business");
        m.put("technology", "Technology");
        m.put("science", "Science");
        m.put("health", "Health");
        m.put("sports", "Sports");
        m.put("culture", "Culture");
        m.put("opinion", "Opinion");
        return java.util.Collections.unmodifiableMap(m);
    }
}
