package dev.newsflow.processor.dedup;

import dev.newsflow.avro.Article;
import dev.newsflow.avro.Sighting;
import dev.newsflow.avro.SightingKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Publishes every {@link Article} (records arrive keyed by article id). A new story waits until each SimHash
 * table answered and each counted candidate was confirmed or refused, then is published with {@code duplicateOf}
 * set to the earliest confirmed candidate (plus a DUPLICATE sighting on that article). Later copies update the
 * article: URL list, canonical URL moved to the primary host (order independence), or a new revision. Copies
 * arriving while the decision is pending are queued and applied after it, so updates never overtake it.
 */
final class ArticleStage implements Processor<String, DedupMessage, String, Object> {
    static final String STORE = "dedup-articles";
    static final String PENDING = "dedup-pending";

    private final DedupSettings settings;
    private final DedupMetrics metrics;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, byte[]> store;
    private KeyValueStore<String, byte[]> pending;

    ArticleStage(DedupSettings settings, DedupMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        this.pending = context.getStateStore(PENDING);
        context.schedule(settings.purgeInterval(), PunctuationType.STREAM_TIME, this::punctuate);
    }

    @Override
    public void process(Record<String, DedupMessage> record) {
        String id = record.key();
        byte[] raw = store.get(id);
        ArticleState s = raw == null ? new ArticleState() : ArticleState.decode(raw);
        s.lastSeen = Math.max(s.lastSeen, record.timestamp());
        DedupMessage m = record.value();
        if (m instanceof DedupMessage.NewStory n) {
            start(id, s, n, record.timestamp());
        } else if (m instanceof DedupMessage.TableDone t) {
            s.tablesDone++;
            s.confirmsExpected += t.confirms();
        } else if (m instanceof DedupMessage.Verdict v) {
            verdict(s, v, record.timestamp());
        } else if (m instanceof DedupMessage.Copy c) {
            if (s.published) {
                apply(s, c, record.timestamp());
            } else {
                s.queue.add(DedupMessageSerde.encode(c));
            }
        }
        if (!s.published && s.decisionComplete()) {
            finish(id, s, record.timestamp());
        }
        store.put(id, s.encode());
    }

    private void start(String id, ArticleState s, DedupMessage.NewStory n, long now) {
        DedupMessage.Facts f = n.facts();
        s.awaitingDecision = true;
        pending.put(id, new Bin.Out().u8(1).i64(now).bytes(n.article()).toBytes());
        s.tablesExpected = n.tables();
        s.pendingSince = now;
        s.storyKey = f.storyKey();
        s.revision = 1;
        s.contentHash = f.contentHash();
        s.urls = new ArrayList<>(List.of(n.url()));
        s.canonicalUrl = n.preferredUrl();
        s.host = f.host();
        s.canonicalOnPrimary = n.onPrimaryHost();
        s.simhash = f.simhash();
        s.fetchedAt = f.fetchedAt();
    }

    private void verdict(ArticleState s, DedupMessage.Verdict v, long now) {
        if (v.counted()) {
            s.verdicts++;
        }
        if (!v.confirmed()) {
            return;
        }
        boolean changed = s.offer(v.candidateId(), v.candidateFetchedAt(), v.distance());
        if (s.published && changed) {
            // Found late (both indexed concurrently on different partitions): provenance now, article on its next update.
            metrics.decision(DedupMetrics.Decision.LATE_DUPLICATE);
            duplicateSighting(s, now);
        }
    }

    private void finish(String id, ArticleState s, long now) {
        byte[] raw = pending.get(id);
        pending.delete(id);
        s.awaitingDecision = false;
        if (raw == null) {
            return;
        }
        Bin.In in = new Bin.In(raw);
        in.u8();
        in.i64();
        Article draft = Bin.articleOf(in.bytes());
        s.published = true;
        publish(s, draft, now);
        if (s.duplicateOf != null) {
            metrics.decision(DedupMetrics.Decision.DUPLICATE);
            duplicateSighting(s, now);
        }
        List<byte[]> queued = s.queue;
        s.queue = new ArrayList<>();
        for (byte[] q : queued) {
            apply(s, (DedupMessage.Copy) DedupMessageSerde.decode(q), now);
        }
    }

    private void apply(ArticleState s, DedupMessage.Copy c, long now) {
        boolean changed = false;
        if (c.revision() > s.revision) {
            s.revision = c.revision();
            s.previousHash = c.previousHash();
            s.contentHash = c.facts().contentHash();
            s.simhash = c.facts().simhash();
            s.fetchedAt = c.facts().fetchedAt();
            changed = true;
        }
        if (!s.urls.contains(c.url()) && s.urls.size() < settings.maxUrls()) {
            s.urls.add(c.url());
            changed = true;
        }
        if (!s.canonicalOnPrimary && c.onPrimaryHost()) {
            s.canonicalOnPrimary = true;
            s.canonicalUrl = c.preferredUrl();
            s.host = c.facts().host();
            metrics.decision(DedupMetrics.Decision.CANONICAL_MOVED);
            changed = true;
        }
        if (changed) {
            publish(s, Bin.articleOf(c.article()), now);
        }
    }

    /** Publishes {@code content} (freshly decoded, so updated in place) with the article's identity fields. */
    private void publish(ArticleState s, Article content, long now) {
        content.setRevision(s.revision);
        content.setPreviousContentHash(s.previousHash);
        content.setStoryKey(s.storyKey);
        content.setCanonicalUrl(s.canonicalUrl);
        content.setUrls(List.copyOf(s.urls));
        content.setHost(s.host);
        content.setContentHash(s.contentHash);
        content.setSimhash(s.simhash);
        content.setDuplicateOf(s.duplicateOf);
        content.setDuplicateDistance(s.duplicateOf == null ? null : s.distance);
        content.setFetchedAt(Instant.ofEpochMilli(s.fetchedAt));
        content.setProcessedAt(Instant.now());
        context.forward(new Record<>(content.getArticleId(), content, now));
    }

    private void duplicateSighting(ArticleState s, long now) {
        Sighting sighting = Sighting.newBuilder().setArticleId(s.duplicateOf).setUrl(s.canonicalUrl).setHost(s.host)
                .setKind(SightingKind.DUPLICATE).setSourceId("").setStoryKey(s.storyKey).setDistance(s.distance)
                .setSeenAt(Instant.ofEpochMilli(s.fetchedAt)).build();
        context.forward(new Record<>(s.duplicateOf, sighting, now));
    }

    private void punctuate(long now) {
        long cutoff = now - settings.retention().toMillis();
        long stuck = now - settings.decisionTimeout().toMillis();
        List<String> expired = new ArrayList<>();
        List<KeyValue<String, ArticleState>> timedOut = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                if (StoryState.timestampOf(kv.value) < cutoff) {
                    expired.add(kv.key);
                    continue;
                }
                if (kv.value[9] == 0) {
                    ArticleState s = ArticleState.decode(kv.value);
                    if (s.awaitingDecision && s.pendingSince < stuck) {
                        timedOut.add(KeyValue.pair(kv.key, s));
                    }
                }
            }
        }
        expired.forEach(store::delete);
        metrics.purged(STORE, expired.size());
        metrics.purged(PENDING, Retention.purge(pending, cutoff, StoryState::timestampOf));
        for (KeyValue<String, ArticleState> kv : timedOut) {
            finish(kv.key, kv.value, now);
            store.put(kv.key, kv.value.encode());
        }
    }
}
