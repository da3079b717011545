package dev.newsflow.processor.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokensTest {

    @Test
    void shouldGiveAsciiWordsTheSameFlagsAsTheUnicodePath() {
        List<Tokens.Token> t = Tokens.of("NATO and the US-led iPhone 5G, 2026 Über ÜBER über");

        assertThat(t).extracting(Tokens.Token::norm)
                .containsExactly("nato", "and", "the", "us", "led", "iphone", "5g", "2026", "uber", "uber", "uber");
        assertThat(t.get(0)).isEqualTo(new Tokens.Token("nato", 0, 4, true, true, true));
        assertThat(t.get(1)).isEqualTo(new Tokens.Token("and", 5, 8, false, false, true));
        assertThat(t.get(5)).as("lower-case first letter").isEqualTo(new Tokens.Token("iphone", 20, 26, false, false, true));
        assertThat(t.get(6)).as("starts with a digit: not cased").isEqualTo(new Tokens.Token("5g", 27, 29, false, false, false));
        assertThat(t.get(7)).isEqualTo(new Tokens.Token("2026", 31, 35, false, false, false));
        assertThat(t.get(8)).isEqualTo(new Tokens.Token("uber", 36, 40, true, false, true));
        assertThat(t.get(9)).isEqualTo(new Tokens.Token("uber", 41, 45, true, true, true));
        assertThat(t.get(10)).isEqualTo(new Tokens.Token("uber", 46, 50, false, false, true));
    }

    @Test
    void shouldTokenizeATextInstanceOnceAndEqualTextsAlike() {
        String body = "Talks in Geneva resumed on Tuesday, the minister said.";
        List<Tokens.Token> first = Tokens.of(body);
        assertThat(Tokens.of(body)).isSameAs(first);
        String copy = new String(body.toCharArray());
        assertThat(Tokens.of(copy)).isNotSameAs(first).isEqualTo(first);
        assertThatThrownBy(() -> first.add(first.get(0))).isInstanceOf(UnsupportedOperationException.class);
        // more texts than remembered: the first is tokenized again, to the same tokens
        for (int i = 0; i < Tokens.REMEMBERED; i++) {
            Tokens.of("text " + i);
        }
        assertThat(Tokens.of(body)).isNotSameAs(first).isEqualTo(first);
    }

    @Test
    void shouldKnowThatNoCodePointBeforeHangulJamoIsCjk() {
        for (int cp = 0; cp < 0x1100; cp++) {
            assertThat(Tokens.isCjk(cp)).as("U+%04X", cp).isFalse();
        }
        assertThat(Tokens.isCjk(0x1100)).isTrue();
        assertThat(Tokens.isCjk('中')).isTrue();
        assertThat(Tokens.isCjk('カ')).isTrue();
    }
}
