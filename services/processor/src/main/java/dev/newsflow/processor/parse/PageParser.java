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
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The parse stage as a pure function: a {@link RawPage} becomes a {@link ParsedPage} (draft article with its
 * story key), or a dead letter with the reason. Never throws for bad input.
 */
public final class PageParser {
    private final Supplier<SourcesConfig> sources;
    private final ArticleExtractor extractor = new ArticleExtractor();
    private final long maxBodyBytes;

    public PageParser(Supplier<SourcesConfig> sources, long maxBodyBytes) {
        this.sources = sources;
        this.maxBodyBytes = maxBodyBytes;
    }

    public ParseOutcome parse(RawPage page, Instant now) {
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
        StoryKey key = new StoryKeys(config).keyFor(url, a.canonicalUrl());
        Instant published = a.publishedAt() != null ? a.publishedAt() : page.getHintPublishedAt();
        String evidence = a.publishedAt() != null ? a.publishedAtEvidence() : published != null ? "feed" : null;
        Article draft = Article.newBuilder()
                .setArticleId("").setRevision(0).setStoryKey(key.key()).setCanonicalUrl(url).setUrls(List.of(url))
                .setSourceId(page.getSourceId()).setHost(key.host()).setSiteName(a.siteName())
                .setTitle(a.title() != null ? a.title() : page.getHintTitle()).setDescription(a.description())
                .setBodyText(a.bodyText()).setBodyHtml(a.bodyHtml()).setAuthors(a.authors())
                .setPublishedAt(published).setPublishedAtEvidence(evidence).setModifiedAt(a.modifiedAt())
                .setLanguage(a.language()).setSection(a.section()).setTags(a.tags()).setLeadImage(a.leadImage())
                .setWordCount(wordCount(a.bodyText())).setContentHash(ContentHash.of(a.bodyText())).setSimhash(0L)
                .setFetchedAt(page.getFetchCompletedAt()).setProcessedAt(now).setExtractorVersion(ArticleExtractor.VERSION)
                .build();
        return new ParseOutcome.Parsed(ParsedPage.newBuilder().setUrl(url).setRequestedUrl(page.getRequestedUrl())
                .setHost(key.host()).setSourceId(page.getSourceId()).setStoryKey(key.key()).setOnPrimaryHost(key.onPrimaryHost())
                .setFetchedAt(page.getFetchCompletedAt()).setArticle(draft).build());
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

    private static boolean looksBinary(byte[] bytes) {
        int n = Math.min(bytes.length, 1024);
        int zeros = 0;
        for (int i = 0; i < n; i++) {
            if (bytes[i] == 0) {
                zeros++;
            }
        }
        boolean pdf = n >= 4 && bytes[0] == '%' && bytes[1] == 'P' && bytes[2] == 'D' && bytes[3] == 'F';
        return pdf || zeros > n / 50;
    }

    private static ParseOutcome fail(RawPage page, String reason, String message, Instant now) {
        DeadLetter dl = DeadLetters.of("parse", reason, message, now).setUrl(page.getFinalUrl()).setSourceId(page.getSourceId()).build();
        return new ParseOutcome.Failed(dl);
    }
}
