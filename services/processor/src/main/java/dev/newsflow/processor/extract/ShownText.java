package dev.newsflow.processor.extract;

import java.time.LocalDate;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * The page's text as a reader sees it, once whole and once without the parts that show other dates than the
 * article's (teaser lists, comments, asides, captions, a page header showing today's date), with the position where
 * the article's title ends.
 */
final class ShownText {
    private static final Set<String> NOT_TEXT = Set.of("script", "style", "noscript", "template", "svg");
    /** How far after the title the article's own date is looked for. */
    private static final int AFTER_TITLE = 500;
    private static final int MAX_DATES = 40;

    private final String all;
    private final String article;
    private ShownText(String all, String article) {
        this.all = all;
        this.article = article;
    }

    /** Walks the body once. */
    static ShownText of(Document doc, DateContext context, int limit) {
        Element h1 = context.title();
        StringBuilder all = new StringBuilder();
        StringBuilder article = new StringBuilder();
        if (doc.body() != null) {
            NodeTraversor.traverse(new NodeVisitor() {
                private Node skipped;
                private Node hidden;

                @Override
                public void head(Node node, int depth) {
                    if (hidden != null || all.length() > limit) {
                        return;
                    }
                    if (node instanceof Element e) {
                        if (e.isBlock() || e.normalName().equals("br")) {
                            all.append(' ');
                            if (skipped == null) {
                                article.append(' ');
                            }
                        }
                        if (NOT_TEXT.contains(e.normalName())) {
                            hidden = e;
                        } else if (skipped == null && e != h1 && context.inFurnitureItself(e)) {
                            skipped = e;
                        }
                    } else if (node instanceof TextNode t) {
                        String s = t.text();
                        all.append(s);
                        if (skipped == null) {
                            article.append(s);
                        }
                    }
                }

                @Override
                public void tail(Node node, int depth) {
                    if (node == hidden) {
                        hidden = null;
                    } else if (node == skipped) {
                        skipped = null;
                    }
                    if (node instanceof Element e && e.isBlock() && hidden == null) {
                        all.append(' ');
                        article.append(' ');
                    }
                }
            }, doc.body());
        }
        return new ShownText(all.toString(), article.toString());
    }

    /**
     * The first date in the article text, preferring one labelled as the publication, then an unlabelled one, then
     * one labelled as an update; dates labelled as today's or a registration date are never taken.
     */
    DateText.Parsed firstDate(LocalDate latest, boolean dayFirst, int scan) {
        return bestIn(0, Math.min(article.length(), scan), latest, dayFirst);
    }

    /**
     * The article's own date: the best-labelled date in the text right after its title {@code h1} (furniture
     * skipped), or null when there is no title or the text there is a list of dated items (related articles). Reads
     * only the nodes that follow the title, so it costs the same on a short page and a huge one.
     */
    static DateText.Parsed dateAfterTitle(DateContext context, LocalDate latest, boolean dayFirst) {
        Element h1 = context.title();
        if (h1 == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        Node cur = nextAfter(h1);
        while (cur != null && sb.length() < AFTER_TITLE) {
            if (cur instanceof Element e) {
                if (NOT_TEXT.contains(e.normalName()) || context.inFurnitureItself(e)) {
                    cur = nextAfter(e);
                    continue;
                }
                if (e.isBlock() || e.normalName().equals("br")) {
                    sb.append(' ');
                }
                cur = e.childNodeSize() > 0 ? e.childNode(0) : nextAfter(e);
                continue;
            }
            if (cur instanceof TextNode t) {
                sb.append(t.text());
            }
            cur = nextAfter(cur);
        }
        String window = sb.length() > AFTER_TITLE ? sb.substring(0, AFTER_TITLE) : sb.toString();
        if (DateText.findAll(window, latest, dayFirst, 3).size() > 2) {
            return null;
        }
        return new ShownText("", window).bestIn(0, window.length(), latest, dayFirst);
    }

    /** The node after {@code n} and its subtree in document order, or null. */
    private static Node nextAfter(Node n) {
        for (Node p = n; p != null; p = p.parent()) {
            if (p instanceof Element e && e.normalName().equals("body")) {
                return null;
            }
            Node next = p.nextSibling();
            if (next != null) {
                return next;
            }
        }
        return null;
    }

    /** Whether {@code day} is written anywhere in the page's text (within the first {@code scan} characters). */
    boolean shows(LocalDate day, LocalDate latest, boolean dayFirst, int scan) {
        int end = Math.min(all.length(), scan);
        int from = 0;
        while (from < end) {
            DateText.Parsed p = DateText.find(all, from, end, latest, dayFirst);
            if (p == null) {
                return false;
            }
            if (p.day().equals(day)) {
                return true;
            }
            from = Math.max(from + 1, p.end());
        }
        return false;
    }

    private DateText.Parsed bestIn(int start, int end, LocalDate latest, boolean dayFirst) {
        DateText.Parsed best = null;
        DateContext.Label bestLabel = null;
        int from = start;
        for (int n = 0; n < MAX_DATES && from < end; n++) {
            DateText.Parsed p = DateText.find(article, from, end, latest, dayFirst);
            if (p == null) {
                break;
            }
            from = Math.max(from + 1, p.end());
            DateContext.Label label = DateContext.labelBefore(article.substring(Math.max(start, p.start() - 60), p.start()));
            if (label == DateContext.Label.PUBLISHED) {
                return p;
            }
            if (label != DateContext.Label.OTHER && (best == null || label.ordinal() < bestLabel.ordinal())) {
                best = p;
                bestLabel = label;
            }
        }
        return best;
    }
}
