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
            if (bestStats == null || bestStats.mass < DOMINANCE * nodeStats.mass || bestStats.mass <= 0) {
                break;
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
        return new Selection(node, ranges, nodeStats.mass);
    }

    /** The whole of {@code root} (a per-source body selector chose it). */
    static Selection whole(Element root, BlockWalker walker) {
        BlockWalker.Stats s = walker.stats(root);
        return s == null ? new Selection(root, List.of(), 0)
                : new Selection(root, List.<int[]>of(new int[] {s.firstBlock, s.endBlock}), s.mass);
    }

    private static boolean readsLikeArticle(BlockWalker.Stats s, BlockWalker.Stats main) {
        return s.negative == 0 && s.goodParagraphs > 0 && s.mass >= SIBLING_SHARE * main.mass
                && s.mass >= 0.5 * s.textChars;
    }
}
