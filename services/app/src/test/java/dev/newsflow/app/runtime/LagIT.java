package dev.newsflow.app.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.testkit.KafkaBroker;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link Lag#pending} on a real broker, with transactional records (each transaction ends with a commit marker). */
class LagIT {
    @RegisterExtension
    static KafkaBroker kafka = new KafkaBroker();

    @Test
    void countsDataRecordsExactlyWhenCloseAndInOffsetsWhenFarBehind() throws Exception {
        String topic = KafkaBroker.uniquePrefix() + "lag";
        String group = topic + "-group";
        TopicPartition tp = new TopicPartition(topic, 0);
        try (Admin admin = Admin.create(kafka.clientProps())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
            Map<String, Object> props = new HashMap<>(kafka.clientProps());
            props.put("transactional.id", topic + "-tx");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
                producer.initTransactions();
                for (int t = 0; t < 30; t++) { // 30 transactions of one record: offsets 0..59, markers at the odd ones
                    producer.beginTransaction();
                    producer.send(new ProducerRecord<>(topic, "k", "v" + t));
                    producer.commitTransaction();
                }
            }
            Set<String> topics = Set.of(topic);
            // never committed: 60 offsets behind, reported in offsets (markers included)
            assertThat(Lag.pending(admin, kafka.clientProps(), group, topics)).isEqualTo(60);

            commit(admin, group, tp, 55); // records at 56 and 58 left, markers at 57 and 59
            assertThat(Lag.pending(admin, kafka.clientProps(), group, topics)).isEqualTo(2);
            // asked to stop (a monitor closing): the record-by-record count ends before its first poll
            assertThat(Lag.pending(admin, kafka.clientProps(), group, topics, () -> true)).isZero();

            commit(admin, group, tp, 59); // only the last marker left: caught up
            assertThat(Lag.pending(admin, kafka.clientProps(), group, topics)).isZero();
        }
    }

    private static void commit(Admin admin, String group, TopicPartition tp, long offset) throws Exception {
        admin.alterConsumerGroupOffsets(group, Map.of(tp, new OffsetAndMetadata(offset))).all().get(30, TimeUnit.SECONDS);
    }
}
