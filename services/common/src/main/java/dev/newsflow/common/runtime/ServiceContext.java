package dev.newsflow.common.runtime;

import dev.newsflow.common.kafka.NewsTopics;
import dev.newsflow.common.serde.SchemaRegistryClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.Map;

/**
 * What every service gets from whoever starts it (the command line, or a test): resolved Kafka settings,
 * the registry client, the topics, the meter registry and the sources file.
 *
 * @param kafka       Kafka connection (bootstrap servers already resolved, embedded or not)
 * @param registry    schema registry client used by every Avro serde
 * @param topics      the declared topics
 * @param meters      where services register their meters
 * @param sourcesFile the sources file (services watch it for changes)
 * @param dataDir     local state root (streams state, seen-URL store, SQLite file by default)
 * @param config      the whole configuration, for the service's own section
 */
public record ServiceContext(KafkaSettings kafka, SchemaRegistryClient registry, NewsTopics topics, MeterRegistry meters,
                             Path sourcesFile, Path dataDir, NewsflowConfig config) {

    public Map<String, Object> clientProps() {
        return kafka.clientProps();
    }
}
