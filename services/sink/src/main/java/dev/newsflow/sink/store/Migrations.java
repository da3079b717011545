package dev.newsflow.sink.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds the migration files of one dialect ({@code db/<dialect>/V<n>__<name>.sql}) next to this class, in a
 * classes directory or inside a (shaded) jar, and checks that versions run 1, 2, 3… without gaps.
 */
public final class Migrations {
    private Migrations() {
    }

    public static List<Migration> load(String dialect) {
        String dir = "db/" + dialect + "/";
        List<String> names = new ArrayList<>();
        try {
            URL location = Migrations.class.getProtectionDomain().getCodeSource().getLocation();
            Path path = Path.of(location.toURI());
            if (Files.isDirectory(path)) {
                Path folder = path.resolve(dir);
                if (Files.isDirectory(folder)) {
                    try (Stream<Path> files = Files.list(folder)) {
                        files.forEach(f -> names.add(f.getFileName().toString()));
                    }
                }
            } else {
                try (JarFile jar = new JarFile(path.toFile())) {
                    Enumeration<JarEntry> entries = jar.entries();
                    while (entries.hasMoreElements()) {
                        String entry = entries.nextElement().getName();
                        if (entry.startsWith(dir) && entry.indexOf('/', dir.length()) < 0 && entry.length() > dir.length()) {
                            names.add(entry.substring(dir.length()));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list migrations in " + dir, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate migrations in " + dir, e);
        }
        List<Migration> migrations = new ArrayList<>();
        for (String name : names) {
            Migration m = Migration.fromFile(name, read(dir + name));
            if (m != null) {
                migrations.add(m);
            }
        }
        return ordered(migrations, dir);
    }

    /** Sorts by version and rejects duplicates and gaps. */
    public static List<Migration> ordered(List<Migration> migrations, String where) {
        List<Migration> sorted = new ArrayList<>(migrations);
        sorted.sort(Comparator.comparingInt(Migration::version));
        for (int i = 0; i < sorted.size(); i++) {
            if (sorted.get(i).version() != i + 1) {
                throw new IllegalStateException("Migrations in " + where + " must be numbered V1, V2, … without gaps or duplicates; found "
                        + sorted.stream().map(m -> "V" + m.version() + "__" + m.name()).toList());
            }
        }
        if (sorted.isEmpty()) {
            throw new IllegalStateException("No migrations found in " + where);
        }
        return List.copyOf(sorted);
    }

    private static String read(String resource) {
        try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Migration " + resource + " listed but not readable");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }
}
