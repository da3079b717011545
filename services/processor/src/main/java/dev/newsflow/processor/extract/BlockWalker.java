package dev.newsflow.processor.extract;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeFilter;

/**
 * One iterative pass over the cleaned body: cuts the text into {@link Block}s and records, for every element, the
 * range of blocks it holds and its content mass (non-link text of sentence-like blocks, discounted in furniture).
 * Iterative on purpose: pathological nesting must not overflow the stack.
 */
final class BlockWalker implements NodeFilter {
    static final Set<String> BLOCK_TAGS = Set.of("p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dd",
            "dt", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "tr", "td", "th", "tbody", "thead",
            "figure", "figcaption", "header", "footer", "aside", "nav", "address", "center", "form", "fieldset", "body",
            "details", "summary", "hr", "caption", "picture", "video", "audio");

    /** Page skeleton: their class names describe the page ("has-sidebar"), not their content. */
    private static final Set<String> STRUCTURAL = Set.of("html", "body", "main", "article", "form");

    /** Per-element figures. */
    static final class Stats {
        final Element element;
        final int negative;
        final int firstBlock;
        int endBlock;
        double mass;
        /** Mass of blocks held directly or one block level down, half two levels down: paragraph concentration. */
        double cluster;
        /** Highest cluster in the subtree. */
        double maxCluster;
        double discount = 1;
        int textChars;
        int goodParagraphs;

        Stats(Element element, int negative, int firstBlock) {
            this.element = element;
            this.negative = negative;
            this.firstBlock = firstBlock;
        }
    }

    private final List<Block> blocks = new ArrayList<>();
    private final Map<Element, Stats> stats = new IdentityHashMap<>();
    private final List<Stats> furniture = new ArrayList<>();
    private final List<Stats> articles = new ArrayList<>();
    private final ArrayList<Stats> stack = new ArrayList<>();
    private final ArrayList<String> blockTags = new ArrayList<>();
    private final ArrayList<Stats> blockFrames = new ArrayList<>();
    private final StringBuilder pending = new StringBuilder();
    private final List<Element> pendingImages = new ArrayList<>();
    private int pendingLink;
    private int anchorDepth;
    private boolean pendingSpace;

    static BlockWalker walk(Element root) {
        BlockWalker w = new BlockWalker();
        NodeTraversor.filter(w, root);
        w.flush();
        return w;
    }

    List<Block> blocks() {
        return blocks;
    }

    Stats stats(Element e) {
        return stats.get(e);
    }

    /** Every {@code article} element, in document order. */
    List<Stats> articles() {
        return articles;
    }

    List<Stats> furniture() {
        return furniture;
    }

    @Override
    public FilterResult head(Node node, int depth) {
        if (node instanceof TextNode t) {
            appendText(t.getWholeText());
            return FilterResult.CONTINUE;
        }
        if (!(node instanceof Element e)) {
            return FilterResult.CONTINUE;
        }
        if (depth > 0 && HtmlCleaner.isJunk(e)) {
            return FilterResult.SKIP_ENTIRELY;
        }
        String tag = e.normalName();
        if (tag.equals("br")) {
            if (pending.length() > 0) {
                pendingSpace = true;
                pending.append('\n');
            }
            return FilterResult.CONTINUE;
        }
        boolean block = BLOCK_TAGS.contains(tag);
        if (block) {
            flush();
            blockTags.add(tag);
        }
        if (tag.equals("a")) {
            anchorDepth++;
        }
        Stats s = new Stats(e, STRUCTURAL.contains(tag) ? 0 : ClassHints.negativeStrength(ClassHints.rawDescriptor(e)),
                blocks.size());
        s.discount = (stack.isEmpty() ? 1 : stack.get(stack.size() - 1).discount)
                * (s.negative == 2 ? 0.05 : s.negative == 1 ? 0.3 : 1);
        stack.add(s);
        stats.put(e, s);
        if (tag.equals("article")) {
            articles.add(s);
        }
        if (block) {
            blockFrames.add(s);
        }
        if (tag.equals("img") && hasImageSource(e)) {
            if (pending.length() == 0) {
                blocks.add(new Block(e.attr("alt").trim(), 0, "img", e));
            } else {
                // an image inside running text must not cut the paragraph; it follows the paragraph instead
                pendingImages.add(e);
            }
        }
        return FilterResult.CONTINUE;
    }

