package dev.newsflow.app.demo;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Maps a host and a path to a rendered {@link Resource}; pages are deterministic, so each is rendered once. */
final class DemoRoutes {
    private final DemoCatalog catalog;
    private final ArticlePage articles;
    private final FrontPage fronts;
    private final FeedDocuments feeds;
    private final String canonicalBase;
    private final Map<String, Resource> cache = new ConcurrentHashMap<>();

    DemoRoutes(DemoCatalog catalog, String canonicalBase) {
        this.catalog = catalog;
        this.articles = new ArticlePage(catalog);
        this.fronts = new FrontPage(catalog);
        this.feeds = new FeedDocuments(catalog);
        this.canonicalBase = canonicalBase;
    }

    /** Known pages are cached; misses are not, so arbitrary request paths cannot grow the cache. */
    Resource resolve(String base, String path) {
        String key = base + " " + path;
        Resource cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        Resource r = render(base, path);
        if (r.status() == 200) {
            cache.putIfAbsent(key, r);
        }
        return r;
    }

    private Resource render(String base, String path) {
        Instant newest = newest(catalog.stories());
        switch (path) {
            case "/":
                return Resource.html(fronts.home(base, canonicalBase), newest);
            case "/robots.txt":
                return Resource.of(200, "text/plain; charset=utf-8", FeedDocuments.robots(base), newest);
            case "/rss.xml":
                return Resource.of(200, "application/rss+xml; charset=utf-8", feeds.rss(base), newest);
            case "/sitemap.xml":
                return Resource.of(200, "application/xml; charset=utf-8", feeds.sitemap(base), newest);
            case "/static/site.css":
                return Resource.of(200, "text/css; charset=utf-8", FeedDocuments.CSS, newest);
            default:
                break;
        }
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        String first = trimmed.length() > 1 ? trimmed.substring(1) : "";
        if (DemoCatalog.SECTIONS.containsKey(first)) {
            return Resource.html(fronts.section(first, base, canonicalBase), newest(catalog.inSection(first)));
        }
        Optional<DemoStory> story = catalog.byPath(path);
        if (story.isPresent()) {
            DemoStory s = story.get();
            return Resource.html(articles.render(s, base, canonicalBase), s.modified().toInstant());
        }
        if (path.startsWith("/media/") && path.endsWith(".svg")) {
            String slug = path.substring("/media/".length(), path.length() - ".svg".length());
            Optional<DemoStory> owner = catalog.stories().stream().filter(s -> s.slug().equals(slug) && s.image() != null).findFirst();
            if (owner.isPresent()) {
                return Resource.of(200, "image/svg+xml", FeedDocuments.placeholderSvg(owner.get().image().alt()),
                        owner.get().published().toInstant());
            }
        }
        return notFound(base);
    }

    Resource notFound(String base) {
        PageChrome chrome = new PageChrome(base);
        return Resource.notFound(chrome.open("Page not found", "error-404", "<meta name=\"robots\" content=\"noindex\">\n")
                + "<main id=\"content\"><h1>Page not found</h1><p>Sorry, we could not find that page. Try the "
                + "<a href=\"" + base + "/\">home page</a>.</p></main>\n" + chrome.close());
    }

    private static Instant newest(List<DemoStory> stories) {
        return stories.stream().map(s -> s.modified().toInstant()).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
    }
}
