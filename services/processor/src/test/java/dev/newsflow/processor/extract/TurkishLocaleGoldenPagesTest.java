package dev.newsflow.processor.extract;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The golden pages again under a Turkish default locale (dotless i): case handling must not depend on it. */
class TurkishLocaleGoldenPagesTest {
    private static Locale previous;

    @BeforeAll
    static void useTurkish() {
        previous = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr-TR"));
    }

    @AfterAll
    static void restore() {
        Locale.setDefault(previous);
    }

    static Stream<Path> pages() throws IOException {
        return GoldenPagesTest.pages();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void shouldExtractTheSameUnderTurkishLocale(Path page) throws IOException {
        GoldenPagesTest.checkPage(page);
    }
}
