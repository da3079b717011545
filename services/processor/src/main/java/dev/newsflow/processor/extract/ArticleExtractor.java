package dev.newsflow.processor.extract;

import dev.newsflow.common.sources.ExtractionOverrides;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Extracts the article from a decoded HTML page: metadata and dates are read from the intact document (JSON-LD,
 * meta tags, visible datelines); the body is found by content mass over the cleaned document (see
 * docs/extraction.md), with per-source overrides winning. Pure function of its inputs; thread-safe; never throws.
 */
public final class ArticleExtractor {
    /** Bumped whenever the output for the same input may change. */
    public static final String VERSION = "1.2";
    /** Pages are cut at this many characters: bounds time and memory on hostile input. */
    static final int MAX_CHARS = 3_000_000;
    private static final int MAX_DEPTH = 256;

    /** Extracts from {@code html} fetched at {@code url}, applying the source's overrides. */
    public ExtractionResult extract(String html, String url, ExtractionOverrides overrides) {
        try {
            return extractOrFail(html, url == null ? "" : url, overrides == null ? ExtractionOverrides.NONE : overrides);
        } catch (RuntimeException | StackOverflowError e) {
            return new ExtractionResult.NoArticle("extraction-failed", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /**
     * The publication date of a page with its evidence and the day as the page states it (the instant alone loses the
     * page's own calendar day); null when none is found. Uses only the HTML, never a URL. Never throws.
     */
    public PublicationDate publicationDate(String html) {
        return publicationDate(html, null);
    }

    /**
     * As {@link #publicationDate(String)}, then, when the page states no date, the day in {@code url}'s path (evidence
     * {@code url}, low confidence). Never throws.
     */
    public PublicationDate publicationDate(String html, String url) {
        PublicationDate d = publicationDateOfPage(html);
        return d != null || url == null ? d : UrlDates.find(url, PublicationDates.latestPlausibleDay());
    }

    private PublicationDate publicationDateOfPage(String html) {
        if (html == null || html.isBlank() || looksBinary(html)) {
            return null;
        }
        try {
            Document doc = parse(html, "");
            PageIndex index = PageIndex.of(doc);
            return new PublicationDates(doc, index, JsonLd.of(index), ExtractionOverrides.NONE).find().published();
        } catch (RuntimeException | StackOverflowError e) {
            return null;
        }
    }

    private static Document parse(String html, String url) {
        String input = html.length() > MAX_CHARS ? html.substring(0, MAX_CHARS) : html;
        return Parser.htmlParser().setMaxDepth(MAX_DEPTH).parseInput(input, url);
    }

    private ExtractionResult extractOrFail(String html, String url, ExtractionOverrides overrides) {
        if (html == null || html.isBlank()) {
            return new ExtractionResult.NoArticle("empty-body", "the page is empty");
        }
        if (looksBinary(html)) {
            return new ExtractionResult.NoArticle("not-html", "the page is not text");
        }
        Document doc = parse(html, url);
        PageIndex index = PageIndex.of(doc);
        JsonLd jsonLd = JsonLd.of(index);
        Metadata meta = Metadata.read(doc, index, jsonLd, overrides);
        PublicationDates.Found dates = new PublicationDates(doc, index, jsonLd, overrides).find();
        PublicationDate published = dates.published() != null ? dates.published()
                : UrlDates.find(url, PublicationDates.latestPlausibleDay());
        PublicationDate modified = dates.modified();
        for (String css : overrides.remove()) {
            doc.select(css).remove();
        }
        Element root = overrideBody(doc, overrides);
        BlockWalker walker = BlockWalker.walk(root);
        ContentLocator.Selection selection = root == doc.body()
                ? ContentLocator.locate(root, walker) : ContentLocator.whole(root, walker);
        List<Block> blocks = BodyAssembler.select(walker, selection);
        BodyAssembler.Body body = BodyAssembler.render(blocks);
        body = StructuredBody.preferIfTrustworthy(body, jsonLd, walker);
        if (body.text().isBlank()) {
            return new ExtractionResult.NoArticle("empty-body", "no article text found");
        }
        return new ExtractionResult.Found(new ExtractedArticle(meta.title(), meta.description(), body.text(), body.html(),
                meta.authors(), published == null ? null : published.instant(),
                published == null ? null : published.evidence(), published == null ? null : published.confidence(),
                modified == null ? null : modified.instant(), modified == null ? null : modified.evidence(),
                meta.language(body.text()), meta.section(),
                meta.tags(), meta.leadImage(), meta.siteName(), meta.canonicalUrl()));
    }

    private static Element overrideBody(Document doc, ExtractionOverrides overrides) {
        if (overrides.body() != null) {
            Element e = doc.selectFirst(overrides.body());
            if (e != null) {
                return e;
            }
        }
        return doc.body();
    }

    /** Control characters other than whitespace in the first kilobytes mean bytes, not markup. */
    private static boolean looksBinary(String html) {
        int n = Math.min(html.length(), 4096);
        int control = 0;
        for (int i = 0; i < n; i++) {
            char c = html.charAt(i);
            if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' || c == '\ufffd') {
                control++;
            }
        }
        return control > n / 10;
    }
}
