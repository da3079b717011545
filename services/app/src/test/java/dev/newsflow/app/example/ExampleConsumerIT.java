package dev.newsflow.app.example;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.app.Newsflow;
import dev.newsflow.app.demo.DemoArticle;
import dev.newsflow.app.demo.DemoRun;
import dev.newsflow.app.demo.DemoSite;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code newsflow example-consumer} against the real output of {@code newsflow demo}: embedded KRaft broker,
 * embedded Confluent-API registry, the whole pipeline on the demo site. The consumer uses no newsflow class.
 */
@Tag("integration")
@Timeout(300)
class ExampleConsumerIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void shouldPrintEveryTopicOfTheDemoAsJsonWithGenericAvro() throws Exception {
        List<DemoArticle> expected;
        try (DemoSite site = DemoSite.start(0)) {
            expected = site.articles();
        }
        Set<String> expectedTitles = new HashSet<>();
        expected.forEach(a -> expectedTitles.add(a.title()));
        Map<String, Run> runs = new HashMap<>();
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int code = new DemoRun(tmp, true, 0, Duration.ofMinutes(3)).run(new PrintStream(printed, true, StandardCharsets.UTF_8), pipeline -> {
            String bootstrap = String.valueOf(pipeline.clientProps().get("bootstrap.servers"));
            String registry = pipeline.runtime().registryUrl();
            List<String> common = List.of("--bootstrap-servers", bootstrap, "--registry", registry);
            runs.put("articles", consume(common, "--topic", "news.articles", "--omit", "bodyHtml"));
            runs.put("latest", consume(common, "--topic", "news.articles", "--latest-only", "--max-string", "80"));
            runs.put("sightings", consume(common, "--topic", "news.article.sightings"));
            runs.put("dlq", consume(common, "--topic", "news.dlq"));
            runs.put("sources", consume(common, "--topic", "news.sources"));
            runs.put("group1", consume(common, "--topic", "news.articles", "--group", "example-it", "--max-records", "2"));
            runs.put("group2", consume(common, "--topic", "news.articles", "--group", "example-it", "--max-records", "2"));
            runs.put("missing", consume(common, "--topic", "news.no-such-topic"));
        });
        assertThat(code).as(printed.toString(StandardCharsets.UTF_8)).isZero();
        Run missing = runs.remove("missing");
        assertThat(missing.code).isEqualTo(1);
        assertThat(missing.err).contains("topic news.no-such-topic does not exist");
        runs.values().forEach(r -> assertThat(r.code).as(r.err).isZero());

        List<JsonNode> articles = runs.get("articles").lines;
        assertThat(articles).as("one record per new story and per added URL").hasSizeGreaterThanOrEqualTo(expected.size());
        Set<String> titles = new HashSet<>();
        for (JsonNode a : articles) {
            JsonNode v = a.get("value");
            assertThat(a.get("schema").asText()).isEqualTo("dev.newsflow.avro.Article");
            assertThat(a.get("schemaId").asInt()).isPositive();
            assertThat(a.get("key").asText()).as("key = articleId").isEqualTo(v.get("articleId").asText());
            assertThat(v.has("bodyHtml")).as("--omit bodyHtml").isFalse();
            assertThat(v.get("revision").asInt()).isEqualTo(1);
            assertThat(v.get("language").asText()).isEqualTo("en");
            assertThat(v.get("publisherName").asText()).isEqualTo("Demo Daily");
            assertThat(v.get("keywords").size()).isPositive();
            assertThat(v.get("fetchedAt").asText()).as("timestamp-millis as ISO-8601").matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
            assertThat(v.get("bodyText").asText()).isNotBlank();
            titles.add(v.get("title").asText());
        }
        assertThat(titles).isEqualTo(expectedTitles);
        assertThat(runs.get("articles").err).contains(articles.size() + " records read from news.articles");

        List<JsonNode> latest = runs.get("latest").lines;
        assertThat(latest).as("--latest-only: one line per article").hasSize(expected.size());
        Set<String> ids = new HashSet<>();
        for (JsonNode a : latest) {
            assertThat(ids.add(a.get("key").asText())).isTrue();
            assertThat(a.get("value").get("urls")).as("the last record of the article carries the mirror URL too").hasSize(2);
            assertThat(a.get("value").get("bodyText").asText()).hasSizeLessThanOrEqualTo(81);
        }

        Set<String> kinds = new HashSet<>();
        for (JsonNode s : runs.get("sightings").lines) {
            assertThat(s.get("schema").asText()).isEqualTo("dev.newsflow.avro.Sighting");
            assertThat(s.get("key").asText()).isEqualTo(s.get("value").get("articleId").asText());
            assertThat(ids).contains(s.get("key").asText());
            kinds.add(s.get("value").get("kind").asText());
        }
        assertThat(kinds).contains("PRIMARY", "MIRROR");

        assertThat(runs.get("dlq").lines).as("the demo dead-letters nothing").isEmpty();
        assertThat(runs.get("dlq").err).contains("0 records read from news.dlq");

        JsonNode source = runs.get("sources").lines.get(0);
        assertThat(source.has("schemaId")).as("news.sources is JSON, not Avro").isFalse();
        assertThat(source.get("value").get("name").asText()).isEqualTo("Demo Daily");

        List<String> groupOffsets = new ArrayList<>();
        for (String run : List.of("group1", "group2")) {
            assertThat(runs.get(run).lines).hasSize(2);
            runs.get(run).lines.forEach(l -> groupOffsets.add(l.get("partition") + "/" + l.get("offset")));
        }
        assertThat(new HashSet<>(groupOffsets)).as("the second run resumes after the first one's committed offsets").hasSize(4);
    }

    private record Run(int code, List<JsonNode> lines, String err) {
    }

    private static Run consume(List<String> common, String... args) throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> argv = new ArrayList<>(List.of("example-consumer"));
        argv.addAll(common);
        argv.addAll(List.of(args));
        int code = Newsflow.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(argv.toArray(String[]::new));
        List<JsonNode> lines = new ArrayList<>();
        for (String l : out.toString().split("\n")) {
            if (!l.isBlank()) {
                lines.add(JSON.readTree(l));
            }
        }
        return new Run(code, lines, err.toString());
    }
}
