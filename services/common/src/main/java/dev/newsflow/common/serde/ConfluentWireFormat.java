package dev.newsflow.common.serde;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;

/** The Confluent framing: magic byte 0, then the 4-byte big-endian schema id, then the Avro binary body. */
public final class ConfluentWireFormat {
    public static final byte MAGIC = 0;
    public static final int HEADER_SIZE = 5;

    private ConfluentWireFormat() {
    }

    public static void writeHeader(ByteBuffer buffer, int schemaId) {
        buffer.put(MAGIC).putInt(schemaId);
    }

    /** The schema id of a framed message, or -1 when {@code bytes} are not Confluent-framed. */
    public static int schemaId(byte[] bytes) {
        if (bytes == null || bytes.length < HEADER_SIZE || bytes[0] != MAGIC) {
            return -1;
        }
        return ByteBuffer.wrap(bytes, 1, 4).getInt();
    }

    /** Returns the schema id of a framed message, positioning {@code buffer} at the Avro body. */
    public static int readHeader(ByteBuffer buffer) {
        if (buffer.remaining() < HEADER_SIZE) {
            throw new SerializationException("Not Confluent Avro: " + buffer.remaining() + " bytes, need at least " + HEADER_SIZE);
        }
        byte magic = buffer.get();
        if (magic != MAGIC) {
            throw new SerializationException("Not Confluent Avro: magic byte " + magic + ", expected 0");
        }
        return buffer.getInt();
    }
}
