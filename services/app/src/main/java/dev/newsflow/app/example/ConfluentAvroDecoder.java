package dev.newsflow.app.example;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.DecoderFactory;

/**
 * Decodes record values in the Confluent wire format (byte 0 = magic 0, bytes 1–4 = schema id, big-endian, then
 * Avro binary) into generic Avro objects, with the writer schema from the registry. Pass a reader schema to read
 * every version into one shape (Avro schema resolution; newsflow's schemas evolve BACKWARD-compatibly).
 */
public final class ConfluentAvroDecoder {
    private final ConfluentSchemas schemas;
    private final Schema readerSchema;
    private final Map<Integer, GenericDatumReader<Object>> readers = new ConcurrentHashMap<>();

    public ConfluentAvroDecoder(ConfluentSchemas schemas, Schema readerSchema) {
        this.schemas = schemas;
        this.readerSchema = readerSchema;
    }

    /** True when the value carries the Confluent framing (the JSON topic news.sources does not). */
    public static boolean isConfluentAvro(byte[] value) {
        return value != null && value.length >= 5 && value[0] == 0;
    }

    public static int schemaId(byte[] value) {
        return ByteBuffer.wrap(value, 1, 4).getInt();
    }

    /** A {@link org.apache.avro.generic.GenericRecord} for record schemas (all of newsflow's topics). */
    public Object decode(byte[] value) {
        if (!isConfluentAvro(value)) {
            throw new IllegalArgumentException("not Confluent-framed Avro (magic byte " + (value == null || value.length == 0 ? "none" : value[0]) + ")");
        }
        GenericDatumReader<Object> reader = readers.computeIfAbsent(schemaId(value), id -> {
            Schema writer = schemas.byId(id);
            return new GenericDatumReader<>(writer, readerSchema == null ? writer : readerSchema);
        });
        try {
            return reader.read(null, DecoderFactory.get().binaryDecoder(value, 5, value.length - 5, null));
        } catch (IOException e) {
            throw new UncheckedIOException("undecodable Avro body (schema id " + schemaId(value) + ")", e);
        }
    }
}
