package dev.newsflow.common.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serde for generated Avro classes in the Confluent wire format. The writer schema is registered under
 * {@code <topic>-value} (or {@code -key}, TopicNameStrategy); readers resolve the writer schema by id, so
 * records written with an older or newer compatible schema still decode.
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T> {
    private final Class<T> type;
    private final Schema readerSchema;
    private final SchemaRegistryClient registry;
    private final boolean isKey;
    private final SpecificData data;
    private final Map<String, Integer> idByTopic = new ConcurrentHashMap<>();
    private final Map<Integer, SpecificDatumReader<T>> readers = new ConcurrentHashMap<>();
    private final SpecificDatumWriter<T> writer;
    /** Bytes to reserve for the next record: the last one's size and an eighth (a raw page is ~150 KB; doubling from 256 bytes copied it ten times). */
    private volatile int sizeHint = 256;

    static {
        AvroTrust.install();
    }

    public AvroSerde(Class<T> type, SchemaRegistryClient registry, boolean isKey) {
        this.type = type;
        this.registry = registry;
        this.isKey = isKey;
        this.data = SpecificData.getForClass(type);
        this.readerSchema = data.getSchema(type);
        this.writer = new SpecificDatumWriter<>(readerSchema, data);
    }

    public static <T extends SpecificRecord> AvroSerde<T> forValues(Class<T> type, SchemaRegistryClient registry) {
        return new AvroSerde<>(type, registry, false);
    }

    public Schema schema() {
        return readerSchema;
    }

    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        int id = idByTopic.computeIfAbsent(topic, t -> registry.register(t + (isKey ? "-key" : "-value"), readerSchema));
        ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint);
        out.write(ConfluentWireFormat.MAGIC);
        out.write((id >>> 24) & 0xFF);
        out.write((id >>> 16) & 0xFF);
        out.write((id >>> 8) & 0xFF);
        out.write(id & 0xFF);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot write " + type.getSimpleName() + " for topic " + topic + ": " + e.getMessage(), e);
        }
        byte[] bytes = out.toByteArray();
        sizeHint = Math.max(256, Math.min(bytes.length + (bytes.length >> 3), 16 * 1024 * 1024));
        return bytes;
    }

    public T deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int id = ConfluentWireFormat.readHeader(buffer);
        SpecificDatumReader<T> reader = readers.computeIfAbsent(id,
                i -> new SpecificDatumReader<>(registry.getById(i), readerSchema, data));
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(bytes, buffer.position(), buffer.remaining(), null);
            return reader.read(null, decoder);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot read " + type.getSimpleName() + " (schema id " + id + ") from topic "
                    + topic + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return this::serialize;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this::deserialize;
    }
}
