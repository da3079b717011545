package dev.newsflow.processor.extract;

import java.util.Locale;

/**
 * JSON-LD {@code articleBody} is used instead of the located body only when it is clearly more complete and the page
 * really shows it: publishers' structured data is sometimes a teaser, stale, or another article altogether.
 */
final class StructuredBody {
    private static final double MORE_COMPLETE = 1.3;
    private static final double SHOWN_SHARE = 0.8;
    private static final int PROBE_WORDS = 6;

    private StructuredBody() {
    }

    static BodyAssembler.Body preferIfTrustworthy(BodyAssembler.Body located, JsonLd jsonLd, BlockWalker walker) {
        String ld = jsonLd.articleText("articleBody");
        if (ld == null || ld.length() < 200 || ld.length() < MORE_COMPLETE * located.text().length()) {
            return located;
        }
        StringBuilder visible = new StringBuilder();
        for (Block b : walker.blocks()) {
            visible.append(b.text()).append(' ');
        }
        String page = normalise(visible.toString());
        String[] words = normalise(ld).split(" ");
        int probes = 0;
        int shown = 0;
        for (int i = 0; i + PROBE_WORDS <= words.length; i += Math.max(PROBE_WORDS, words.length / 40)) {
            probes++;
            if (page.contains(String.join(" ", java.util.Arrays.copyOfRange(words, i, i + PROBE_WORDS)))) {
                shown++;
            }
        }
        if (probes == 0 || shown < SHOWN_SHARE * probes) {
            return located;
        }
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();
        int count = 0;
        for (String para : ld.split("\\s*\\n\\s*")) {
            String p = para.strip();
            if (p.isEmpty()) {
                continue;
            }
            if (text.length() > 0) {
                text.append("\n\n");
            }
            text.append(p);
            html.append("<p>").append(BodyAssembler.escape(p)).append("</p>");
            count++;
        }
        return new BodyAssembler.Body(text.toString(), html.toString(), count);
    }

    private static String normalise(String s) {
        StringBuilder out = new StringBuilder(s.length());
        boolean space = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                if (space && out.length() > 0) {
                    out.append(' ');
                }
                out.append(Character.toLowerCase(c));
                space = false;
            } else {
                space = true;
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
