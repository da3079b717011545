package dev.newsflow.app.proof;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResidentMemoryTest {
    @Test
    void shouldReadTheResidentSetAndItsPartsFromOneStatusText() {
        List<String> status = List.of("Name:\tjava", "VmRSS:\t  1003520 kB", "RssAnon:\t   986112 kB", "RssFile:\t    39936 kB",
                "RssShmem:\t        0 kB", "Threads:\t123");
        assertThat(ResidentMemory.parse(status)).isEqualTo(new ResidentMemory(1_003_520, 986_112, 39_936));
    }

    @Test
    void shouldSayMinusOneForAFieldTheKernelDoesNotReport() {
        assertThat(ResidentMemory.parse(List.of("VmRSS:\t 2048 kB"))).isEqualTo(new ResidentMemory(2048, -1, -1));
        assertThat(ResidentMemory.parse(List.of())).isEqualTo(ResidentMemory.UNKNOWN);
    }

    @Test
    void shouldReadThisProcessOnLinux() {
        ResidentMemory now = ResidentMemory.read();
        if (now.totalKb() >= 0) { // /proc exists: the parts add up to no more than the whole
            assertThat(now.anonKb() + now.fileKb()).isBetween(1L, now.totalKb());
        }
    }
}
