package dev.newsflow.processor.extract;

import java.util.Locale;
import java.util.Set;
import org.jsoup.nodes.Element;

/** What is never article text: code, embeds, form controls, navigation, hidden elements, hover cards. */
final class HtmlCleaner {
    private static final Set<String> JUNK_TAGS = Set.of("script", "style", "noscript", "template", "svg", "math",
            "iframe", "object", "embed", "canvas", "button", "input", "select", "textarea", "option", "nav", "aside",
            "footer", "dialog", "link", "meta", "menu", "label", "audio", "video", "source", "track", "map", "head");

    private HtmlCleaner() {
    }

    /** Never article text: skipped by the walk without being removed from the document. */
    static boolean isJunk(Element e) {
        return JUNK_TAGS.contains(e.normalName()) || isHidden(e) || isPopup(e);
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
