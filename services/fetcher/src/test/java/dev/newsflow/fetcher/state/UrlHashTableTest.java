package dev.newsflow.fetcher.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link UrlHashTable} against a {@code HashMap} under random operations, with keys made to collide. */
class UrlHashTableTest {

    @Test
    void shouldAgreeWithAHashMapUnderRandomPutsRemovesAndSweeps() {
        for (long seed = 1; seed <= 20; seed++) {
            Random random = new Random(seed);
            UrlHashTable table = new UrlHashTable();
            Map<Long, Integer> model = new HashMap<>();
            for (int op = 0; op < 20_000; op++) {
                // few distinct low bits: long probe runs that wrap around the table's end, the case deletion must get right
                long key = ((long) random.nextInt(5_000) << 12) | (random.nextBoolean() ? 1023 : 1) | (random.nextInt(4) << 10);
                int r = random.nextInt(100);
                if (r < 55) {
                    int time = random.nextInt(1_000);
                    table.put(key, time);
                    model.put(key, time);
                } else if (r < 95) {
                    table.remove(key);
                    model.remove(key);
                } else if (r < 96) {
                    int cutoff = random.nextInt(1_000);
                    table.removeIf(t -> t < cutoff);
                    model.values().removeIf(t -> t < cutoff);
                }
                assertThat(table.get(key)).isEqualTo(model.getOrDefault(key, Integer.MIN_VALUE));
                assertThat(table.size()).isEqualTo(model.size());
            }
            for (Map.Entry<Long, Integer> e : model.entrySet()) {
                assertThat(table.get(e.getKey())).as("seed %d key %d", seed, e.getKey()).isEqualTo(e.getValue());
            }
        }
    }

    @Test
    void shouldGrowAndShrink() {
        UrlHashTable table = new UrlHashTable();
        for (long k = 1; k <= 100_000; k++) {
            table.put(k * 0x9E3779B97F4A7C15L, (int) (k % 10));
        }
        assertThat(table.size()).isEqualTo(100_000);
        table.removeIf(t -> t != 3);
        assertThat(table.size()).isEqualTo(10_000);
        assertThat(table.get(3 * 0x9E3779B97F4A7C15L)).isEqualTo(3);
        assertThat(table.get(4 * 0x9E3779B97F4A7C15L)).isEqualTo(Integer.MIN_VALUE);
    }
}
