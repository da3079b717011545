package dev.newsflow.common.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * In-memory state of the embedded registry: subjects, versions, global ids (one id per distinct schema),
 * with BACKWARD compatibility checked on registration. Not thread-safe; the server serializes access.
 */
final class SchemaStore {
    /** One registered version. */
    record Entry(String subject, int version, int id, String schema) {
    }

    private final Map<String, TreeMap<Integer, Entry>> subjects = new TreeMap<>();
    private final Map<Integer, String> schemasById = new HashMap<>();
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private int maxId;

    /** Applies an entry read from the storage topic (or just written). */
    void apply(Entry e) {
        subjects.computeIfAbsent(e.subject(), s -> new TreeMap<>()).put(e.version(), e);
        schemasById.put(e.id(), e.schema());
        idsBySchema.put(canonical(e.schema()), e.id());
        maxId = Math.max(maxId, e.id());
    }

    Optional<Entry> find(String subject, String schema) {
        String c = canonical(schema);
        return subjects.getOrDefault(subject, new TreeMap<>()).values().stream().filter(e -> canonical(e.schema()).equals(c)).findFirst();
    }

    /** The entry to write for a new registration (not yet applied). */
    Entry next(String subject, String schema) {
        TreeMap<Integer, Entry> versions = subjects.getOrDefault(subject, new TreeMap<>());
        int version = versions.isEmpty() ? 1 : versions.lastKey() + 1;
        Integer id = idsBySchema.get(canonical(schema));
        return new Entry(subject, version, id != null ? id : maxId + 1, schema);
    }

    /** Null when {@code schema} can read data written with the latest version of {@code subject}; else why not. */
    String backwardIncompatibility(String subject, String schema) {
        Optional<Entry> latest = latest(subject);
        if (latest.isEmpty()) {
            return null;
        }
        Schema reader = new Schema.Parser().parse(schema);
        Schema writer = new Schema.Parser().parse(latest.get().schema());
        SchemaCompatibility.SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        return result.getType() == SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE ? null : result.getDescription();
    }

    Optional<Entry> latest(String subject) {
        TreeMap<Integer, Entry> versions = subjects.get(subject);
        return versions == null || versions.isEmpty() ? Optional.empty() : Optional.of(versions.lastEntry().getValue());
    }

    Optional<Entry> version(String subject, int version) {
        return Optional.ofNullable(subjects.getOrDefault(subject, new TreeMap<>()).get(version));
    }

    Optional<String> schema(int id) {
        return Optional.ofNullable(schemasById.get(id));
    }

    List<String> subjects() {
        return new ArrayList<>(subjects.keySet());
    }

    List<Integer> versions(String subject) {
        return new ArrayList<>(subjects.getOrDefault(subject, new TreeMap<>()).keySet());
    }

    static String canonical(String schema) {
        return new Schema.Parser().parse(schema).toString();
    }
}
