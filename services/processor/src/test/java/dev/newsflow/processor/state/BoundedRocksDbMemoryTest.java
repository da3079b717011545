package dev.newsflow.processor.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.newsflow.common.runtime.NewsflowConfig;
import dev.newsflow.processor.ProcessorConfig;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;

class BoundedRocksDbMemoryTest {

    static {
        RocksDB.loadLibrary();
    }

    @Test
    void shouldGiveEveryStoreTheSameCacheAndWriteBufferManager() {
        BoundedRocksDbMemory setter = new BoundedRocksDbMemory();
        int cachesBefore = BoundedRocksDbMemory.sharedCaches();
        try (Options a = new Options().setTableFormatConfig(new BlockBasedTableConfig());
             Options b = new Options().setTableFormatConfig(new BlockBasedTableConfig())) {
            // a size no other test uses: both stores must get the one cache created for it
            setter.setConfig("store-a", a, Map.of(BoundedRocksDbMemory.MEMORY_CONFIG, 67L * 1024 * 1024));
            setter.setConfig("store-b", b, Map.of(BoundedRocksDbMemory.MEMORY_CONFIG, "70254592"));
            assertThat(BoundedRocksDbMemory.sharedCaches()).isEqualTo(cachesBefore + 1);
            BlockBasedTableConfig ta = (BlockBasedTableConfig) a.tableFormatConfig();
            assertThat(ta.cacheIndexAndFilterBlocks()).isTrue();
            assertThat(ta.cacheIndexAndFilterBlocksWithHighPriority()).isTrue();
            assertThat(ta.pinTopLevelIndexAndFilter()).isTrue();
            setter.close("store-a", a);
            setter.close("store-b", b);
        }
    }

    @Test
    void shouldRefuseAMissingOrTinySize() {
        assertThatThrownBy(() -> BoundedRocksDbMemory.bytes(null)).hasMessageContaining("processor.rocksdb-memory");
        assertThatThrownBy(() -> BoundedRocksDbMemory.bytes(1000L)).hasMessageContaining("at least 1 MiB");
        assertThat(BoundedRocksDbMemory.bytes("268435456")).isEqualTo(256L * 1024 * 1024);
    }

    @Test
    void processorConfigShouldAcceptZeroOrSixteenMiBAndMore() {
        NewsflowConfig ok = NewsflowConfig.parse("processor:\n  rocksdb-memory: 256MiB\n", Map.of());
        assertThat(ProcessorConfig.from(ok.section("processor"), Path.of("data")).rocksDbMemory()).isEqualTo(256L * 1024 * 1024);
        NewsflowConfig off = NewsflowConfig.parse("processor: {}\n", Map.of());
        assertThat(ProcessorConfig.from(off.section("processor"), Path.of("data")).rocksDbMemory()).isZero();
        NewsflowConfig tiny = NewsflowConfig.parse("processor:\n  rocksdb-memory: 1MiB\n", Map.of());
        ProcessorConfig.from(tiny.section("processor"), Path.of("data"));
        assertThat(tiny.report().problems()).anySatisfy(p -> assertThat(p.toString()).contains("rocksdb-memory").contains("16MiB"));
    }
}
