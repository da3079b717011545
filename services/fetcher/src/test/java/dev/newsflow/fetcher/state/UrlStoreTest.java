package dev.newsflow.fetcher.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
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

    /** Before 2026-11-27 a running fetcher forgot expired URLs only when it restarted: memory and log grew forever. */
    @Test
    void shouldStayBoundedByTheExpiryWhileRunning(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("seen.log");
        MutableClock clock = new MutableClock(Instant.parse("2026-11-01T00:00:00Z").toEpochMilli());
        try (UrlStore s = new UrlStore(file, Duration.ofDays(1), clock)) {
            for (int hour = 0; hour < 96; hour++) { // four days, 100 new URLs an hour
                for (int i = 0; i < 100; i++) {
                    assertThat(s.add("https://a/" + hour + "/" + i)).isTrue();
                }
                s.flush();
                clock.advance(Duration.ofHours(1));
            }
            // a day of URLs, plus at most the 1/32 of a day a sweep may lag behind
            assertThat(s.size()).isBetween(2_400, 2_400 + 100 * 2);
            assertThat(s.contains("https://a/0/0")).isFalse();
            assertThat(s.contains("https://a/95/99")).isTrue();
            assertThat(Files.readAllLines(file)).hasSizeLessThanOrEqualTo(2 * s.size() + 100);
        }
    }

    @Test
    void shouldDropRemovedUrlsFromTheLogWhenCompacting(@TempDir Path dir) {
        Path file = dir.resolve("seen.log");
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            urls.add("https://a/" + i);
        }
        try (UrlStore s = new UrlStore(file, Duration.ofDays(30), Clock.systemUTC())) {
            s.addAll(urls);
            s.flush();
            urls.subList(0, 2_000).forEach(s::remove);
            s.flush(); // 3,000 lines for 1,000 URLs: compacted
        }
        try (UrlStore s = new UrlStore(file, Duration.ofDays(30), Clock.systemUTC())) {
            assertThat(s.size()).isEqualTo(1_000);
            assertThat(s.contains("https://a/1999")).isFalse();
            assertThat(s.contains("https://a/2000")).isTrue();
        }
    }

    /** Random adds, lookups, clock steps and reopenings against a map of URL → time with the same expiry rule. */
    @Test
    void shouldAgreeWithAModelUnderRandomOperations(@TempDir Path dir) {
        Duration expiry = Duration.ofHours(10);
        for (long seed = 1; seed <= 10; seed++) {
            Path file = dir.resolve("seen-" + seed + ".log");
            Random random = new Random(seed);
            MutableClock clock = new MutableClock(Instant.parse("2026-11-01T00:00:00Z").toEpochMilli());
            Map<String, Long> model = new HashMap<>();
            UrlStore store = new UrlStore(file, expiry, clock);
            try {
                for (int op = 0; op < 5_000; op++) {
                    String url = "https://a/" + random.nextInt(800);
                    long cutoff = clock.millis() - expiry.toMillis();
                    boolean live = model.containsKey(url) && model.get(url) >= cutoff;
                    int r = random.nextInt(100);
                    if (r < 45) {
                        assertThat(store.add(url)).as("seed %d op %d add %s", seed, op, url).isEqualTo(!live);
                        if (!live) {
                            model.put(url, clock.millis());
                        }
                    } else if (r < 90) {
                        assertThat(store.contains(url)).as("seed %d op %d contains %s", seed, op, url).isEqualTo(live);
                    } else if (r < 97) {
                        clock.advance(Duration.ofSeconds(random.nextInt(3_600))); // whole seconds, as the store keeps them
                    } else if (r < 99) {
                        store.flush();
                    } else {
                        store.close(); // everything added was flushed by close: a reopen sees it all
                        store = new UrlStore(file, expiry, clock);
                    }
                }
            } finally {
                store.close();
            }
        }
    }

    private static final class MutableClock extends Clock {
        private final AtomicLong millis;

        MutableClock(long millis) {
            this.millis = new AtomicLong(millis);
        }

        void advance(Duration d) {
            millis.addAndGet(d.toMillis());
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    @Test
    void shouldForgetValidatorsOfDocumentsNoLongerPolled(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("v.tsv");
        // a file from before the last-used column: its entries count as used now
        Files.writeString(file, "https://a/old\t\"e0\"\t\n", StandardCharsets.UTF_8);
        MutableClock clock = new MutableClock(Instant.parse("2026-11-01T00:00:00Z").toEpochMilli());
        ValidatorStore v = new ValidatorStore(file, Duration.ofDays(30), clock);
        assertThat(v.get("https://a/old")).contains(new ValidatorStore.Validators("\"e0\"", null));
        v.put("https://a/feed", "\"e1\"", null);
        v.put("https://a/sitemap-2026-10.xml", "\"e2\"", null);
        for (int day = 0; day < 40; day++) { // the feed is polled daily and answers 304; the dated sitemap left its index
            clock.advance(Duration.ofDays(1));
            assertThat(v.get("https://a/feed")).isPresent();
        }
        v.put("https://a/other", "\"e3\"", null); // any save drops what expired
        assertThat(v.size()).isEqualTo(2);
        assertThat(v.get("https://a/sitemap-2026-10.xml")).isEmpty();
        assertThat(v.get("https://a/old")).isEmpty();
        ValidatorStore again = new ValidatorStore(file, Duration.ofDays(30), clock);
        assertThat(again.get("https://a/feed")).contains(new ValidatorStore.Validators("\"e1\"", null));
        assertThat(again.size()).isEqualTo(2);
        // the feed's last use reached the file with it: 29 days on, the reopened store still has it
        clock.advance(Duration.ofDays(29));
        assertThat(new ValidatorStore(file, Duration.ofDays(30), clock).get("https://a/feed")).isPresent();
    }

    @Test
    void shouldPersistValidators(@TempDir Path dir) {
        ValidatorStore v = new ValidatorStore(dir.resolve("v.tsv"));
        v.put("https://a/feed", "\"e1\"", "Tue, 24 Nov 2026 10:00:00 GMT");
        ValidatorStore again = new ValidatorStore(dir.resolve("v.tsv"));
        assertThat(again.get("https://a/feed")).contains(new ValidatorStore.Validators("\"e1\"", "Tue, 24 Nov 2026 10:00:00 GMT"));
    }
}
