package dev.newsflow.processor.extract;

import java.util.ArrayList;
import java.util.List;

/** Keeps the article's blocks from the located ranges and renders them as text and as safe HTML. */
final class BodyAssembler {
    /** Furniture subtrees below these shares of the article's mass are dropped (strong, weak). */
    private static final double STRONG_LIMIT = 0.5;
    private static final double WEAK_LIMIT = 0.3;

    private BodyAssembler() {
    }

    /** The article body. */
    record Body(String text, String html, int blocks) {
    }

    static List<Block> select(BlockWalker walker, ContentLocator.Selection selection) {
        List<Block> all = walker.blocks();
        boolean[] keep = new boolean[all.size()];
        for (int[] r : selection.ranges()) {
            for (int i = r[0]; i < r[1]; i++) {
                keep[i] = true;
            }
        }
        BlockWalker.Stats main = walker.stats(selection.main());
        for (BlockWalker.Stats f : walker.furniture()) {
            boolean containsMain = main != null && f.firstBlock <= main.firstBlock && f.endBlock >= main.endBlock;
            if (containsMain || f.firstBlock == f.endBlock) {
                continue;
            }
            double raw = f.mass / (f.negative == 2 ? 0.05 : 0.3);
            double limit = (f.negative == 2 ? STRONG_LIMIT : WEAK_LIMIT) * selection.mass();
            if (raw < limit || ClassHints.isDiscussion(f.element)) {
                for (int i = f.firstBlock; i < f.endBlock; i++) {
                    keep[i] = false;
                }
            }
        }
        dropNestedArticles(walker, main, keep);
        List<Block> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (keep[i] && acceptable(all.get(i))) {
                out.add(all.get(i));
            }
        }
        return trimEdges(out);
    }

    /** Two or more {@code article} elements inside the article are other stories (related posts, teasers). */
    private static void dropNestedArticles(BlockWalker walker, BlockWalker.Stats main, boolean[] keep) {
        if (main == null) {
            return;
        }
        List<BlockWalker.Stats> nested = new ArrayList<>();
        for (BlockWalker.Stats a : walker.articles()) {
            boolean inside = a.firstBlock >= main.firstBlock && a.endBlock <= main.endBlock && a != main
                    && a.element != main.element && !(a.firstBlock == main.firstBlock && a.endBlock == main.endBlock);
            if (inside && a.mass < 0.5 * main.mass) {
                nested.add(a);
            }
        }
        if (nested.size() < 2) {
            return;
        }
        for (BlockWalker.Stats a : nested) {
            for (int i = a.firstBlock; i < a.endBlock; i++) {
                keep[i] = false;
            }
        }
    }

    private static boolean acceptable(Block b) {
        if (b.isImage()) {
            return true;
        }
        String tag = b.tag();
        if (tag.equals("h1") || tag.equals("figcaption") || tag.equals("caption")) {
            return false;
        }
        if (b.linkDensity() > 0.5 && b.text().length() < 400) {
            return false;
        }
        return !BoilerplateText.isFurniture(b.text());
    }

    /** Short, unpunctuated lines at the edges of the body are kickers, bylines and datelines. */
    private static List<Block> trimEdges(List<Block> blocks) {
        int start = 0;
        int end = blocks.size();
        while (start < end && edgeJunk(blocks.get(start))) {
            start++;
        }
        while (end > start && edgeJunk(blocks.get(end - 1))) {
            end--;
        }
        return blocks.subList(start, end);
    }

    private static boolean edgeJunk(Block b) {
        if (b.isImage()) {
            return true;
        }
        String t = b.text();
        if (t.length() >= 50) {
            return false;
        }
        char last = t.charAt(t.length() - 1);
        return ".!?\"”»:'’)。！？」』؟۔".indexOf(last) < 0;
    }

    /** Minimal HTML escaping for text and double-quoted attribute values. */
    static String escape(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                default -> null;
            };
            if (rep != null && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (rep != null) {
                    out.append(rep);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? s : out.toString();
    }

    static Body render(List<Block> blocks) {
        StringBuilder text = new StringBuilder();
        StringBuilder html = new StringBuilder();
        String openList = null;
        int count = 0;
        for (Block b : blocks) {
            boolean listItem = b.tag().equals("li");
            if (!listItem && openList != null) {
                html.append("</ul>");
                openList = null;
            }
            if (b.isImage()) {
                String src = b.src();
                if (src != null && (src.startsWith("https://") || src.startsWith("http://"))) {
                    html.append("<figure><img src=\"").append(escape(src)).append("\" alt=\"")
                            .append(escape(b.text())).append("\"></figure>");
                }
                continue;
            }
            if (text.length() > 0) {
                text.append("\n\n");
            }
            text.append(b.text());
            count++;
            String escaped = escape(b.text()).replace("\n", "<br>");
            if (listItem) {
                if (openList == null) {
                    html.append("<ul>");
                    openList = "ul";
                }
                html.append("<li>").append(escaped).append("</li>");
            } else if (b.isHeading()) {
                html.append("<h2>").append(escaped).append("</h2>");
            } else if (b.tag().equals("blockquote")) {
                html.append("<blockquote><p>").append(escaped).append("</p></blockquote>");
            } else if (b.tag().equals("pre")) {
                html.append("<pre>").append(escaped).append("</pre>");
            } else {
                html.append("<p>").append(escaped).append("</p>");
            }
        }
        if (openList != null) {
            html.append("</ul>");
        }
        return new Body(text.toString(), html.toString(), count);
    }
}
