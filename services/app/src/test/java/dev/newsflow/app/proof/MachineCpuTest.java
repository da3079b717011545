package dev.newsflow.app.proof;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MachineCpuTest {
    @Test
    void shouldCountEverythingButIdleIowaitAndStealAsBusy() {
        // user nice system idle iowait irq softirq steal guest guest_nice
        assertThat(MachineCpu.busyTicks("cpu  100 5 50 1000 30 2 3 4 7 0")).isEqualTo(100 + 5 + 50 + 2 + 3);
        assertThatThrownBy(() -> MachineCpu.busyTicks("cpu0 1 2 3 4 5 6 7 8")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldReadUserAndSystemTimeAfterANameWithSpacesAndParentheses() {
        String line = "4242 (postgres: a (b) c) S 1 4242 4242 0 -1 4194560 100 0 0 0 17 23 0 0 20 0 1 0 123 456 789";
        assertThat(MachineCpu.processTicks(line)).isEqualTo(40);
    }

    @Test
    void shouldSplitTheMachineCpuPerArticle() {
        Optional<MachineCpu> start = Optional.of(new MachineCpu(10_000, 1_000));
        Optional<MachineCpu> end = Optional.of(new MachineCpu(32_000, 5_800));
        assertThat(MachineCpu.perArticle(start, end, 14_000_000_000L, 2000))
                .isEqualTo("machine 11.00 CPU-ms per article (this JVM 7.00, postgres 2.40, rest: kernel, other processes 1.60)");
        assertThat(MachineCpu.perArticle(Optional.empty(), end, 1, 1)).contains("not measurable");
    }

    @Test
    void shouldAverageTheBusyCoresOverTheWallClock() {
        Optional<MachineCpu> a = Optional.of(new MachineCpu(10_000, 0));
        Optional<MachineCpu> b = Optional.of(new MachineCpu(22_000, 0));
        assertThat(MachineCpu.coresBusy(a, b, 10_000_000_000L)).isEqualTo(1.2);
        assertThat(MachineCpu.coresBusy(Optional.empty(), b, 1)).isNaN();
    }
}
