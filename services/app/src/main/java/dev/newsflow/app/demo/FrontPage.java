package dev.newsflow.app.demo;

import java.util.List;

/** The home page and the section fronts: lists of teasers linking to the articles on the requesting host. */
final class FrontPage {
    private final DemoCatalog catalog;

    FrontPage(DemoCatalog catalog) {
        this.catalog = catalog;
    }

    String home(String base, String canonicalBase) {
        return render(base, "Home", null, canonicalBase + "/", catalog.stories());
    }

    String section(String section, String base, String canonicalBase) {
        return render(base, DemoCatalog.SECTIONS.get(section), section, canonicalBase + "/" + section + "/",
                catalog.inSection(section));
    }

    private String render(String base, String title, String section, String canonical, List<DemoStory> stories) {
        PageChrome chrome = new PageChrome(base);
        StringBuilder b = new StringBuilder(8192);
        b.append(chrome.open(title, section == null ? "front home" : "front section-" + section,
                "<link rel=\"canonical\" href=\"" + canonical + "\">\n<meta property=\"og:type\" content=\"website\">\n"));
        if (section != null) {
            b.append(chrome.breadcrumbs(section, null));
        }
        b.append("<main id=\"content\" class=\"front\">\n<h1>").append(section == null ? "Latest news" : Html.text(title))
                .append("</h1>\n<ul class=\"teasers\">\n");
        for (DemoStory s : stories) {
            b.append("<li class=\"teaser\"><a href=\"").append(base).append(s.path()).append("\"><h2>")
                    .append(Html.text(s.title())).append("</h2></a><p>").append(Html.text(s.standfirst()))
                    .append("</p>").append(Html.time(s.published(), "teaser-date")).append("</li>\n");
        }
        b.append("</ul>\n").append(chrome.newsletter()).append("</main>\n").append(chrome.close());
        return b.toString();
    }
}
