package dev.newsflow.app.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The example consumer is meant to be copied by other teams: it must not use any newsflow class. */
class ExampleConsumerIndependenceTest {
    private static final Path SOURCES = Path.of("src/main/java/dev/newsflow/app/example");
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)", Pattern.MULTILINE);

    @Test
    void shouldImportOnlyKafkaAvroJacksonPicocliAndTheJdk() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(SOURCES)) {
            files = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(4);
        for (Path f : files) {
            String src = Files.readString(f, StandardCharsets.UTF_8);
            Matcher m = IMPORT.matcher(src);
            while (m.find()) {
                assertThat(m.group(2)).as(f + " imports").matches("(java|javax|org\\.apache\\.kafka|org\\.apache\\.avro|com\\.fasterxml\\.jackson|picocli)\\..*");
            }
            assertThat(src.replaceAll("package [\\w.]+;", "")).as(f + " names no newsflow class").doesNotContain("dev.newsflow.");
        }
    }
}
