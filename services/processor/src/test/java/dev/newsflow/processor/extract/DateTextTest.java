package dev.newsflow.processor.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * {@link DateText#findDirect} skips the formats that need a "19xx"/"20xx" year when the text has none: it must give
 * what running every format gives ({@link DateText#findAnyFormat}) on any text.
 */
class DateTextTest {
    private static final LocalDate LATEST = LocalDate.of(2026, 11, 29);
    /** Date-like tokens and the separators between them, so that many random texts hold a date and many do not. */
    private static final String[] TOKENS = {"1", "5", "9", "12", "19", "20", "26", "31", "2019", "2026", "1999", "2031",
        "0512", "20261105", "T10:30", "Z", "+01:00", "January", "jan", "Mai", "MÄRZ", "août", "Şubat", "dec", "November",
        "Nov.", "de", "1st", "3rd", "x", "é", "Ab"};
    private static final String[] SEPARATORS = {"", " ", "  ", ".", "/", "-", ", ", ",", "年", "月", "日", "년 ", "\n",
        "\u00a0", " of "};

    @Test
    void shouldFindWhatEveryFormatFindsOnRandomTexts() {
        SplittableRandom random = new SplittableRandom(20261128);
        int found = 0;
        int foundWithoutCentury = 0;
        for (int run = 0; run < 100_000; run++) {
            StringBuilder sb = new StringBuilder();
            for (int tokens = random.nextInt(0, 7); tokens > 0; tokens--) {
                if (random.nextInt(4) == 0) {
                    sb.append(template(random));
                }
                sb.append(TOKENS[random.nextInt(TOKENS.length)]).append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
            }
            if (assertSame(sb.toString(), random.nextBoolean())) {
                found++;
                foundWithoutCentury += DateText.hasCentury(sb.toString()) ? 0 : 1;
            }
        }
        assertThat(found).as("texts with a date: the test is not vacuous").isGreaterThan(5_000);
        assertThat(foundWithoutCentury).isGreaterThan(100);
    }

    @Test
    void shouldFindWhatEveryFormatFindsInTheTextsOfTheBenchmarkPages() throws IOException {
        List<String> texts = new ArrayList<>();
        Path dir = BenchmarkFloorTest.benchmarks().resolve("publication-date/dev");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".html")).sorted().limit(150).toList()) {
                for (Element e : Jsoup.parse(PageDecoder.decode(Files.readAllBytes(p), null).html()).getAllElements()) {
                    String own = e.ownText();
                    if (!own.isBlank() && own.length() <= 200) {
                        texts.add(own);
                    }
                }
            }
        }
        assertThat(texts).hasSizeGreaterThan(10_000);
        for (String t : texts) {
            assertSame(t, true);
            assertSame(t, false);
        }
    }

    @Test
    void shouldStillFindNumericDatesWithTwoDigitYears() {
        assertThat(DateText.findDirect("on 05.11.26 at noon", LATEST, true).day()).isEqualTo(LocalDate.of(2026, 11, 5));
        assertThat(DateText.hasCentury("on 05.11.26")).isFalse();
        assertThat(DateText.hasCentury("12019年")).isTrue();
        assertThat(DateText.findDirect("no date here", LATEST, true)).isNull();
    }

    /** A date in one of the supported shapes, its numbers sometimes out of range or its year two digits long. */
    private static String template(SplittableRandom random) {
        String day = String.valueOf(random.nextInt(0, 35));
        String month = String.valueOf(random.nextInt(0, 14));
        String year = random.nextInt(4) == 0 ? String.valueOf(random.nextInt(10, 99)) : String.valueOf(random.nextInt(1990, 2032));
        String word = TOKENS[random.nextInt(17, 26)];
        String sep = new String[] {".", "/", "-"}[random.nextInt(3)];
        return switch (random.nextInt(6)) {
            case 0 -> day + sep + month + sep + year;
            case 1 -> year + "-" + month + "-" + day + (random.nextBoolean() ? "T10:30:00Z" : "");
            case 2 -> word + " " + day + ", " + year;
            case 3 -> day + ". " + word + " " + year;
            case 4 -> year + "年" + month + "月" + day + "日";
            default -> year + "/" + month + "/" + day;
        };
    }

    /** The two month-name expressions as they were written with a flat alternation of the words. */
    private static final String FLAT = String.join("|", DateText.monthWords().stream().map(Pattern::quote).toList());
    private static final Pattern FLAT_DAY_MONTH_YEAR = Pattern.compile("(?iu)(?<![\\d\\p{L}])(\\d{1,2})(?:\\.|st|nd|rd|th|er|º)?"
            + "(?:\\s+de)?\\s*(" + FLAT + ")\\.?,?(?:\\s+de)?\\s+((?:19|20)\\d{2})(?!\\d)");
    private static final Pattern FLAT_MONTH_DAY_YEAR = Pattern.compile("(?iu)(?<![\\p{L}])(" + FLAT + ")\\.?\\s+(\\d{1,2})"
            + "(?:st|nd|rd|th)?,?\\s+((?:19|20)\\d{2})(?!\\d)");

    @Test
    void shouldMatchTheMonthNamesAsTheFlatAlternationDid() throws IOException {
        SplittableRandom random = new SplittableRandom(20261129);
        int matched = 0;
        for (int run = 0; run < 50_000; run++) {
            StringBuilder sb = new StringBuilder();
            for (int tokens = random.nextInt(0, 7); tokens > 0; tokens--) {
                sb.append(random.nextInt(3) == 0 ? template(random) : TOKENS[random.nextInt(TOKENS.length)]);
                sb.append(SEPARATORS[random.nextInt(SEPARATORS.length)]);
            }
            matched += sameMatches(sb.toString());
        }
        for (String word : DateText.monthWords()) {
            for (String text : List.of(word + " 5, 2026", "5 " + word + " 2026", "5. " + word.toUpperCase(java.util.Locale.ROOT)
                    + " 2026", "x" + word + " 5 2026", word.substring(0, word.length() - 1) + " 5 2026")) {
                matched += sameMatches(text);
            }
        }
        assertThat(matched).as("matches compared: the test is not vacuous").isGreaterThan(5_000);
        Path dir = BenchmarkFloorTest.benchmarks().resolve("publication-date/dev");
        try (Stream<Path> files = Files.list(dir)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".html")).sorted().limit(60).toList()) {
                sameMatches(Jsoup.parse(PageDecoder.decode(Files.readAllBytes(p), null).html()).text());
            }
        }
    }

    /** Asserts that both pairs of expressions find the same matches with the same groups; returns how many. */
    private static int sameMatches(String text) {
        int n = 0;
        for (Pattern[] pair : new Pattern[][] {{FLAT_DAY_MONTH_YEAR, DateText.DAY_MONTH_YEAR}, {FLAT_MONTH_DAY_YEAR, DateText.MONTH_DAY_YEAR}}) {
            Matcher expected = pair[0].matcher(text);
            Matcher actual = pair[1].matcher(text);
            while (true) {
                boolean found = expected.find();
                assertThat(actual.find()).as("'%s' with %s", text, pair[1]).isEqualTo(found);
                if (!found) {
                    break;
                }
                n++;
                assertThat(actual.start()).as(text).isEqualTo(expected.start());
                assertThat(actual.end()).as(text).isEqualTo(expected.end());
                for (int g = 1; g <= 3; g++) {
                    assertThat(actual.group(g)).as(text).isEqualTo(expected.group(g));
                }
            }
        }
        return n;
    }

    private static boolean assertSame(String text, boolean dayFirst) {
        DateText.Parsed expected = DateText.findAnyFormat(text, LATEST, dayFirst);
        assertThat(DateText.findDirect(text, LATEST, dayFirst)).as("'%s' (day first: %s)", text, dayFirst).isEqualTo(expected);
        return expected != null;
    }
}
