package dev.newsflow.common.kafka;

import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * A topic declared once: its name, serdes and the settings it is created with.
 *
 * @param name       topic name
 * @param keySerde   serde of the keys
 * @param valueSerde serde of the values
 * @param spec       partitions and topic-level configs used when provisioning
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, TopicSpec spec) {
    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
        Objects.requireNonNull(spec, "spec");
    }

    /** Partition count and topic configs (retention, compression, size limits). */
    public record TopicSpec(int partitions, short replicationFactor, Map<String, String> configs) {
        public TopicSpec {
            if (partitions < 1) {
                throw new IllegalArgumentException("partitions must be >= 1");
            }
            configs = Map.copyOf(configs);
        }
    }
}
