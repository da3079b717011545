package dev.newsflow.processor.extract;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Element;

/**
 * Finds the element holding the article: starting at the body, steps into the child that holds most of the content
 * mass while one child dominates; then takes back siblings of the final element that read like article text (an
 * article split around an advert or an inline widget).
 */
final class ContentLocator {
    /** A child must hold this share of its parent's mass for the descent to enter it. */
    private static final double DOMINANCE = 0.72;
    /** A sibling is taken back when it holds this share of the chosen element's mass... */
    private static final double SIBLING_SHARE = 0.08;

    private static final java.util.Set<String> TEXT_BLOCKS = java.util.Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6",
            "blockquote", "pre", "li", "dd", "dt", "figcaption", "td", "th");
    private static final double CONCENTRATION = 2.0;
    private static final double SECTION_SHARE = 0.3;
    private static final double MIN_CONCENTRATED_SHARE = 0.25;

    private ContentLocator() {
    }

    /** Block index ranges [start, end) of the chosen elements, in document order. */
    record Selection(Element main, List<int[]> ranges, double mass) {
    }

    static Selection locate(Element root, BlockWalker walker) {
        Element node = root;
        BlockWalker.Stats nodeStats = walker.stats(node);
        if (nodeStats == null) {
            return new Selection(root, List.of(), 0);
        }
        Element previous = null;
        Element jumpParent = null;
        Element jumpChild = null;
        while (true) {
            Element best = null;
            BlockWalker.Stats bestStats = null;
            for (Element child : node.children()) {
                BlockWalker.Stats s = walker.stats(child);
                if (s != null && (bestStats == null || s.mass > bestStats.mass)) {
                    best = child;
                    bestStats = s;
                }
            }
            if (bestStats == null || bestStats.mass <= 0 || TEXT_BLOCKS.contains(best.normalName())) {
                // a paragraph is never the article's container, however much of the text it holds
                break;
            }
            if (bestStats.mass < DOMINANCE * nodeStats.mass) {
                Element concentrated = concentratedChild(node, walker, nodeStats);
                if (concentrated == null) {
                    break;
                }
                best = concentrated;
                bestStats = walker.stats(concentrated);
                jumpParent = node;
                jumpChild = concentrated;
            }
            previous = node;
            node = best;
            nodeStats = bestStats;
        }
        List<int[]> ranges = new ArrayList<>();
        if (previous != null) {
            for (Element sibling : previous.children()) {
                BlockWalker.Stats s = walker.stats(sibling);
                if (s == null) {
                    continue;
                }
                if (sibling == node || readsLikeArticle(s, nodeStats)) {
                    ranges.add(new int[] {s.firstBlock, s.endBlock});
                }
            }
        } else {
            ranges.add(new int[] {nodeStats.firstBlock, nodeStats.endBlock});
        }
        if (jumpParent != null && jumpParent != previous) {
            addSectionsBeside(jumpParent, jumpChild, walker, ranges);
        }
        return new Selection(node, ranges, nodeStats.mass);
    }

    /**
     * After a jump to the paragraph cluster, siblings holding clusters of comparable size are further sections of the
     * same article (long features split into blocks); teaser lists hold only small clusters.
     */
    private static void addSectionsBeside(Element parent, Element chosen, BlockWalker walker, List<int[]> ranges) {
        BlockWalker.Stats main = walker.stats(chosen);
        double mainCluster = Math.max(main.cluster, main.maxCluster);
        for (Element sibling : parent.children()) {
            BlockWalker.Stats s = walker.stats(sibling);
            if (sibling == chosen || s == null || s.firstBlock == s.endBlock) {
                continue;
            }
            if (Math.max(s.cluster, s.maxCluster) >= SECTION_SHARE * mainCluster && readsLikeArticle(s, main)) {
                ranges.add(new int[] {s.firstBlock, s.endBlock});
            }
        }
        ranges.sort((a, b) -> Integer.compare(a[0], b[0]));
    }

    /** The whole of {@code root} (a per-source body selector chose it). */
    static Selection whole(Element root, BlockWalker walker) {
        BlockWalker.Stats s = walker.stats(root);
        return s == null ? new Selection(root, List.of(), 0)
                : new Selection(root, List.<int[]>of(new int[] {s.firstBlock, s.endBlock}), s.mass);
    }

    /**
     * No child holds most of the mass, but one may hold the page's paragraph cluster by far: the article beside a
     * teaser list whose summaries add up to more text.
     */
    private static Element concentratedChild(Element node, BlockWalker walker, BlockWalker.Stats nodeStats) {
        Element best = null;
        double first = 0;
        double second = 0;
        for (Element child : node.children()) {
            BlockWalker.Stats s = walker.stats(child);
            if (s == null) {
                continue;
            }
            if (child.normalName().equals("p") && s.goodParagraphs > 0) {
                return null;
            }
            double c = Math.max(s.cluster, s.maxCluster);
            if (c > first) {
                second = first;
                first = c;
                best = child;
            } else if (c > second) {
                second = c;
            }
        }
        if (best == null || first < CONCENTRATION * second) {
            return null;
        }
        BlockWalker.Stats s = walker.stats(best);
        return s.mass >= MIN_CONCENTRATED_SHARE * nodeStats.mass ? best : null;
    }

    private static boolean readsLikeArticle(BlockWalker.Stats s, BlockWalker.Stats main) {
        return s.negative == 0 && s.goodParagraphs > 0 && s.mass >= SIBLING_SHARE * main.mass
                && s.mass >= 0.5 * s.textChars;
    }
}
