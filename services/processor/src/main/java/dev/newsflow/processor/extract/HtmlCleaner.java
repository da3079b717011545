package dev.newsflow.processor.extract;

import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Comment;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/** Removes what is never article text: code, embeds, form controls, navigation, and hidden elements. */
final class HtmlCleaner implements NodeFilter {
    private static final Set<String> JUNK_TAGS = Set.of("script", "style", "noscript", "template", "svg", "math",
            "iframe", "object", "embed", "canvas", "button", "input", "select", "textarea", "option", "nav", "aside",
            "footer", "dialog", "link", "meta", "menu", "label", "audio", "video", "source", "track", "map", "head");

    private HtmlCleaner() {
    }

    static void clean(Element root) {
        NodeTraversor.filter(new HtmlCleaner(), root);
    }

    @Override
    public FilterResult head(Node node, int depth) {
        if (node instanceof Comment) {
            return FilterResult.REMOVE;
        }
        if (!(node instanceof Element e) || depth == 0) {
            return FilterResult.CONTINUE;
        }
        if (JUNK_TAGS.contains(e.normalName()) || isHidden(e) || isPopup(e)) {
            return FilterResult.REMOVE;
        }
        return FilterResult.CONTINUE;
    }

    /** Hover cards and tooltips sit inside running text but are shown only on demand. */
    static boolean isPopup(Element e) {
        String cls = e.className();
        if (cls.isEmpty()) {
            return false;
        }
        String c = cls.toLowerCase(Locale.ROOT);
        return c.contains("tooltip") || c.contains("popover") || c.contains("hovercard") || c.contains("rollover");
    }

    static boolean isHidden(Element e) {
        if (e.hasAttr("hidden") || "true".equals(e.attr("aria-hidden")) && !e.normalName().equals("p")) {
            return true;
        }
        String style = e.attr("style");
        if (style.isEmpty()) {
            return false;
        }
        String s = style.toLowerCase(Locale.ROOT).replace(" ", "");
        return s.contains("display:none") || s.contains("visibility:hidden");
    }
}
