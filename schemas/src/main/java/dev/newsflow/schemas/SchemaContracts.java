package dev.newsflow.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * The contract rule of newsflow's topics, checked with Avro's own {@link SchemaCompatibility}: every current
 * schema must read data written with every kept previous version of it (BACKWARD compatibility).
 * Previous versions live in {@code <history>/<Name>/v<N>.avsc}; current ones in {@code <current>/<Name>.avsc}.
 */
public final class SchemaContracts {
    /** Named types other schemas refer to, parsed first (same order as the avro-maven-plugin imports). */
    public static final List<String> IMPORTS = List.of("SightingKind", "Article");
    private static final Pattern VERSION = Pattern.compile("v(\\d+)\\.avsc");

    private SchemaContracts() {
    }

    /** One problem found: schema name, version it fails against, and a message naming the field. */
    public record Violation(String schema, int version, String message) {
        @Override
        public String toString() {
            return schema + " is not BACKWARD compatible with " + schema + " v" + version + ": " + message;
        }
    }

    /** Checks every current schema against every kept version; an empty list means the contract holds. */
    public static List<Violation> check(Path currentDir, Path historyDir) {
        Map<String, Schema> current = parseCurrent(currentDir);
        List<Violation> out = new ArrayList<>();
        Map<String, Map<Integer, Path>> history = history(historyDir);
        for (Map.Entry<String, Map<Integer, Path>> e : history.entrySet()) {
            Schema reader = current.get(e.getKey());
            if (reader == null) {
                out.add(new Violation(e.getKey(), e.getValue().keySet().stream().max(Integer::compare).orElse(0),
                        "the schema was removed; released schemas must stay (add fields with defaults instead)"));
                continue;
            }
            for (int version : e.getValue().keySet()) {
                Schema writer = parseHistoric(history, e.getKey(), version);
                SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
                for (Incompatibility i : result.getResult().getIncompatibilities()) {
                    out.add(new Violation(e.getKey(), version, describe(reader, i)));
                }
            }
        }
        return out;
    }

    /** Human-readable message: field path in the new schema, kind of break and Avro's own message. */
    static String describe(Schema reader, Incompatibility i) {
        return "field '" + fieldPath(reader, i.getLocation()) + "': " + i.getType() + " (" + i.getMessage() + ")";
    }

    /** Turns Avro's JSON-pointer location (e.g. {@code /fields/3/type}) into a dotted field path. */
    static String fieldPath(Schema root, String location) {
        String[] parts = location.split("/");
        StringBuilder path = new StringBuilder(root.getName());
        Schema s = root;
        for (int k = 1; k < parts.length; k++) {
            String p = parts[k];
            if ("fields".equals(p) && k + 1 < parts.length && s.getType() == Schema.Type.RECORD) {
                int idx = Integer.parseInt(parts[++k]);
                if (idx >= s.getFields().size()) {
                    break;
                }
                Schema.Field f = s.getFields().get(idx);
                path.append('.').append(f.name());
                s = f.schema();
            } else if ("items".equals(p) && s.getType() == Schema.Type.ARRAY) {
                s = s.getElementType();
            } else if ("values".equals(p) && s.getType() == Schema.Type.MAP) {
                s = s.getValueType();
            } else if (s.getType() == Schema.Type.UNION && p.chars().allMatch(Character::isDigit)) {
                int idx = Integer.parseInt(p);
                if (idx < s.getTypes().size()) {
                    s = s.getTypes().get(idx);
                }
            }
        }
        return path.toString();
    }

    static Map<String, Schema> parseCurrent(Path dir) {
        Map<String, Schema> out = new TreeMap<>();
        Schema.Parser parser = new Schema.Parser();
        for (String name : IMPORTS) {
            Path f = dir.resolve(name + ".avsc");
            if (Files.exists(f)) {
                out.put(name, parse(parser, f));
            }
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".avsc")).sorted().toList()) {
                String name = f.getFileName().toString().replace(".avsc", "");
                if (!out.containsKey(name)) {
                    out.put(name, parse(parser, f));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** A kept version, parsed with the imports as they were at that version (their newest version not after it). */
    private static Schema parseHistoric(Map<String, Map<Integer, Path>> history, String name, int version) {
        Schema.Parser parser = new Schema.Parser();
        for (String imp : IMPORTS) {
            if (imp.equals(name) || !history.containsKey(imp)) {
                continue;
            }
            history.get(imp).entrySet().stream().filter(v -> v.getKey() <= version).max(Map.Entry.comparingByKey())
                    .ifPresent(v -> parse(parser, v.getValue()));
        }
        return parse(parser, history.get(name).get(version));
    }

    private static Map<String, Map<Integer, Path>> history(Path dir) {
        Map<String, Map<Integer, Path>> out = new TreeMap<>();
        try (Stream<Path> names = Files.list(dir)) {
            for (Path d : names.filter(Files::isDirectory).sorted(Comparator.naturalOrder()).toList()) {
                Map<Integer, Path> versions = new TreeMap<>();
                try (Stream<Path> files = Files.list(d)) {
                    files.forEach(f -> {
                        Matcher m = VERSION.matcher(f.getFileName().toString());
                        if (m.matches()) {
                            versions.put(Integer.parseInt(m.group(1)), f);
                        }
                    });
                }
                if (!versions.isEmpty()) {
                    out.put(d.getFileName().toString(), versions);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static Schema parse(Schema.Parser parser, Path file) {
        try {
            return parser.parse(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
