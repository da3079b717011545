package dev.newsflow.processor.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded random property tests: normalization is idempotent and ignores every documented variation. */
class UrlNormalizerPropertyTest {
    private static final int RUNS = 2_000;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789-_.~";

    @Test
    void shouldBeIdempotent() {
        Random rnd = new Random(42);
        for (int i = 0; i < RUNS; i++) {
            String url = randomUrl(rnd, true);
            NormalizedUrl once = UrlNormalizer.normalize(url).orElseThrow(() -> new AssertionError(url));
            NormalizedUrl twice = UrlNormalizer.normalize(once.toUrl()).orElseThrow();
            assertThat(twice).as(url).isEqualTo(once);
        }
    }

    @Test
    void shouldIgnoreTrackingFragmentCaseAndParameterOrder() {
        Random rnd = new Random(7);
        StoryKeys keys = new StoryKeys(dev.newsflow.common.sources.SourcesConfig.empty());
        for (int i = 0; i < RUNS; i++) {
            String host = word(rnd, 3, 10) + ".example";
            String path = randomPath(rnd);
            List<String> params = new ArrayList<>();
            for (int p = rnd.nextInt(3); p > 0; p--) {
                params.add("p" + p + "=" + word(rnd, 1, 5));
            }
            String base = "https://" + host + path + (params.isEmpty() ? "" : "?" + String.join("&", params));
            List<String> variant = new ArrayList<>(params);
            variant.add("utm_source=" + word(rnd, 1, 8));
            if (rnd.nextBoolean()) {
                variant.add("fbclid=" + word(rnd, 5, 20));
            }
            Collections.shuffle(variant, rnd);
            String variantUrl = (rnd.nextBoolean() ? "http" : "HTTPS") + "://" + (rnd.nextBoolean() ? "WWW." : "m.")
                    + host.toUpperCase(java.util.Locale.ROOT) + (rnd.nextBoolean() ? ":443" : "") + path
                    + (rnd.nextBoolean() ? "/" : "") + "?" + String.join("&", variant) + (rnd.nextBoolean() ? "#comments" : "");
            assertThat(keys.keyFor(variantUrl, null).key()).as(variantUrl).isEqualTo(keys.keyFor(base, null).key());
        }
    }

    @Test
    void shouldSeparateDifferentPaths() {
        Random rnd = new Random(11);
        StoryKeys keys = new StoryKeys(dev.newsflow.common.sources.SourcesConfig.empty());
        for (int i = 0; i < RUNS; i++) {
            String a = "https://news.example" + randomPath(rnd);
            String b = a + "-" + word(rnd, 1, 4);
            assertThat(keys.keyFor(a, null).key()).isNotEqualTo(keys.keyFor(b, null).key());
        }
    }

    private static String randomUrl(Random rnd, boolean messy) {
        StringBuilder sb = new StringBuilder(rnd.nextBoolean() ? "http://" : "HTTPS://");
        sb.append(rnd.nextBoolean() ? "www." : "").append(word(rnd, 2, 8)).append(".Example.COM");
        if (rnd.nextInt(4) == 0) {
            sb.append(':').append(rnd.nextBoolean() ? 80 : 8000 + rnd.nextInt(100));
        }
        sb.append(randomPath(rnd));
        if (messy && rnd.nextBoolean()) {
            sb.append("/./x/../%7e").append(word(rnd, 1, 3)).append("%2f");
        }
        if (rnd.nextBoolean()) {
            sb.append("?b=").append(word(rnd, 1, 3)).append("&a=%41&utm_medium=x&c");
        }
        if (rnd.nextBoolean()) {
            sb.append('#').append(word(rnd, 1, 5));
        }
        return sb.toString();
    }

    private static String randomPath(Random rnd) {
        StringBuilder sb = new StringBuilder();
        for (int s = 1 + rnd.nextInt(4); s > 0; s--) {
            sb.append('/').append(word(rnd, 1, 12));
        }
        return sb.toString().replace("/amp", "/ampx");
    }

    private static String word(Random rnd, int min, int max) {
        StringBuilder sb = new StringBuilder();
        int n = min + rnd.nextInt(max - min + 1);
        for (int i = 0; i < n; i++) {
            sb.append(ALPHABET.charAt(rnd.nextInt(26 + 10)));
        }
        return sb.toString();
    }
}
