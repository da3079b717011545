package dev.newsflow.processor.parse;

import dev.newsflow.avro.Article;
import dev.newsflow.avro.DeadLetter;
import dev.newsflow.avro.ParsedPage;
import dev.newsflow.avro.RawPage;
import dev.newsflow.common.dlq.DeadLetters;
import dev.newsflow.common.sources.ExtractionOverrides;
import dev.newsflow.common.sources.SourceDefinition;
import dev.newsflow.common.sources.SourcesConfig;
import dev.newsflow.processor.canonical.StoryKey;
import dev.newsflow.processor.canonical.StoryKeys;
import dev.newsflow.processor.dedup.ContentHash;
import dev.newsflow.processor.extract.ArticleExtractor;
import dev.newsflow.processor.extract.ExtractedArticle;
import dev.newsflow.processor.extract.ExtractionResult;
import dev.newsflow.processor.extract.PageDecoder;
import io.micrometer.core.instrument.Timer;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The parse stage as a pure function: a {@link RawPage} becomes a {@link ParsedPage} (draft article with its
 * story key), or a dead letter with the reason. Never throws for bad input.
 */
public final class PageParser {
    private final Supplier<SourcesConfig> sources;
    private final ArticleExtractor extractor = new ArticleExtractor();
    private final long maxBodyBytes;
    private final int maxBodyChars;
    /** Story keys with the sources they were built from; one volatile pair, shared safely by stream threads. */
    private record Keys(SourcesConfig config, StoryKeys keys) {
    }

    private volatile Keys keys;
    /** Time of the story-key step ({@code news.stage.duration{stage=key}}); null: not measured. */
    private final Timer keyTime;
    /** Enrichment that needs nothing but the draft article (thread-safe), or null: the draft is left as extracted. */
    private final UnaryOperator<Article> articleEnrichment;

    public PageParser(Supplier<SourcesConfig> sources, long maxBodyBytes, int maxBodyChars) {
        this(sources, maxBodyBytes, maxBodyChars, null);
    }

    /**
     * @param maxBodyBytes raw bodies larger than this are dead-lettered as too-large
     * @param maxBodyChars body text and body HTML longer than this are cut (see {@link BodyCap}) and flagged
     * @param keyTime      records the story-key step (null: not timed)
     */
    public PageParser(Supplier<SourcesConfig> sources, long maxBodyBytes, int maxBodyChars, Timer keyTime) {
        this(sources, maxBodyBytes, maxBodyChars, keyTime, null);
    }

    /**
     * @param articleEnrichment applied to each draft article: the enrichers that read nothing but the article
     *                          ({@code Enrichment.articleOnly}), so that they run wherever the page is parsed — on a
     *                          parse-ahead worker when there is one; must be thread-safe; null: none
     */
    public PageParser(Supplier<SourcesConfig> sources, long maxBodyBytes, int maxBodyChars, Timer keyTime,
                      UnaryOperator<Article> articleEnrichment) {
        this.sources = sources;
        this.maxBodyBytes = maxBodyBytes;
        this.maxBodyChars = maxBodyChars;
        this.keyTime = keyTime;
        this.articleEnrichment = articleEnrichment;
    }

