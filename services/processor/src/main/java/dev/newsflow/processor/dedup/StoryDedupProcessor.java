package dev.newsflow.processor.dedup;

import dev.newsflow.avro.Article;
import dev.newsflow.avro.ParsedPage;
import dev.newsflow.avro.Sighting;
import dev.newsflow.avro.SightingKind;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Exact deduplication by story key. The store keeps the current revision of each story's article; a copy
 * with the same body becomes a sighting, a changed body a new revision.
 */
final class StoryDedupProcessor implements Processor<String, ParsedPage, String, SpecificRecord> {
    private final String storeName;
    private final MeterRegistry meters;
    private KeyValueStore<String, Article> store;
    private ProcessorContext<String, SpecificRecord> context;

    StoryDedupProcessor(String storeName, MeterRegistry meters) {
        this.storeName = storeName;
        this.meters = meters;
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, ParsedPage> record) {
        ParsedPage page = record.value();
        Article draft = page.getArticle();
        Article current = store.get(page.getStoryKey());
        if (current == null) {
            Article article = Article.newBuilder(draft).setArticleId(ContentHash.articleId(page.getStoryKey())).setRevision(1)
                    .setUrls(List.of(page.getUrl())).setCanonicalUrl(page.getUrl()).build();
            store.put(page.getStoryKey(), article);
            emit(record, article, sighting(article, page, SightingKind.PRIMARY));
            return;
        }
        List<String> urls = new ArrayList<>(current.getUrls());
        boolean newUrl = !urls.contains(page.getUrl());
        if (newUrl) {
            urls.add(page.getUrl());
        }
        boolean moveToPrimary = page.getOnPrimaryHost() && !page.getHost().equals(current.getHost());
        if (!draft.getContentHash().equals(current.getContentHash())) {
            Article revision = Article.newBuilder(draft).setArticleId(current.getArticleId()).setRevision(current.getRevision() + 1)
                    .setPreviousContentHash(current.getContentHash()).setUrls(urls)
                    .setCanonicalUrl(moveToPrimary ? page.getUrl() : current.getCanonicalUrl())
                    .setHost(moveToPrimary ? page.getHost() : current.getHost()).build();
            store.put(page.getStoryKey(), revision);
            emit(record, revision, sighting(revision, page, SightingKind.REVISION));
            return;
        }
        SightingKind kind = !newUrl ? SightingKind.REFETCH : page.getHost().equals(current.getHost()) || moveToPrimary && sameSite(page, current)
                ? SightingKind.TRACKING : SightingKind.MIRROR;
        if (newUrl || moveToPrimary) {
            Article updated = Article.newBuilder(current).setUrls(urls).setProcessedAt(Instant.now())
                    .setCanonicalUrl(moveToPrimary ? page.getUrl() : current.getCanonicalUrl())
                    .setHost(moveToPrimary ? page.getHost() : current.getHost()).build();
            store.put(page.getStoryKey(), updated);
            emit(record, updated, sighting(updated, page, kind));
        } else {
            emit(record, null, sighting(current, page, kind));
        }
    }

    private static boolean sameSite(ParsedPage page, Article current) {
        return page.getHost().replaceFirst("^(www|m)\\.", "").equals(current.getHost().replaceFirst("^(www|m)\\.", ""));
    }

    private void emit(Record<String, ParsedPage> record, Article article, Sighting sighting) {
        if (article != null) {
            context.forward(record.withKey(article.getArticleId()).withValue(article));
            meters.counter("news.dedup.decisions", "kind", article.getRevision() == 1 && sighting.getKind() == SightingKind.PRIMARY
                    ? "new" : sighting.getKind().name().toLowerCase(java.util.Locale.ROOT)).increment();
        } else {
            meters.counter("news.dedup.decisions", "kind", sighting.getKind().name().toLowerCase(java.util.Locale.ROOT)).increment();
        }
        context.forward(record.withKey(sighting.getArticleId()).withValue(sighting));
    }

    private static Sighting sighting(Article article, ParsedPage page, SightingKind kind) {
        return Sighting.newBuilder().setArticleId(article.getArticleId()).setUrl(page.getUrl()).setHost(page.getHost())
                .setKind(kind).setSourceId(page.getSourceId()).setStoryKey(page.getStoryKey()).setSeenAt(page.getFetchedAt()).build();
    }
}
