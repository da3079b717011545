package dev.newsflow.processor.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.common.sources.SourcesConfig;
import dev.newsflow.common.sources.SourcesLoader;
import org.junit.jupiter.api.Test;

class StoryKeysTest {
    private static final SourcesConfig SOURCES = SourcesLoader.parse("sources.yml", """
            sources:
              - id: presstv
                hosts: [www.presstv.ir]
                mirrors: [www.presstv.co.uk, presstv.com, www.presstv.tv]
                feeds: [https://www.presstv.ir/rss.xml]
                story-id: '/Detail/\\d{4}/\\d{2}/\\d{2}/(\\d+)/'
              - id: example
                hosts: [www.example.com, news.example.com]
                mirrors: [example.net]
                feeds: [https://www.example.com/rss.xml]
            """).orThrow();
    private final StoryKeys keys = new StoryKeys(SOURCES);

    @Test
    void shouldFoldMirrorHostsToThePrimaryHost() {
        StoryKey primary = keys.keyFor("https://www.presstv.ir/Detail/2024/01/02/717777/Some-title", null);
        StoryKey mirror = keys.keyFor("https://presstv.com/Detail/2024/01/02/717777/Some-title", null);
        StoryKey other = keys.keyFor("http://www.presstv.tv/Detail/2024/01/02/717777/other-slug?utm_source=x#c", null);
        assertThat(primary.key()).isEqualTo("presstv.ir#id:717777");
        assertThat(mirror.key()).isEqualTo(primary.key());
        assertThat(other.key()).isEqualTo(primary.key());
        assertThat(primary.onPrimaryHost()).isTrue();
        assertThat(mirror.onPrimaryHost()).isFalse();
        assertThat(mirror.sourceId()).isEqualTo("presstv");
        assertThat(mirror.host()).isEqualTo("presstv.com");
    }

    @Test
    void shouldSeparateDifferentStoryIds() {
        assertThat(keys.keyFor("https://www.presstv.ir/Detail/2024/01/02/717777/x", null).key())
                .isNotEqualTo(keys.keyFor("https://www.presstv.ir/Detail/2024/01/02/717778/x", null).key());
    }

    @Test
    void shouldIgnoreSchemeWwwTrackingAndTrailingSlash() {
        String k = keys.keyFor("https://www.example.com/world/story-1/", null).key();
        assertThat(keys.keyFor("http://example.com/world/story-1?utm_source=facebook&utm_medium=referral", null).key()).isEqualTo(k);
        assertThat(keys.keyFor("https://m.example.com/world/story-1#comments", null).key()).isEqualTo(k);
        assertThat(keys.keyFor("https://example.net/world/story-1/amp/", null).key()).isEqualTo(k);
        assertThat(k).isEqualTo("example.com/world/story-1");
    }

    @Test
    void shouldMapEveryOwnHostToThePrimary() {
        assertThat(keys.keyFor("https://news.example.com/a", null).key()).isEqualTo("example.com/a");
        assertThat(keys.keyFor("https://news.example.com/a", null).onPrimaryHost()).isFalse();
    }

    @Test
    void shouldUseCanonicalHintInsideTheHostGroup() {
        StoryKey k = keys.keyFor("https://www.example.com/print?id=9", "https://example.net/world/story-9");
        assertThat(k.key()).isEqualTo("example.com/world/story-9");
        assertThat(k.normalizedUrl()).isEqualTo("https://www.example.com/print?id=9");
    }

    @Test
    void shouldIgnoreCanonicalHintOutsideTheHostGroupOrOnTheHomePage() {
        assertThat(keys.keyFor("https://www.example.com/a", "https://other.org/b").key()).isEqualTo("example.com/a");
        assertThat(keys.keyFor("https://www.example.com/a", "https://www.example.com/").key()).isEqualTo("example.com/a");
        assertThat(keys.keyFor("https://www.example.com/a", "mailto:editor@example.com").key()).isEqualTo("example.com/a");
    }

    @Test
    void shouldUseCanonicalHintOnTheSameHostForUnknownSources() {
        assertThat(keys.keyFor("https://blog.unknown.org/p?id=3", "/2019/11/post").key()).isEqualTo("blog.unknown.org/2019/11/post");
        assertThat(keys.keyFor("https://blog.unknown.org/p?id=3", "https://elsewhere.org/x").key()).isEqualTo("blog.unknown.org/p?id=3");
    }

    @Test
    void shouldKeepUnknownHostsApartAndOnTheirOwnPrimary() {
        StoryKey k = keys.keyFor("https://WWW.Unknown.org/a/", null);
        assertThat(k.key()).isEqualTo("unknown.org/a");
        assertThat(k.onPrimaryHost()).isTrue();
        assertThat(k.sourceId()).isNull();
    }

    @Test
    void shouldNeverThrowOnGarbage() {
        assertThat(keys.keyFor("::not a url::", null).key()).startsWith("raw:");
        assertThat(keys.keyFor(null, null).key()).isEqualTo("raw:");
    }
}