    public ParseOutcome parse(RawPage page, Instant now) {
        if (!isAbsoluteHttpUrl(page.getFinalUrl())) {
            return fail(page, "bad-url", "final URL '" + abbreviate(page.getFinalUrl()) + "' is not an absolute http(s) URL", now);
        }
        if (page.getStatus() < 200 || page.getStatus() > 299) {
            return fail(page, "http-status", "HTTP status " + page.getStatus() + " is not a page to extract", now);
        }
        String type = page.getContentType() == null ? "" : page.getContentType().toLowerCase(Locale.ROOT);
        if (!type.isEmpty() && !type.contains("html") && !type.contains("xml")) {
            return fail(page, "not-html", "content type '" + type + "' is not HTML", now);
        }
        ByteBuffer body = page.getBody();
        if (body.remaining() == 0) {
            return fail(page, "empty-body", "the page body is empty", now);
        }
        if (body.remaining() > maxBodyBytes) {
            return fail(page, "too-large", "body of " + body.remaining() + " bytes exceeds the cap of " + maxBodyBytes, now);
        }
        byte[] bytes = new byte[body.remaining()];
        body.duplicate().get(bytes);
        if (looksBinary(bytes)) {
            return fail(page, "binary", "the body is binary data, not text", now);
        }
        SourcesConfig config = sources.get();
        String url = page.getFinalUrl();
        ExtractionOverrides overrides = config.byId(page.getSourceId()).map(SourceDefinition::extraction).orElse(ExtractionOverrides.NONE);
        PageDecoder.Decoded decoded = PageDecoder.decode(bytes, page.getCharset());
        ExtractionResult result = extractor.extract(decoded.html(), url, overrides);
        if (result instanceof ExtractionResult.NoArticle none) {
            return fail(page, none.reason(), none.message(), now);
        }
        ExtractedArticle a = ((ExtractionResult.Found) result).article();
        long keyStart = System.nanoTime();
        StoryKey key = storyKeys(config).keyFor(url, a.canonicalUrl());
        if (keyTime != null) {
            keyTime.record(System.nanoTime() - keyStart, TimeUnit.NANOSECONDS);
        }
        // The feed entry's date beats the day in the URL, the extractor's last resort.
        boolean fromPage = a.publishedAt() != null
                && !("url".equals(a.publishedAtEvidence()) && page.getHintPublishedAt() != null);
        Instant published = fromPage ? a.publishedAt() : page.getHintPublishedAt();
        String evidence = fromPage ? a.publishedAtEvidence() : published != null ? "feed" : null;
        Double confidence = fromPage ? a.publishedAtConfidence() : null;
        String bodyText = BodyCap.text(a.bodyText(), maxBodyChars);
        String bodyHtml = BodyCap.html(a.bodyHtml(), maxBodyChars);
        boolean truncated = bodyText != a.bodyText() || bodyHtml != a.bodyHtml();
        Article draft = Article.newBuilder()
                .setArticleId("").setRevision(0).setStoryKey(key.key()).setCanonicalUrl(url).setUrls(List.of(url))
                .setSourceId(page.getSourceId()).setHost(key.host()).setSiteName(a.siteName())
                .setTitle(a.title() != null ? a.title() : page.getHintTitle()).setDescription(a.description())
                .setBodyText(bodyText).setBodyHtml(bodyHtml).setBodyTruncated(truncated).setAuthors(a.authors())
                .setPublishedAt(published).setPublishedAtEvidence(evidence)
                .setPublishedAtConfidence(confidence).setModifiedAt(a.modifiedAt()).setModifiedAtEvidence(a.modifiedAtEvidence())
                .setLanguage(a.language()).setSection(a.section()).setTags(a.tags()).setLeadImage(a.leadImage())
                .setWordCount(wordCount(bodyText)).setContentHash(ContentHash.of(bodyText)).setSimhash(0L)
                .setFetchedAt(page.getFetchCompletedAt()).setProcessedAt(now).setExtractorVersion(ArticleExtractor.VERSION)
                .build();
        if (articleEnrichment != null) {
            draft = articleEnrichment.apply(draft);
        }
        return new ParseOutcome.Parsed(ParsedPage.newBuilder().setUrl(url).setRequestedUrl(page.getRequestedUrl())
                .setHost(key.host()).setSourceId(page.getSourceId()).setStoryKey(key.key()).setOnPrimaryHost(key.onPrimaryHost())
                .setFetchedAt(page.getFetchCompletedAt()).setArticle(draft).build());
    }

    /** Story keys for {@code config}, rebuilt only when the sources change (not once per record). */
    private StoryKeys storyKeys(SourcesConfig config) {
        Keys current = keys;
        if (current == null || current.config() != config) {
            current = new Keys(config, new StoryKeys(config));
            keys = current;
        }
        return current.keys();
    }

    static int wordCount(String text) {
        int count = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean letter = Character.isLetterOrDigit(text.charAt(i));
            if (letter && !inWord) {
                count++;
            }
            inWord = letter;
        }
        return count;
    }

    static boolean looksBinary(byte[] bytes) {
        int n = Math.min(bytes.length, 1024);
        int zeros = 0;
        int controls = 0;
        for (int i = 0; i < n; i++) {
            int b = bytes[i] & 0xff;
            if (b == 0) {
                zeros++;
            } else if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f' && b != 0x1b) {
                controls++;
            }
        }
        // text (any ASCII-compatible charset) has next to no C0 controls; random, compressed or image bytes have ~10 %
        return magic(bytes) || zeros > n / 50 || controls > n / 20;
    }

    private static boolean magic(byte[] b) {
        return startsWith(b, '%', 'P', 'D', 'F') || startsWith(b, 0x89, 'P', 'N', 'G') || startsWith(b, 0xff, 0xd8, 0xff)
                || startsWith(b, 'G', 'I', 'F', '8') || startsWith(b, 'P', 'K', 3, 4) || startsWith(b, 0x1f, 0x8b);
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    static boolean isAbsoluteHttpUrl(String url) {
        try {
            java.net.URI u = new java.net.URI(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null && !u.getHost().isEmpty();
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }

    private static ParseOutcome fail(RawPage page, String reason, String message, Instant now) {
        DeadLetter dl = DeadLetters.of("parse", reason, message, now).setUrl(page.getFinalUrl()).setSourceId(page.getSourceId()).build();
        return new ParseOutcome.Failed(dl);
    }
}
