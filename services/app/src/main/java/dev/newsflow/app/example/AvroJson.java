package dev.newsflow.app.example;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import org.apache.avro.LogicalType;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

/**
 * Plain JSON of a generic Avro value: unions unwrapped, timestamp-millis as ISO-8601 instants, bytes in base64.
 * Long strings can be cut and fields left out, for reading on a terminal.
 */
public final class AvroJson {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private final int maxString;
    private final Set<String> omit;

    /** {@code maxString} 0 = never cut; {@code omit}: top-level field names to leave out. */
    public AvroJson(int maxString, Set<String> omit) {
        this.maxString = maxString;
        this.omit = omit;
    }

    public JsonNode toJson(Object value) {
        return node(value, null, true);
    }

    private JsonNode node(Object v, Schema schema, boolean top) {
        if (v == null) {
            return NODES.nullNode();
        }
        if (v instanceof GenericRecord r) {
            ObjectNode o = NODES.objectNode();
            for (Schema.Field f : r.getSchema().getFields()) {
                if (!(top && omit.contains(f.name()))) {
                    o.set(f.name(), node(r.get(f.pos()), f.schema(), false));
                }
            }
            return o;
        }
        if (v instanceof Collection<?> c) {
            ArrayNode a = NODES.arrayNode();
            Schema items = schema == null ? null : nonNull(schema).getElementType();
            c.forEach(e -> a.add(node(e, items, false)));
            return a;
        }
        if (v instanceof Map<?, ?> m) {
            ObjectNode o = NODES.objectNode();
            Schema values = schema == null ? null : nonNull(schema).getValueType();
            m.forEach((k, e) -> o.set(String.valueOf(k), node(e, values, false)));
            return o;
        }
        if (v instanceof Long l && isTimestampMillis(schema)) {
            return NODES.textNode(Instant.ofEpochMilli(l).toString());
        }
        if (v instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (v instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (v instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (v instanceof Float f) {
            return NODES.numberNode(f);
        }
        if (v instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (v instanceof ByteBuffer b) {
            ByteBuffer copy = b.duplicate();
            byte[] bytes = new byte[copy.remaining()];
            copy.get(bytes);
            return NODES.textNode(Base64.getEncoder().encodeToString(bytes));
        }
        if (v instanceof GenericFixed f) {
            return NODES.textNode(Base64.getEncoder().encodeToString(f.bytes()));
        }
        // CharSequence (Utf8) and GenericData.EnumSymbol
        return NODES.textNode(cut(v.toString()));
    }

    private String cut(String s) {
        return maxString > 0 && s.length() > maxString ? s.substring(0, maxString) + "…" : s;
    }

    private static boolean isTimestampMillis(Schema schema) {
        if (schema == null) {
            return false;
        }
        LogicalType t = nonNull(schema).getLogicalType();
        return t != null && "timestamp-millis".equals(t.getName());
    }

    /** The non-null branch of a ["null", X] union, or the schema itself. */
    private static Schema nonNull(Schema s) {
        if (s.getType() != Schema.Type.UNION) {
            return s;
        }
        for (Schema branch : s.getTypes()) {
            if (branch.getType() != Schema.Type.NULL) {
                return branch;
            }
        }
        return s;
    }
}