    @Override
    public FilterResult tail(Node node, int depth) {
        if (!(node instanceof Element e) || e.normalName().equals("br")) {
            return FilterResult.CONTINUE;
        }
        String tag = e.normalName();
        if (BLOCK_TAGS.contains(tag)) {
            flush();
            blockTags.remove(blockTags.size() - 1);
            blockFrames.remove(blockFrames.size() - 1);
        }
        if (tag.equals("a")) {
            anchorDepth--;
        }
        Stats s = stack.remove(stack.size() - 1);
        s.endBlock = blocks.size();
        if (s.negative > 0) {
            furniture.add(s);
            s.mass *= s.negative == 2 ? 0.05 : 0.3;
        }
        if (!stack.isEmpty()) {
            Stats parent = stack.get(stack.size() - 1);
            parent.mass += s.mass;
            parent.textChars += s.textChars;
            parent.goodParagraphs += s.goodParagraphs;
            parent.maxCluster = Math.max(parent.maxCluster, Math.max(s.maxCluster, s.cluster));
        }
        return FilterResult.CONTINUE;
    }

    private void appendText(String text) {
        int added = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c >= 0x80 && (Character.isWhitespace(c) || c == '\u00a0' || c == '\u200b')) {
                pendingSpace = pending.length() > 0;
            } else {
                if (pendingSpace) {
                    pending.append(' ');
                    pendingSpace = false;
                }
                pending.append(c);
                added++;
            }
        }
        if (anchorDepth > 0) {
            pendingLink += added;
        }
    }

    private void flush() {
        flushText();
        for (Element img : pendingImages) {
            blocks.add(new Block(img.attr("alt").trim(), 0, "img", img));
        }
        pendingImages.clear();
    }

    private void flushText() {
        pendingSpace = false;
        if (pending.length() == 0) {
            return;
        }
        String text = pending.toString().strip();
        pending.setLength(0);
        int link = Math.min(pendingLink, text.length());
        pendingLink = 0;
        if (text.isEmpty()) {
            return;
        }
        String tag = blockTags.isEmpty() ? "div" : blockTags.get(blockTags.size() - 1);
        Block b = new Block(text, link, tag, null);
        blocks.add(b);
        double mass = blockMass(b);
        if (!stack.isEmpty()) {
            // list items count little towards concentration: teaser lists are lists, article text is paragraphs
            double discounted = mass * stack.get(stack.size() - 1).discount * (tag.equals("li") ? 0.3 : 1);
            int levels = blockFrames.size();
            for (int up = 1; up <= 3 && levels - up >= 0; up++) {
                blockFrames.get(levels - up).cluster += up == 3 ? discounted / 2 : discounted;
            }
        }
        if (!stack.isEmpty()) {
            Stats owner = stack.get(stack.size() - 1);
            owner.mass += mass;
            owner.textChars += text.length();
            if (text.length() >= 80 && b.linkDensity() < 0.3) {
                owner.goodParagraphs++;
            }
        }
    }

    /** Sentence-like, link-poor text weighs fully; short lines and link lists barely count. */
    static double blockMass(Block b) {
        int len = b.text().length();
        double mass = len - b.linkChars();
        if (len < 25) {
            mass *= 0.3;
        } else if (len < 60) {
            mass *= 0.6;
        }
        if (b.linkDensity() > 0.5) {
            mass *= 0.1;
        }
        return mass;
    }

    private static boolean hasImageSource(Element img) {
        String src = img.attr("src");
        return !src.isEmpty() && !src.startsWith("data:") || !img.attr("data-src").isEmpty();
    }
}
