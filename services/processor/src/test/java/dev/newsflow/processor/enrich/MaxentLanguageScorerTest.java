package dev.newsflow.processor.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@link MaxentLanguageScorer} against OpenNLP's own evaluation ({@link LanguageDetectorME#predictLanguages}) on
 * real text in many languages, on the raw pages of the article-extraction benchmark, and on random text full of what the
 * normalizers rewrite (URLs, e-mail addresses, digits, emoji, repeated letters, surrogate pairs).
 */
class MaxentLanguageScorerTest {
    private static MaxentLanguageScorer scorer;
    private static LanguageDetectorME reference;

    @BeforeAll
    static void load() {
        scorer = OpenNlpLanguageDetector.scorer();
        reference = new LanguageDetectorME(OpenNlpLanguageDetector.loadModel());
    }

    @Test
    void shouldGiveOpenNlpsProbabilitiesOnBundledSamplesInManyLanguages() throws IOException {
        List<String> texts = bundledSamples();
        assertThat(texts).hasSizeGreaterThan(50);
        texts.forEach(MaxentLanguageScorerTest::assertSameAsOpenNlp);
    }

    @Test
    void shouldGiveOpenNlpsProbabilitiesOnRealPages() throws IOException {
        Path dev = benchmarks().resolve("article-extraction/dev");
        List<Path> pages;
        try (Stream<Path> s = Files.list(dev)) {
            pages = s.filter(p -> p.toString().endsWith(".html")).sorted().toList();
        }
        assertThat(pages).hasSizeGreaterThan(100);
        for (Path page : pages) {
            String text = new String(Files.readAllBytes(page), StandardCharsets.UTF_8).replaceAll("<[^>]*>", " ");
            int middle = text.length() / 2;
            for (int at : new int[] {0, middle}) {
                for (int length : new int[] {30, 300, 2000}) {
                    assertSameAsOpenNlp(text.substring(at, Math.min(text.length(), at + length)));
                }
            }
        }
    }

    @Test
    void shouldGiveOpenNlpsProbabilitiesOnRandomTextWithWhatTheNormalizersRewrite() {
        String[] pieces = {"the ", "und ", "les ", "на ", "的", "في ", "http://x.example/a?b=1 ", "mail@host.example ", "#tag ", "@user ",
            "rt: ", ":-) ", "xD ", "hahaha ", "jajaja ", "2026 ", "12.5 ", "\uD83D\uDE00", "\uD83C\uDDE9\uDDEA", "aaaaa ", "!!! ", "   ",
            "\t\n", "İ", "ẞ", "ΣΑΣ ", "\uD801\uDC00", "\uD835\uDC00", "\uD800", "\uDC00", "ǅ", "Ⅻ "};
        Random random = new Random(27);
        for (int i = 0; i < 3000; i++) {
            StringBuilder b = new StringBuilder();
            int n = random.nextInt(40);
            for (int j = 0; j < n; j++) {
                if (random.nextInt(4) == 0) {
                    b.append((char) random.nextInt(0x3000));
                } else {
                    b.append(pieces[random.nextInt(pieces.length)]);
                }
            }
            assertSameAsOpenNlp(b.toString());
        }
    }

    @Test
    void shouldLowerCaseEveryCodePointIntoAsManyUtf16UnitsAsItHad() {
        // OpenNLP lower-cases into a buffer of the input's length: a code point whose lower case needs more UTF-16 units
        // would overflow it, fewer would leave '\0's; neither exists in this JDK's tables
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            assertThat(Character.charCount(Character.toLowerCase(cp))).as("U+%04X", cp).isEqualTo(Character.charCount(cp));
        }
    }

    @Test
    void shouldRankLikeAStableSortOfAllOutcomes() {
        Random random = new Random(8);
        for (int round = 0; round < 2000; round++) {
            double[] p = new double[1 + random.nextInt(30)];
            for (int i = 0; i < p.length; i++) {
                p[i] = random.nextInt(6) / 5.0; // many ties
            }
            int[] top = new int[1 + random.nextInt(12)];
            int n = OpenNlpLanguageDetector.rank(p, top);
            int[] expected = IntStream.range(0, p.length).boxed().sorted(Comparator.comparingDouble((Integer i) -> p[i]).reversed())
                    .limit(top.length).mapToInt(Integer::intValue).toArray();
            assertThat(Arrays.copyOf(top, n)).as(Arrays.toString(p)).containsExactly(expected);
        }
    }

    private static void assertSameAsOpenNlp(String text) {
        Language[] expected = reference.predictLanguages(text);
        double[] got = scorer.score(text, scorer.scratch());
        assertThat(got).hasSize(expected.length);
        for (Language l : expected) {
            int index = indexOf(l.getLang());
            assertThat(got[index]).as("%s in %s", l.getLang(), text).isCloseTo(l.getConfidence(),
                    org.assertj.core.data.Offset.offset(1e-12 + 1e-9 * l.getConfidence()));
        }
        int[] top = new int[1];
        OpenNlpLanguageDetector.rank(got, top);
        if (expected.length > 1 && expected[0].getConfidence() - expected[1].getConfidence() > 1e-9) {
            assertThat(scorer.outcome(top[0])).as(text).isEqualTo(expected[0].getLang());
        }
    }

    private static int indexOf(String outcome) {
        for (int i = 0; i < scorer.outcomeCount(); i++) {
            if (scorer.outcome(i).equals(outcome)) {
                return i;
            }
        }
        throw new AssertionError("no outcome " + outcome);
    }

    private static List<String> bundledSamples() throws IOException {
        try (InputStream in = MaxentLanguageScorerTest.class.getResourceAsStream("/enrich/lang-samples.tsv")) {
            assertThat(in).isNotNull();
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String text = line.split("\t", 2)[1];
                    out.add(text);
                    out.add(text.substring(0, Math.min(20, text.length())));
                }
            }
            return out;
        }
    }

    private static Path benchmarks() {
        return dev.newsflow.processor.extract.BenchmarkFloorTest.benchmarks();
    }
}
