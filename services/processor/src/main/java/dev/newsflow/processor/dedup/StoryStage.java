package dev.newsflow.processor.dedup;

import dev.newsflow.avro.Article;
import dev.newsflow.avro.ParsedPage;
import dev.newsflow.avro.Sighting;
import dev.newsflow.avro.SightingKind;
import dev.newsflow.processor.canonical.HostFolding;
import dev.newsflow.processor.canonical.NormalizedUrl;
import dev.newsflow.processor.canonical.UrlNormalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Exact deduplication by story key (records arrive keyed by story key). The first copy of a key is a new story:
 * it gets its article id, and — when its body is long enough — its shingles are registered and its SimHash
 * blocks probed for near-duplicates. Later copies are sightings (mirror, tracking, refetch) or, when the body
 * changed, a new revision of the same article. Articles themselves are published by {@link ArticleStage}.
 */
final class StoryStage implements Processor<String, StoryInput, String, Object> {
    static final String STORE = "dedup-story-store";

    private final DedupSettings settings;
    private final SimHashBlocks blocks;
    private final DedupMetrics metrics;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, byte[]> store;

    StoryStage(DedupSettings settings, DedupMetrics metrics) {
        this.settings = settings;
        this.blocks = new SimHashBlocks(settings.blocks());
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        context.schedule(settings.purgeInterval(), PunctuationType.STREAM_TIME,
                now -> metrics.purged(STORE, Retention.purge(store, now - settings.retention().toMillis(), StoryState::timestampOf)));
    }

    @Override
    public void process(Record<String, StoryInput> record) {
        if (record.value() == null || record.key() == null) {
            return;
        }
        ParsedPage page = record.value().page();
        Article draft = page.getArticle();
        String contentHash = draft.getContentHash() == null || draft.getContentHash().isEmpty()
                ? ContentHash.of(draft.getBodyText()) : draft.getContentHash();
        Optional<NormalizedUrl> normalized = UrlNormalizer.normalize(page.getUrl());
        String preferred = normalized.map(NormalizedUrl::toUrl).orElse(page.getUrl());
        long now = record.timestamp();
        byte[] raw = store.get(record.key());
        if (raw == null) {
            newStory(record, page, draft, contentHash, preferred, normalized, now);
            return;
        }
        StoryState state = StoryState.decode(raw);
        List<String> urls = new ArrayList<>(state.urls());
        boolean seen = urls.contains(page.getUrl());
        if (!seen && urls.size() < settings.maxUrls()) {
            urls.add(page.getUrl());
        }
        if (!contentHash.equals(state.contentHash())) {
            int revision = state.revision() + 1;
            BodyFingerprint fp = BodyFingerprint.of(draft.getBodyText(), settings.shingle());
            // the article stage sets the identity fields (id, revision, hashes, URLs) when it publishes
            forwardArticle(record, state.articleId(), new DedupMessage.Copy(state.articleId(), articleBytes(record.value()),
                    facts(record.key(), draft.getHost(), contentHash, fp.simhash(), draft), page.getUrl(), preferred,
                    page.getOnPrimaryHost(), revision, state.contentHash()));
            if (matchable(fp)) {
                // later copies of the revised text must find the article too; it keeps its place in "earliest" order
                long firstFetchedAt = state.fetchedAt() >= 0 ? state.fetchedAt() : page.getFetchedAt().toEpochMilli();
                index(record, state.articleId(), fp, firstFetchedAt, page, normalized, true);
            }
            sighting(record, page, state.articleId(), SightingKind.REVISION);
            metrics.decision(DedupMetrics.Decision.REVISION, page.getSourceId());
            store.put(record.key(), new StoryState(state.articleId(), contentHash, revision, urls, now, state.fetchedAt()).encode());
            return;
        }
        SightingKind kind = seen ? SightingKind.REFETCH : sameSite(page.getHost(), state.urls()) ? SightingKind.TRACKING : SightingKind.MIRROR;
        if (!seen) {
            forwardArticle(record, state.articleId(), new DedupMessage.Copy(state.articleId(), articleBytes(record.value()),
                    facts(record.key(), draft.getHost(), contentHash, draft.getSimhash(), draft), page.getUrl(), preferred,
                    page.getOnPrimaryHost(), 0, null));
        }
        sighting(record, page, state.articleId(), kind);
        metrics.decision(kind == SightingKind.REFETCH ? DedupMetrics.Decision.REFETCH
                : kind == SightingKind.TRACKING ? DedupMetrics.Decision.TRACKING : DedupMetrics.Decision.MIRROR, page.getSourceId());
        store.put(record.key(), new StoryState(state.articleId(), contentHash, state.revision(), urls, now, state.fetchedAt()).encode());
    }

