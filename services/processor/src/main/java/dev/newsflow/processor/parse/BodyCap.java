package dev.newsflow.processor.parse;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Cuts an article body to {@code processor.max-body-chars} so that a huge page still yields its article (flagged
 * {@code bodyTruncated}) instead of travelling to the sink and being dead-lettered there as too long. Text is cut
 * at the last paragraph break under the limit, HTML after the last complete top-level element; when that would
 * keep less than half the limit (one giant paragraph), at the last whitespace (else a character boundary) inside
 * it, with the open HTML elements closed. The result is never longer than the limit.
 */
final class BodyCap {
    private BodyCap() {
    }

    /** {@code text} itself when it fits, else its cut; paragraphs are separated by a blank line. */
    static String text(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int paragraph = text.lastIndexOf("\n\n", max);
        if (paragraph >= max / 2) {
            return text.substring(0, paragraph);
        }
        return text.substring(0, wordBoundary(text, 0, max)).stripTrailing();
    }

    /**
     * {@code html} itself when it fits, else its cut. Expects the extractor's HTML: text escaped (every {@code <}
     * starts a tag, every {@code &} an entity ended by {@code ;}), void elements {@code img}, {@code br}, {@code hr}.
     */
    static String html(String html, int max) {
        if (html == null || html.length() <= max) {
            return html;
        }
        Deque<String> open = new ArrayDeque<>();
        int lastTopLevelEnd = 0;
        int textStart = 0;
        int i = 0;
        while (i < max) {
            char c = html.charAt(i);
            if (c != '<') {
                i++;
                continue;
            }
            int end = html.indexOf('>', i);
            if (end < 0 || end >= max) {
                break;
            }
            String tag = tagName(html, i);
            if (html.charAt(i + 1) == '/') {
                if (!open.isEmpty()) {
                    open.pop();
                }
                if (open.isEmpty()) {
                    lastTopLevelEnd = end + 1;
                }
            } else if (!tag.equals("img") && !tag.equals("br") && !tag.equals("hr")) {
                open.push(tag);
            }
            i = end + 1;
            textStart = i;
        }
        if (lastTopLevelEnd >= max / 2 || open.isEmpty()) {
            return html.substring(0, lastTopLevelEnd);
        }
        // one giant element: cut inside its text, then close what is open
        StringBuilder closing = new StringBuilder();
        for (String tag : open) {
            closing.append("</").append(tag).append('>');
        }
        int limit = Math.min(i, max - closing.length());
        if (limit <= textStart) {
            return html.substring(0, lastTopLevelEnd);
        }
        int cut = wordBoundary(html, textStart, limit);
        int amp = html.lastIndexOf('&', cut - 1);
        int semicolon = amp < textStart ? -1 : html.indexOf(';', amp);
        if (amp >= textStart && (semicolon < 0 || semicolon >= cut)) {
            cut = amp;
        }
        return html.substring(0, cut) + closing;
    }

    /** End of the cut in {@code s[from, max)}: after the last whitespace in its second half, else not inside a surrogate pair. */
    private static int wordBoundary(String s, int from, int max) {
        for (int i = max; i > from + (max - from) / 2; i--) {
            if (Character.isWhitespace(s.charAt(i - 1))) {
                return i;
            }
        }
        return Character.isHighSurrogate(s.charAt(max - 1)) ? max - 1 : max;
    }

    private static String tagName(String html, int lt) {
        int start = html.charAt(lt + 1) == '/' ? lt + 2 : lt + 1;
        int end = start;
        while (end < html.length() && Character.isLetterOrDigit(html.charAt(end))) {
            end++;
        }
        return html.substring(start, end);
    }
}
