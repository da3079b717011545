package dev.newsflow.common.kafka;

import dev.newsflow.common.config.ConfigNode;
import java.time.Duration;
import java.util.Set;

/**
 * Topic naming and sizing shared by every service ({@code kafka.topics} in newsflow.yml).
 *
 * @param prefix            prepended to every newsflow topic name (tests use it for isolation)
 * @param partitions        partitions of the data topics
 * @param replicationFactor replication factor (1 for the embedded broker)
 * @param rawRetention      retention of news.raw.pages and news.fetch.requests
 * @param articleRetention  retention of news.articles, sightings and the dead-letter topic
 * @param schemasTopic      topic of the embedded schema registry
 */
public record TopicSettings(String prefix, int partitions, short replicationFactor, Duration rawRetention,
                            Duration articleRetention, String schemasTopic) {

    public static TopicSettings defaults() {
        return new TopicSettings("", 3, (short) 1, Duration.ofDays(7), Duration.ofDays(365), "_schemas");
    }

    public static TopicSettings from(ConfigNode n) {
        n.allowOnly(Set.of("prefix", "partitions", "replication-factor", "raw-retention", "article-retention", "schemas-topic"));
        TopicSettings d = defaults();
        return new TopicSettings(n.string("prefix", d.prefix()), n.integer("partitions", d.partitions(), 1, 1000),
                (short) n.integer("replication-factor", d.replicationFactor(), 1, 10), n.duration("raw-retention", d.rawRetention()),
                n.duration("article-retention", d.articleRetention()), n.string("schemas-topic", d.schemasTopic()));
    }

    public TopicSettings withPrefix(String newPrefix) {
        return new TopicSettings(newPrefix, partitions, replicationFactor, rawRetention, articleRetention, schemasTopic);
    }
}
