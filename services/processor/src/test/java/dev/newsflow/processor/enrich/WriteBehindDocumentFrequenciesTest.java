package dev.newsflow.processor.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WriteBehindDocumentFrequenciesTest {
    private KeyValueStore<String, Long> store;

    @BeforeEach
    void store() {
        store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore("df"), Serdes.String(), Serdes.Long()).withLoggingDisabled().build();
        MockProcessorContext<Object, Object> ctx = new MockProcessorContext<>(new Properties());
        store.init(ctx.getStateStoreContext(), store);
    }

    @Test
    void countsAreVisibleAtOnceAndReachTheStoreOnlyOnFlush() {
        WriteBehindDocumentFrequencies df = new WriteBehindDocumentFrequencies(store, 1000);
        df.add("en", List.of("gaza", "ceasefire"));
        df.add("en", List.of("gaza"));
        assertThat(df.documents("en")).isEqualTo(2);
        assertThat(df.frequency("en", "gaza")).isEqualTo(2);
        assertThat(df.frequency("en", "ceasefire")).isEqualTo(1);
        assertThat(store.get(StoreDocumentFrequencies.termKey("en", "gaza"))).isNull();
        assertThat(df.pending()).isEqualTo(3);

        df.flush();
        assertThat(df.pending()).isZero();
        assertThat(new StoreDocumentFrequencies(store).frequency("en", "gaza")).isEqualTo(2);
        assertThat(new StoreDocumentFrequencies(store).documents("en")).isEqualTo(2);
    }

    @Test
    void startsFromTheStoredCountsAndAddsToThem() {
        new StoreDocumentFrequencies(store).add("fr", List.of("paris"));
        WriteBehindDocumentFrequencies df = new WriteBehindDocumentFrequencies(store, 1000);
        df.add("fr", List.of("paris", "lyon"));
        df.flush();
        assertThat(store.get(StoreDocumentFrequencies.termKey("fr", "paris"))).isEqualTo(2);
        assertThat(store.get(StoreDocumentFrequencies.termKey("fr", "lyon"))).isEqualTo(1);
        assertThat(store.get(StoreDocumentFrequencies.docsKey("fr"))).isEqualTo(2);
    }

    @Test
    void dropsItsCacheAfterAFlushWhenOverTheBoundWithoutLosingCounts() {
        WriteBehindDocumentFrequencies df = new WriteBehindDocumentFrequencies(store, 2);
        df.add("de", List.of("berlin", "hamburg", "bonn"));
        df.flush();
        df.add("de", List.of("berlin"));
        assertThat(df.frequency("de", "berlin")).isEqualTo(2);
        df.flush();
        assertThat(store.get(StoreDocumentFrequencies.termKey("de", "berlin"))).isEqualTo(2);
        assertThat(store.get(StoreDocumentFrequencies.docsKey("de"))).isEqualTo(2);
    }
}
