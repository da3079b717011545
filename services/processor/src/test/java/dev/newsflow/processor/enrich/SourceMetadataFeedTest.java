package dev.newsflow.processor.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.common.sources.SourcesConfig;
import dev.newsflow.common.sources.SourcesLoader;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class SourceMetadataFeedTest {
    static SourcesConfig sources(String yaml) {
        return SourcesLoader.parse("sources.yml", yaml).orThrow();
    }

    static final String TWO = """
            sources:
              - id: presstv
                name: Press TV
                country: IR
                language: en
                hosts: [www.presstv.ir]
                feeds: [https://www.presstv.ir/rss.xml]
                tags: [state-media]
              - id: demo
                name: Demo Daily
                hosts: [www.demo-daily.test]
                feeds: [http://www.demo-daily.test/rss.xml]
            """;

    @Test
    void shouldPublishEverySourceThenOnlyChangesAndTombstonesForRemovedOnes() {
        MockProducer<String, String> producer = new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
        AtomicReference<SourcesConfig> current = new AtomicReference<>(sources(TWO));
        SourceMetadataFeed feed = new SourceMetadataFeed(producer, "news.sources", current::get, Duration.ofSeconds(10));

        assertThat(feed.publishChanges()).isEqualTo(2);
        ProducerRecord<String, String> presstv = producer.history().stream().filter(r -> r.key().equals("presstv")).findFirst().orElseThrow();
        assertThat(SourceMetadata.fromJson(presstv.value())).isEqualTo(new SourceMetadata("presstv", "Press TV", "IR", "en",
                java.util.List.of("state-media")));

        assertThat(feed.publishChanges()).as("nothing changed").isZero();

        current.set(sources(TWO.replace("name: Press TV", "name: Press TV English").replaceAll("(?s)  - id: demo.*", "")));
        producer.clear();
        assertThat(feed.publishChanges()).isEqualTo(2);
        assertThat(producer.history()).anySatisfy(r -> {
            assertThat(r.key()).isEqualTo("presstv");
            assertThat(SourceMetadata.fromJson(r.value()).name()).isEqualTo("Press TV English");
        }).anySatisfy(r -> {
            assertThat(r.key()).isEqualTo("demo");
            assertThat(r.value()).as("tombstone").isNull();
        });
        feed.close();
    }

    @Test
    void shouldReadBackTolerantly() {
        assertThat(SourceMetadata.fromJson(null)).isNull();
        assertThat(SourceMetadata.fromJson("not json")).isNull();
        assertThat(SourceMetadata.fromJson("{\"id\":\"x\",\"name\":\"X\",\"future\":1}").name()).isEqualTo("X");
    }
}
