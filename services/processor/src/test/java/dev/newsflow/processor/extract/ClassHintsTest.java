package dev.newsflow.processor.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The word lists of {@link ClassHints} and {@link DateContext} must give the verdicts of the regular expressions they
 * replaced (kept here as the oracle), on any descriptor: random ones built from the lists' own words, separators and
 * other characters, and every class/id/role of the golden pages and the article-extraction benchmark pages.
 */
class ClassHintsTest {
    private static final Pattern STRONG_NEGATIVE = Pattern.compile("(?:^|[^a-z])(?:comment|share|sharing|social|related"
            + "|recommend|newsletter|subscri|signup|sign-up|promo|sponsor|advert|ads?(?:$|[^a-z])|adslot|adunit|ad-|cookie"
            + "|consent|popup|modal|sidebar|outbrain|taboola|disqus|more-?stories|read-?more|readmore|trending|most-?read"
            + "|see-?also|also-?read|sr-only|visually-?hidden|screen-?reader|breadcrumb|newsletter)");
    private static final Pattern WEAK_NEGATIVE = Pattern.compile("(?:^|[^a-z])(?:banner|overlay|widget|byline|author"
            + "|dateline|timestamp|caption|credit|footer|masthead|navbar|nav(?:$|[^a-z])|navigation|menu|toolbar|print"
            + "|follow|popular|login|rating|pagination|pager|skip|tags?(?:$|[^a-z])|tag-?list|keywords|topics"
            + "|meta(?:$|[^a-z])|toc(?:$|[^a-z])|jump|disclaimer|copyright|next|prev|paywall|app-?promo|download|donate"
            + "|feedback|survey|rss|icon|bio(?:$|[^a-z])|profile|contact|alert|notice|hidden-print|noprint)");
    private static final Pattern STRONG_POSITIVE = Pattern.compile("(?:article|entry|post|story|main|news)[-_]?"
            + "(?:body|content|text)|articlebody");
    private static final Pattern DISCUSSION = Pattern.compile("(?:^|[^a-z])(?:comment|disqus|respond|reply|replies)");
    /** {@link DateContext}'s furniture and article names, as they were written. */
    private static final Pattern DATE_FURNITURE = Pattern.compile("(?:^|[^a-z])(?:comment|reply|replies|respond|related"
            + "|recommend|sidebar|more-?stories|read-?more|see-?also|also-?read|popular|trending|most-?read"
            + "|pagination|pager|next|prev|outbrain|taboola|disqus)");
    private static final Pattern DATE_ARTICLE_NAMED = Pattern.compile("(?:article|entry|post|story|main|news)[-_]?"
            + "(?:body|content|text|header|meta|info|date)|articlebody");
    private static final Pattern POSITIVE = Pattern.compile("(?:^|[^a-z])(?:article|content|entry|post|story|body|text"
            + "|main|blog|prose|rich-?text|paragraph|news-?detail|detail)");

    /** Pieces descriptors are made of: the words, their prefixes and extensions, separators, other letters. */
    private static final String[] PIECES = {"comment", "share", "sharing", "ad", "ads", "adslot", "ad-", "more", "stories",
        "read", "most", "see", "also", "sr-only", "visually", "hidden", "screen", "reader", "nav", "navbar", "tag", "tags",
        "list", "meta", "toc", "bio", "app", "promo", "print", "article", "entry", "post", "story", "main", "news",
        "body", "content", "text", "rich", "detail", "disqus", "reply", "replies", "respond", "sign", "up", "subscri",
        "a", "d", "s", "t", "n", "-", "_", " ", "  ", "\n", "0", "9", "é", "Ä", "A", "Z", "{", "`", "ß", "\uD83D\uDE00",
        "\uD83D", "$", "^", "sidebar", "widget", "byline", "author", "menu", "next", "prev", "icon", "rss", "jump", "header", "info", "date",
        "respond", "popular", "pager", "taboola"};

