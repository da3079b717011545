package dev.newsflow.fetcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PageFetchTest {

    @Test
    void shouldNoteMetaRobotsAndNoindex() {
        byte[] page = "<html><head><META NAME=\"Robots\" CONTENT=\"NoIndex, follow\"></head></html>".getBytes(StandardCharsets.UTF_8);
        assertThat(PageFetch.metaRobots(page)).isEqualTo("noindex, follow");
        assertThat(PageFetch.isNoindex("noindex, follow")).isTrue();
        assertThat(PageFetch.isNoindex("googlebot: none")).isTrue();
        assertThat(PageFetch.isNoindex("max-snippet:50")).isFalse();
        assertThat(PageFetch.metaRobots("<html><head></head></html>".getBytes(StandardCharsets.UTF_8))).isNull();
    }

    @Test
    void shouldRoundTripFetchRequestsAndRefuseInvalidOnes() {
        FetchRequest r = new FetchRequest(URI.create("https://news.example/a?b=1"), "src", "https://news.example/rss", "Tïtle \"q\"",
                Instant.parse("2026-11-24T10:00:00Z"));
        assertThat(FetchRequest.fromJson(r.toJson())).contains(r);
        assertThat(r.host()).isEqualTo("news.example");
        assertThat(FetchRequest.fromJson("{\"url\":\"not a url\",\"source\":\"x\"}")).isEmpty();
        assertThat(FetchRequest.fromJson("{\"source\":\"x\"}")).isEmpty();
        assertThat(FetchRequest.fromJson("garbage")).isEmpty();
    }

    @Test
    void shouldKeyHostsWithTheirPort() {
        assertThat(Work.hostKey(URI.create("https://News.example/a"))).isEqualTo("news.example:443");
        assertThat(Work.hostKey(URI.create("http://news.example:8080/a"))).isEqualTo("news.example:8080");
    }
}
