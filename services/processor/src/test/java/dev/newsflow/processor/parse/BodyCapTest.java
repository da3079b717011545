package dev.newsflow.processor.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BodyCapTest {
    private static String paragraphs(int n) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                text.append("\n\n");
            }
            text.append("Paragraph ").append(i).append(" tells what the minister said on Tuesday.");
        }
        return text.toString();
    }

    private static String html(String text) {
        StringBuilder html = new StringBuilder();
        for (String p : text.split("\n\n")) {
            html.append("<p>").append(p).append("</p>");
        }
        return html.toString();
    }

    @Test
    void shouldReturnTheSameTextWhenItFits() {
        String text = paragraphs(3);
        assertThat(BodyCap.text(text, 1000)).isSameAs(text);
        assertThat(BodyCap.html(html(text), 1000)).isEqualTo(html(text));
        assertThat(BodyCap.text(null, 10)).isNull();
        assertThat(BodyCap.html(null, 10)).isNull();
    }

    @Test
    void shouldCutTextAtTheLastParagraphBreakUnderTheLimit() {
        String text = paragraphs(100);
        String cut = BodyCap.text(text, 1000);
        assertThat(cut.length()).isLessThanOrEqualTo(1000).isGreaterThan(900);
        assertThat(text).startsWith(cut + "\n\n");
        assertThat(cut).endsWith("on Tuesday.");
    }

    @Test
    void shouldCutHtmlAfterTheLastCompleteTopLevelElement() {
        String html = "<h2>Title</h2><ul><li>one</li><li>two</li></ul>" + html(paragraphs(100))
                + "<blockquote><p>quoted &amp; said</p></blockquote>";
        String cut = BodyCap.html(html, 1000);
        assertThat(cut.length()).isLessThanOrEqualTo(1000).isGreaterThan(900);
        assertThat(html).startsWith(cut);
        assertThat(cut).endsWith("</p>").startsWith("<h2>Title</h2><ul><li>one</li><li>two</li></ul><p>");
    }

    @Test
    void shouldCutOneGiantParagraphAtAWordAndCloseTheOpenElements() {
        String word = "lorem ipsum &amp; dolor ";
        String text = word.repeat(1000).strip();
        String html = "<blockquote><p>" + text + "</p></blockquote>";

        String cutText = BodyCap.text(text, 1000);
        assertThat(cutText.length()).isLessThanOrEqualTo(1000).isGreaterThan(500);
        assertThat(text).startsWith(cutText);
        assertThat(cutText).doesNotEndWith(" ");

        String cutHtml = BodyCap.html(html, 1000);
        assertThat(cutHtml.length()).isLessThanOrEqualTo(1000).isGreaterThan(500);
        assertThat(cutHtml).startsWith("<blockquote><p>lorem ipsum").endsWith("</p></blockquote>");
        String inner = cutHtml.substring("<blockquote><p>".length(), cutHtml.length() - "</p></blockquote>".length());
        assertThat(inner.lastIndexOf('&')).isLessThan(inner.lastIndexOf(';') + 1);
    }

    @Test
    void shouldNotCutAnEntityOrASurrogatePairInHalf() {
        String html = "<p>" + "&amp;".repeat(400) + "</p>";
        String cut = BodyCap.html(html, 1000);
        assertThat(cut).matches("<p>(&amp;)+</p>");
        assertThat(cut.length()).isLessThanOrEqualTo(1000);

        String emoji = "\uD83D\uDE00".repeat(1000);
        String cutText = BodyCap.text(emoji, 1001);
        assertThat(cutText).hasSize(1000);
        assertThat(Character.isHighSurrogate(cutText.charAt(cutText.length() - 1))).isFalse();
    }

    @Test
    void shouldNeverExceedTheLimit() {
        String text = paragraphs(5) + "\n\n" + "x".repeat(5000);
        for (int max : new int[] {1000, 1001, 1500, 2000, 4999}) {
            assertThat(BodyCap.text(text, max).length()).isLessThanOrEqualTo(max);
            assertThat(BodyCap.html(html(text), max).length()).isLessThanOrEqualTo(max);
        }
    }
}
