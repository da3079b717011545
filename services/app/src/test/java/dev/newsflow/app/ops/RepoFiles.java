package dev.newsflow.app.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Locates the repository root (tests run in services/app) and reads files under it. */
final class RepoFiles {
    private RepoFiles() {
    }

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("deploy")) && Files.isRegularFile(p.resolve("pom.xml")) && Files.isDirectory(p.resolve("services"))) {
                return p;
            }
        }
        throw new IllegalStateException("no repository root (with deploy/ and services/) above " + dir);
    }

    static Path path(String relative) {
        return root().resolve(relative);
    }

    static String read(String relative) {
        try {
            return Files.readString(path(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Regular files directly under {@code dir} whose name ends with {@code suffix}, sorted. */
    static List<Path> list(String dir, String suffix) {
        try (Stream<Path> s = Files.list(path(dir))) {
            return s.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
