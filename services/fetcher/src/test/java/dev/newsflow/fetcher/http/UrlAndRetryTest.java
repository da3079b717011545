package dev.newsflow.fetcher.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UrlAndRetryTest {
    private static final URI BASE = URI.create("https://News.example/world/index.html");

    @Test
    void shouldNormalizeAndResolveUrls() {
        assertThat(UrlNormalizer.normalize("../story/1?x=1#top", BASE, 2048)).contains(URI.create("https://news.example/story/1?x=1"));
        assertThat(UrlNormalizer.normalize("HTTP://Example.COM:80/a b/ü", null, 2048)).contains(URI.create("http://example.com/a%20b/%C3%BC"));
        assertThat(UrlNormalizer.normalize("https://example.com:443", null, 2048)).contains(URI.create("https://example.com/"));
    }

    @Test
    void shouldRejectNonHttpCredentialsAndOverlongUrls() {
        assertThat(UrlNormalizer.normalize("javascript:alert(1)", BASE, 2048)).isEmpty();
        assertThat(UrlNormalizer.normalize("file:///etc/passwd", BASE, 2048)).isEmpty();
        assertThat(UrlNormalizer.normalize("ftp://example.com/x", BASE, 2048)).isEmpty();
        assertThat(UrlNormalizer.normalize("http://user:pw@example.com/", BASE, 2048)).isEmpty();
        assertThat(UrlNormalizer.normalize("https://example.com/" + "a".repeat(3000), BASE, 2048)).isEmpty();
    }

    @Test
    void shouldParseRetryAfterSecondsAndDatesWithACap() {
        Instant now = Instant.parse("2026-11-25T10:00:00Z");
        assertThat(RetryAfter.parse("120", now, Duration.ofHours(1))).contains(Duration.ofMinutes(2));
        assertThat(RetryAfter.parse("Wed, 25 Nov 2026 10:00:30 GMT", now, Duration.ofHours(1))).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("999999", now, Duration.ofHours(1))).contains(Duration.ofHours(1));
        assertThat(RetryAfter.parse("Tue, 24 Nov 2026 10:00:00 GMT", now, Duration.ofHours(1))).contains(Duration.ZERO);
        assertThat(RetryAfter.parse("soon", now, Duration.ofHours(1))).isEmpty();
    }

    @Test
    void shouldRefuseRedirectsToOtherSchemes() {
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(FetchFailure.class,
                () -> HttpFetcher.resolveLocation(BASE, "file:///etc/passwd")).outcome()).isEqualTo(Outcome.BAD_REDIRECT);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> HttpFetcher.resolveLocation(BASE, "/next#frag"))).isNull();
    }
}