    private void newStory(Record<String, StoryInput> record, ParsedPage page, Article draft, String contentHash, String preferred,
                          Optional<NormalizedUrl> normalized, long now) {
        String articleId = ContentHash.articleId(record.key());
        BodyFingerprint fp = BodyFingerprint.of(draft.getBodyText(), settings.shingle());
        boolean matchable = matchable(fp);
        long fetchedAt = page.getFetchedAt().toEpochMilli();
        int anchors = Math.min(settings.anchors(), fp.shingles().length);
        forwardArticle(record, articleId, new DedupMessage.NewStory(articleBytes(record.value()),
                facts(record.key(), page.getHost(), contentHash, fp.simhash(), draft), page.getUrl(), preferred, page.getOnPrimaryHost(),
                matchable ? blocks.blocks() + anchors : 0));
        if (matchable) {
            index(record, articleId, fp, fetchedAt, page, normalized, false);
        }
        sighting(record, page, articleId, SightingKind.PRIMARY);
        metrics.decision(DedupMetrics.Decision.NEW, page.getSourceId());
        store.put(record.key(), new StoryState(articleId, contentHash, 1, List.of(page.getUrl()), now, fetchedAt).encode());
    }

    private boolean matchable(BodyFingerprint fp) {
        return fp.words() >= settings.minWords() && fp.shingles().length > 0;
    }

    /**
     * Registers the body's shingles and sends one probe per table: a lookup and index request for a new story, an
     * index request only for a revision ({@code indexOnly}).
     */
    private void index(Record<String, StoryInput> record, String articleId, BodyFingerprint fp, long fetchedAt, ParsedPage page,
                       Optional<NormalizedUrl> normalized, boolean indexOnly) {
        String host = HostFolding.fold(page.getHost());
        String path = normalized.map(NormalizedUrl::pathAndQuery).orElse("");
        byte[] shingles = Bin.encodeInts(fp.shingles());
        int[] anchors = java.util.Arrays.copyOf(fp.shingles(), Math.min(settings.anchors(), fp.shingles().length));
        context.forward(record.withKey(articleId).withValue(new DedupMessage.Register(articleId, fetchedAt, shingles, host, path)));
        for (int table = 0; table < blocks.blocks() + anchors.length; table++) {
            String tableKey = table < blocks.blocks() ? blocks.tableKey(fp.simhash(), table)
                    : "a:" + Integer.toHexString(anchors[table - blocks.blocks()]);
            context.forward(record.withKey(tableKey)
                    .withValue(new DedupMessage.Probe(articleId, fp.simhash(), fetchedAt, table, anchors, shingles, host, path, indexOnly)));
        }
    }

    /** The draft article's Avro bytes: as they arrived when the writer schema is the current one, else encoded here. */
    private static byte[] articleBytes(StoryInput in) {
        return in.articleAvro() != null ? in.articleAvro() : Bin.articleBytes(in.page().getArticle());
    }

    private static DedupMessage.Facts facts(String storyKey, String host, String contentHash, long simhash, Article draft) {
        return new DedupMessage.Facts(storyKey, host, contentHash, simhash, draft.getFetchedAt().toEpochMilli());
    }

    private void forwardArticle(Record<String, StoryInput> record, String articleId, DedupMessage message) {
        context.forward(record.withKey(articleId).withValue(message));
    }

    private void sighting(Record<String, StoryInput> record, ParsedPage page, String articleId, SightingKind kind) {
        // every field given: the constructor builds the same record as the builder, without its per-field defaults and copies
        Sighting s = new Sighting(articleId, page.getUrl(), page.getHost(), kind, page.getSourceId(), record.key(), null, page.getFetchedAt());
        context.forward(record.withKey(articleId).withValue(s));
    }

    private static boolean sameSite(String host, List<String> urls) {
        String folded = HostFolding.fold(host);
        for (String u : urls) {
            if (HostFolding.fold(hostOf(u)).equals(folded)) {
                return true;
            }
        }
        return false;
    }

    /** The lower-cased host of an absolute URL without a full parse (only compared, never used as a key). */
    static String hostOf(String url) {
        int start = url.indexOf("://");
        if (start < 0) {
            return "";
        }
        start += 3;
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        String authority = url.substring(url.lastIndexOf('@', end - 1) >= start ? url.lastIndexOf('@', end - 1) + 1 : start, end);
        int colon = authority.lastIndexOf(':');
        return (colon >= 0 && !authority.endsWith("]") ? authority.substring(0, colon) : authority).toLowerCase(java.util.Locale.ROOT);
    }

    static Instant instant(long millis) {
        return Instant.ofEpochMilli(millis);
    }
}