    @Test
    void shouldGiveTheRegexVerdictsOnRandomDescriptors() {
        SplittableRandom random = new SplittableRandom(20261128);
        for (int run = 0; run < 300_000; run++) {
            StringBuilder sb = new StringBuilder();
            for (int pieces = random.nextInt(0, 6); pieces > 0; pieces--) {
                sb.append(PIECES[random.nextInt(PIECES.length)]);
            }
            assertSameVerdicts(sb.toString());
        }
    }

    @Test
    void shouldGiveTheRegexVerdictsOnEveryDescriptorOfTheGoldenAndBenchmarkPages() throws IOException {
        Set<String> descriptors = new LinkedHashSet<>();
        for (Path dir : new Path[] {Path.of("src/test/resources/golden"), BenchmarkFloorTest.benchmarks().resolve("article-extraction/dev")}) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".html")).toList()) {
                    for (Element e : Jsoup.parse(PageDecoder.decode(Files.readAllBytes(p), null).html()).getAllElements()) {
                        descriptors.add(ClassHints.rawDescriptor(e));
                        descriptors.add(ClassHints.descriptor(e));
                    }
                }
            }
        }
        assertThat(descriptors).hasSizeGreaterThan(10_000);
        descriptors.forEach(ClassHintsTest::assertSameVerdicts);
    }

    @Test
    void shouldTellWordStartsAndEndsApart() {
        assertThat(ClassHints.STRONG_NEGATIVE.foundIn("top-ad")).isTrue();
        assertThat(ClassHints.STRONG_NEGATIVE.foundIn("header")).isFalse(); // "ad" inside a word
        assertThat(ClassHints.STRONG_NEGATIVE.foundIn("adapt")).isFalse(); // "ad" not ending there
        assertThat(ClassHints.STRONG_NEGATIVE.foundIn("ad")).isTrue();
        assertThat(ClassHints.WEAK_NEGATIVE.foundIn("main-nav2")).isTrue();
        assertThat(ClassHints.WEAK_NEGATIVE.foundIn("canvas")).isFalse();
        assertThat(ClassHints.strongPositive("l-sidebar article_body")).isTrue();
        assertThat(ClassHints.strongPositive("postcontent")).isTrue();
        assertThat(ClassHints.strongPositive("post--content")).isFalse();
        assertThat(ClassHints.negativeStrength("l-sidebar article-body")).isZero();
        assertThat(ClassHints.negativeStrength("Related-Links")).isEqualTo(2);
        assertThat(ClassHints.negativeStrength("byline")).isEqualTo(1);
        assertThat(ClassHints.negativeStrength("byline entry")).isZero();
    }

    @Test
    void shouldRejectWordsItCannotIndex() {
        assertThatThrownBy(() -> new WordStarts("é")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new WordStarts("$")).isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertSameVerdicts(String d) {
        assertThat(ClassHints.STRONG_NEGATIVE.foundIn(d)).as("strong negative: '%s'", d).isEqualTo(STRONG_NEGATIVE.matcher(d).find());
        assertThat(ClassHints.WEAK_NEGATIVE.foundIn(d)).as("weak negative: '%s'", d).isEqualTo(WEAK_NEGATIVE.matcher(d).find());
        assertThat(ClassHints.strongPositive(d)).as("strong positive: '%s'", d).isEqualTo(STRONG_POSITIVE.matcher(d).find());
        assertThat(ClassHints.DISCUSSION.foundIn(d)).as("discussion: '%s'", d).isEqualTo(DISCUSSION.matcher(d).find());
        assertThat(ClassHints.positive(d)).as("positive: '%s'", d).isEqualTo(!d.isEmpty() && POSITIVE.matcher(d).find());
        assertThat(DateContext.FURNITURE.foundIn(d)).as("date furniture: '%s'", d).isEqualTo(DATE_FURNITURE.matcher(d).find());
        assertThat(DateContext.articleNamed(d)).as("article named: '%s'", d).isEqualTo(DATE_ARTICLE_NAMED.matcher(d).find());
    }
}
