package dev.newsflow.fetcher.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UrlStoreTest {

    @Test
    void shouldRememberUrlsAcrossReopenUntilTheyExpire(@TempDir Path dir) {
        Path file = dir.resolve("seen.log");
        Instant t0 = Instant.parse("2026-11-01T00:00:00Z");
        try (UrlStore s = new UrlStore(file, Duration.ofDays(30), Clock.fixed(t0, ZoneOffset.UTC))) {
            assertThat(s.add("https://a/1")).isTrue();
            assertThat(s.add("https://a/1")).isFalse();
            s.add("https://a/2");
            s.flush();
        }
        try (UrlStore s = new UrlStore(file, Duration.ofDays(30), Clock.fixed(t0.plus(Duration.ofDays(10)), ZoneOffset.UTC))) {
            assertThat(s.contains("https://a/1")).isTrue();
            assertThat(s.size()).isEqualTo(2);
        }
        try (UrlStore s = new UrlStore(file, Duration.ofDays(30), Clock.fixed(t0.plus(Duration.ofDays(31)), ZoneOffset.UTC))) {
            assertThat(s.contains("https://a/1")).isFalse();
            assertThat(s.size()).isZero();
        }
    }

    @Test
    void shouldSurviveATornLastLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("seen.log");
        long now = Instant.now().toEpochMilli();
        Files.writeString(file, now + "\thttps://a/1\n" + now + "\thttps://a/2\n17000", StandardCharsets.UTF_8);
        try (UrlStore s = new UrlStore(file, Duration.ofDays(1), Clock.systemUTC())) {
            assertThat(s.contains("https://a/1")).isTrue();
            assertThat(s.contains("https://a/2")).isTrue();
            assertThat(s.size()).isEqualTo(2);
        }
    }

    @Test
    void shouldPersistValidators(@TempDir Path dir) {
        ValidatorStore v = new ValidatorStore(dir.resolve("v.tsv"));
        v.put("https://a/feed", "\"e1\"", "Tue, 24 Nov 2026 10:00:00 GMT");
        ValidatorStore again = new ValidatorStore(dir.resolve("v.tsv"));
        assertThat(again.get("https://a/feed")).contains(new ValidatorStore.Validators("\"e1\"", "Tue, 24 Nov 2026 10:00:00 GMT"));
    }
}
