package dev.newsflow.app.proof;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Renders the pages of the load site: article {@code i} is either a templated news page whose words are drawn
 * from a generator seeded with {@code i} (so every article has its own body text), or one of the
 * article-extraction dev pages with the page's own canonical/og:url links replaced and the title numbered,
 * so each URL is a distinct article while the markup stays realistic.
 */
public final class LoadArticles {
    private static final String[] WORDS = ("council budget harbour election river minister rail strike energy price school "
            + "hospital court ruling market shares weather storm flood bridge festival museum league coach transfer season "
            + "vaccine research climate farmers drought water supply tariff export union wages housing rent planning airport "
            + "runway police inquiry report mayor village coast ferry lighthouse library archive orchestra theatre novel "
            + "prize satellite launch telescope robot factory steel solar wind turbine grid battery network broadband mobile "
            + "privacy regulator bank interest inflation currency pension tax reform parliament senate treaty summit border "
            + "refugee aid charity volunteer marathon cyclist stadium ticket fans victory defeat draw referee injury").split(" ");
    private static final Pattern CANONICAL = Pattern.compile("<link[^>]*rel=[\"']?canonical[^>]*>|<meta[^>]*property=[\"']og:url[^>]*>",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern TITLE = Pattern.compile("<title>", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEAD = Pattern.compile("<head[^>]*>", Pattern.CASE_INSENSITIVE);

    private final List<byte[]> devPages;
    /**
     * Each dev page prepared once (canonical links removed, markers where the index and canonical URL go) and encoded
     * once: rendering copies bytes between the markers (the load site shares the benchmark's cores, so it must cost
     * little per request).
     */
    private final List<Template> templates;

    private LoadArticles(List<byte[]> devPages) {
        this.devPages = devPages;
        this.templates = devPages.stream().map(p -> Template.of(template(p))).toList();
    }

    /** A prepared page as UTF-8 bytes and the offsets of its markers (ASCII control bytes, never inside a multi-byte sequence). */
    private record Template(byte[] bytes, int[] marks) {
        static Template of(String html) {
            byte[] b = html.getBytes(StandardCharsets.UTF_8);
            int[] marks = java.util.stream.IntStream.range(0, b.length).filter(k -> b[k] == INDEX_MARK || b[k] == CANONICAL_MARK).toArray();
            return new Template(b, marks);
        }

        byte[] render(byte[] index, byte[] canonical) {
            int size = bytes.length - marks.length;
            for (int m : marks) {
                size += bytes[m] == INDEX_MARK ? index.length : canonical.length;
            }
            byte[] out = new byte[size];
            int from = 0;
            int at = 0;
            for (int m : marks) {
                System.arraycopy(bytes, from, out, at, m - from);
                at += m - from;
                byte[] value = bytes[m] == INDEX_MARK ? index : canonical;
                System.arraycopy(value, 0, out, at, value.length);
                at += value.length;
                from = m + 1;
            }
            System.arraycopy(bytes, from, out, at, bytes.length - from);
            return out;
        }
    }

    /** Templated pages only. */
    public static LoadArticles templated() {
        return new LoadArticles(List.of());
    }

    /** Serves the {@code *.html} files of {@code devDir} (the article-extraction dev set) round-robin. */
    public static LoadArticles fromDevPages(Path devDir) {
        List<byte[]> pages = new ArrayList<>();
        try (Stream<Path> files = Files.list(devDir)) {
            for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".html")).sorted().toList()) {
                pages.add(Files.readAllBytes(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the dev pages in " + devDir, e);
        }
        if (pages.isEmpty()) {
            throw new IllegalArgumentException("no .html files in " + devDir);
        }
        return new LoadArticles(pages);
    }

    /** Only the dev pages {@code keep} accepts (e.g. those the extractor finds an article in). */
    public LoadArticles filter(java.util.function.Predicate<byte[]> keep) {
        return new LoadArticles(devPages.stream().filter(keep).toList());
    }

    public int devPageCount() {
        return devPages.size();
    }

    public boolean usesDevPages() {
        return !devPages.isEmpty();
    }

    /** Average size of the page bodies served, in bytes. */
    public long averagePageBytes() {
        if (devPages.isEmpty()) {
            return render(1, "http://x", "http://x").length;
        }
        return devPages.stream().mapToLong(b -> b.length).sum() / devPages.size();
    }

    /** The path of article {@code i}: {@code /news/000042/<slug>.html}. */
    public static String path(int i) {
        return String.format(Locale.ROOT, "/news/%06d/%s.html", i, slug(i));
    }

    /** The headline of templated article {@code i}. */
    public static String title(int i) {
        SplittableRandom r = new SplittableRandom(i * 7919L + 17);
        StringBuilder b = new StringBuilder();
        for (int w = 0; w < 6; w++) {
            String word = WORDS[r.nextInt(WORDS.length)];
            b.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word).append(' ');
        }
        return b.append("(report ").append(i).append(')').toString();
    }

    /** The page of article {@code i} as served on {@code base}; canonical links always name {@code canonicalBase}. */
    public byte[] render(int i, String base, String canonicalBase) {
        String canonical = canonicalBase + path(i);
        if (!devPages.isEmpty()) {
            return templates.get(i % templates.size()).render(String.valueOf(i).getBytes(StandardCharsets.UTF_8),
                    canonical.getBytes(StandardCharsets.UTF_8));
        }
        return templatedPage(i, base, canonical).getBytes(StandardCharsets.UTF_8);
    }

    private static final char INDEX_MARK = '\u0001';
    private static final char CANONICAL_MARK = '\u0002';

    /** The page prepared once: canonical links removed, a mark where the article index and where the canonical URL go. */
    private static String template(byte[] page) {
        String html = new String(page, StandardCharsets.UTF_8).replace(INDEX_MARK, ' ').replace(CANONICAL_MARK, ' ');
        html = CANONICAL.matcher(html).replaceAll("");
        html = TITLE.matcher(html).replaceFirst("<title>" + INDEX_MARK + " | ");
        html = HEAD.matcher(html).replaceFirst(m -> java.util.regex.Matcher.quoteReplacement(m.group() + "<link rel=\"canonical\" href=\"" + CANONICAL_MARK + "\">"));
        return html;
    }

    private static String templatedPage(int i, String base, String canonical) {
        SplittableRandom r = new SplittableRandom(i * 104_729L + 3);
        String title = title(i);
        Instant published = Instant.parse("2026-01-01T06:00:00Z").plusSeconds(i * 97L);
        String author = capital(WORDS[r.nextInt(WORDS.length)]) + " " + capital(WORDS[r.nextInt(WORDS.length)]) + "son";
        StringBuilder b = new StringBuilder(8192);
        b.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(title).append(" | Load News</title>\n")
                .append("<link rel=\"canonical\" href=\"").append(canonical).append("\">\n")
                .append("<meta property=\"og:title\" content=\"").append(title).append("\">\n")
                .append("<meta property=\"og:type\" content=\"article\">\n")
                .append("<meta property=\"article:published_time\" content=\"").append(published).append("\">\n")
                .append("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",")
                .append("\"headline\":\"").append(title).append("\",\"datePublished\":\"").append(published)
                .append("\",\"author\":{\"@type\":\"Person\",\"name\":\"").append(author).append("\"}}</script>\n")
                .append("</head><body><header class=\"site\"><a href=\"").append(base).append("/\">Load News</a><nav>")
                .append("<a href=\"").append(base).append("/world/\">World</a> <a href=\"").append(base)
                .append("/sport/\">Sport</a></nav></header>\n<main><article><h1>").append(title).append("</h1>\n")
                .append("<p class=\"byline\">By <a rel=\"author\" href=\"").append(base).append("/authors/a").append(i % 40)
                .append("\">").append(author).append("</a></p><time datetime=\"").append(published).append("\">")
                .append(published).append("</time>\n<div class=\"article-body\">\n");
        int paragraphs = 6 + r.nextInt(5);
        for (int p = 0; p < paragraphs; p++) {
            b.append("<p>");
            int words = 40 + r.nextInt(40);
            for (int w = 0; w < words; w++) {
                String word = WORDS[r.nextInt(WORDS.length)];
                b.append(w == 0 ? capital(word) : word).append(w == words - 1 ? "." : " ");
            }
            b.append("</p>\n");
        }
        b.append("</div></article>\n<aside class=\"related\"><h2>Related</h2><ul>");
        for (int k = 1; k <= 3; k++) {
            int j = Math.max(0, i - k);
            b.append("<li><a href=\"").append(base).append(path(j)).append("\">").append(title(j)).append("</a></li>");
        }
        return b.append("</ul></aside></main><footer>&copy; Load News, a fictional site</footer></body></html>\n").toString();
    }

    private static String slug(int i) {
        SplittableRandom r = new SplittableRandom(i * 7919L + 17);
        return WORDS[r.nextInt(WORDS.length)] + "-" + WORDS[r.nextInt(WORDS.length)] + "-" + WORDS[r.nextInt(WORDS.length)];
    }

    private static String capital(String w) {
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }
}
