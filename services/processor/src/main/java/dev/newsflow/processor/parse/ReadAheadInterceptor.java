package dev.newsflow.processor.parse;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerInterceptor;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Hands the records the stream threads' consumer polls to the {@link ReadAhead} named by {@value #ID_CONFIG}
 * (set by the processor under {@code main.consumer.}); the records themselves pass through unchanged.
 */
public final class ReadAheadInterceptor implements ConsumerInterceptor<byte[], byte[]> {
    /** Consumer property naming the {@link ReadAhead} instance ({@link ReadAhead#id()}). */
    public static final String ID_CONFIG = "newsflow.read-ahead.id";
    private ReadAhead<?> readAhead;

    @Override
    public void configure(Map<String, ?> configs) {
        Object id = configs.get(ID_CONFIG);
        readAhead = id == null ? null : ReadAhead.lookup(id.toString());
    }

    @Override
    public ConsumerRecords<byte[], byte[]> onConsume(ConsumerRecords<byte[], byte[]> records) {
        ReadAhead<?> ahead = readAhead;
        if (ahead != null && !records.isEmpty()) {
            for (TopicPartition tp : records.partitions()) {
                if (!tp.topic().equals(ahead.topic())) {
                    continue;
                }
                for (ConsumerRecord<byte[], byte[]> r : records.records(tp)) {
                    ahead.offer(tp.topic(), tp.partition(), r.offset(), r.timestamp(), r.value());
                }
            }
        }
        return records;
    }

    @Override
    public void onCommit(Map<TopicPartition, OffsetAndMetadata> offsets) {
    }

    @Override
    public void close() {
    }
}
