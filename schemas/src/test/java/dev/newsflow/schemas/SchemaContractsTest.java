package dev.newsflow.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The build-time contract check: a schema change that would break consumers fails this test (and so the build). */
class SchemaContractsTest {
    private static final Path CURRENT = Path.of("src/main/avro");
    private static final Path HISTORY = Path.of("src/main/avro-history");

    @Test
    void everyCurrentSchemaShouldReadEveryKeptPreviousVersion() {
        List<SchemaContracts.Violation> violations = SchemaContracts.check(CURRENT, HISTORY);
        assertThat(violations)
                .withFailMessage(() -> "Breaking schema change(s) — consumers of the topics would fail:\n  "
                        + violations.stream().map(Object::toString).collect(Collectors.joining("\n  "))
                        + "\nAdd fields with a default instead, never remove, rename or retype a field.")
                .isEmpty();
    }

    @Test
    void everyCurrentSchemaShouldHaveAKeptVersion() throws IOException {
        try (Stream<Path> files = Files.list(CURRENT)) {
            List<String> missing = files.map(f -> f.getFileName().toString().replace(".avsc", ""))
                    .filter(n -> !Files.isDirectory(HISTORY.resolve(n))).toList();
            assertThat(missing).as("schemas without a kept released version in " + HISTORY).isEmpty();
        }
    }

    @Test
    void shouldRejectAFieldAddedWithoutDefaultAndNameIt(@TempDir Path tmp) throws IOException {
        Path current = copyCurrent(tmp);
        String article = Files.readString(current.resolve("Article.avsc"), StandardCharsets.UTF_8);
        Files.writeString(current.resolve("Article.avsc"), article.replace(
                "{\"name\": \"sourceTags\"",
                "{\"name\": \"mandatoryScore\", \"type\": \"int\", \"doc\": \"broken: no default\"},\n    {\"name\": \"sourceTags\""),
                StandardCharsets.UTF_8);

        List<SchemaContracts.Violation> violations = SchemaContracts.check(current, HISTORY);

        assertThat(violations).isNotEmpty();
        assertThat(violations.get(0).toString())
                .contains("Article is not BACKWARD compatible with Article v1")
                .contains("field 'Article.mandatoryScore'")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE");
    }

    @Test
    void shouldRejectARetypedField(@TempDir Path tmp) throws IOException {
        Path current = copyCurrent(tmp);
        String article = Files.readString(current.resolve("Article.avsc"), StandardCharsets.UTF_8);
        Files.writeString(current.resolve("Article.avsc"), article.replace(
                "{\"name\": \"storyKey\", \"type\": \"string\"", "{\"name\": \"storyKey\", \"type\": \"int\""), StandardCharsets.UTF_8);

        List<SchemaContracts.Violation> violations = SchemaContracts.check(current, HISTORY);

        assertThat(violations).extracting(Object::toString)
                .anySatisfy(m -> assertThat(m).contains("field 'Article.storyKey'").contains("TYPE_MISMATCH"));
        // ParsedPage embeds Article, so the break shows there too
        assertThat(violations).extracting(SchemaContracts.Violation::schema).contains("Article", "ParsedPage");
    }

    @Test
    void shouldRejectARemovedSchema(@TempDir Path tmp) throws IOException {
        Path current = copyCurrent(tmp);
        Files.delete(current.resolve("DeadLetter.avsc"));

        assertThat(SchemaContracts.check(current, HISTORY)).extracting(Object::toString)
                .anySatisfy(m -> assertThat(m).startsWith("DeadLetter").contains("removed"));
    }

    private static Path copyCurrent(Path tmp) throws IOException {
        Path dir = tmp.resolve("avro");
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(CURRENT)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        return dir;
    }
}
