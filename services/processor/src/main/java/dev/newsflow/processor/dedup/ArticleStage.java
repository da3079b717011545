package dev.newsflow.processor.dedup;

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
 * Publishes every {@code Article} (records arrive keyed by article id). A new story waits until each index table
 * answered and each counted candidate was confirmed or refused ({@link Decision}, store {@code dedup-decisions};
 * its draft waits in {@code dedup-pending}), then is published with {@code duplicateOf} set to the earliest
 * confirmed candidate, plus a DUPLICATE sighting on that article. Later copies update the article (store
 * {@code dedup-articles}): URL list, canonical URL moved to the primary host (order independence), or a new
 * revision. Copies arriving while the decision is pending are queued behind it, so updates never overtake it.
 */
final class ArticleStage implements Processor<String, DedupMessage, String, Object> {
    static final String STORE = "dedup-articles";
    static final String PENDING = "dedup-pending";
    static final String DECISIONS = "dedup-decisions";
    /** The content of each article's latest publication for {@code late-window}, so a late duplicate link is published at once. */
    static final String CONTENT = "dedup-content";

    private final DedupSettings settings;
    private final DedupMetrics metrics;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, byte[]> store;
    private KeyValueStore<String, byte[]> pending;
    private KeyValueStore<String, byte[]> decisions;
    private KeyValueStore<String, byte[]> content;

    ArticleStage(DedupSettings settings, DedupMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        this.pending = context.getStateStore(PENDING);
        this.decisions = context.getStateStore(DECISIONS);
        this.content = context.getStateStore(CONTENT);
        context.schedule(settings.purgeInterval(), PunctuationType.STREAM_TIME, this::purge);
        long check = Math.max(1_000, Math.min(30_000, settings.decisionTimeout().toMillis() / 2));
        context.schedule(java.time.Duration.ofMillis(check), PunctuationType.WALL_CLOCK_TIME, this::timeOut);
    }

    @Override
    public void process(Record<String, DedupMessage> record) {
        String id = record.key();
        long now = record.timestamp();
        DedupMessage m = record.value();
        if (m instanceof DedupMessage.NewStory n) {
            start(id, n, now);
        } else if (m instanceof DedupMessage.TableDone t) {
            Decision d = decision(id, now);
            d.tablesDone++;
            d.confirmsExpected += t.confirms();
            settle(id, d, now);
        } else if (m instanceof DedupMessage.Verdict v) {
            verdict(id, v, now);
        } else if (m instanceof DedupMessage.Copy c) {
            byte[] raw = store.get(id);
            ArticleState s = raw == null ? null : ArticleState.decode(raw);
            if (s == null || !s.published) {
                Decision d = decision(id, now);
                d.queue.add(DedupMessageSerde.encode(c));
                decisions.put(id, d.encode());
            } else {
                s.lastSeen = Math.max(s.lastSeen, now);
                apply(s, c, now);
                store.put(id, s.encode());
            }
        }
    }

    private Decision decision(String id, long now) {
        byte[] raw = decisions.get(id);
        if (raw != null) {
            return Decision.decode(raw);
        }
        Decision d = new Decision();
        d.since = now;
        return d;
    }

    private void start(String id, DedupMessage.NewStory n, long now) {
        DedupMessage.Facts f = n.facts();
        ArticleState s = new ArticleState();
        s.lastSeen = now;
        s.storyKey = f.storyKey();
        s.revision = 1;
        s.contentHash = f.contentHash();
        s.urls = new ArrayList<>(List.of(n.url()));
        s.canonicalUrl = n.preferredUrl();
        s.host = f.host();
        s.canonicalOnPrimary = n.onPrimaryHost();
        s.simhash = f.simhash();
        s.fetchedAt = f.fetchedAt();
        Decision d = decision(id, now);
        d.tablesExpected = n.tables();
        d.since = now;
        if (d.complete()) {
            finish(id, s, d, n.article(), now);
            return;
        }
        store.put(id, s.encode());
        pending.put(id, new Bin.Out(n.article().length + 16).u8(1).i64(now).bytes(n.article()).toBytes());
        decisions.put(id, d.encode());
    }

    private void verdict(String id, DedupMessage.Verdict v, long now) {
        if (!v.counted()) {
            byte[] raw = store.get(id);
            ArticleState s = raw == null ? null : ArticleState.decode(raw);
            if (s != null && s.published) {
                // Found late (an earlier copy arrived after this article was published, or both were indexed concurrently on
                // different partitions): the article is republished at once with the earlier link, so the final article is
                // the same whichever copy came first.
                if (v.confirmed() && s.offer(v.candidateId(), v.candidateFetchedAt(), v.distance())) {
                    metrics.decisionOnHost(DedupMetrics.Decision.LATE_DUPLICATE, s.host);
                    duplicateSighting(s, now);
                    byte[] latest = content.get(id);
                    if (latest != null) {
                        Bin.In in = new Bin.In(latest);
                        in.u8();
                        in.i64();
                        publish(s, id, in.bytes(), now);
                    }
                    store.put(id, s.encode());
                }
                return;
            }
        }
        Decision d = decision(id, now);
        if (v.counted()) {
            d.verdicts++;
        }
        if (v.confirmed()) {
            d.offer(v.candidateId(), v.candidateFetchedAt(), v.distance());
        }
        settle(id, d, now);
    }

    /** Finishes the decision when complete, else stores it. */
    private void settle(String id, Decision d, long now) {
        if (!d.complete()) {
            decisions.put(id, d.encode());
            return;
        }
        byte[] rawState = store.get(id);
        byte[] rawDraft = pending.get(id);
        if (rawState == null || rawDraft == null) {
            decisions.put(id, d.encode());
            return;
        }
        Bin.In in = new Bin.In(rawDraft);
        in.u8();
        in.i64();
        finish(id, ArticleState.decode(rawState), d, in.bytes(), now);
        pending.delete(id);
    }

    private void finish(String id, ArticleState s, Decision d, byte[] draft, long now) {
        if (d.bestId != null) {
            s.offer(d.bestId, d.bestFetchedAt, d.bestDistance);
        }
        s.published = true;
        publish(s, id, draft, now);
        if (s.duplicateOf != null) {
            metrics.decision(DedupMetrics.Decision.DUPLICATE, ArticleBytes.sourceId(draft));
            duplicateSighting(s, now);
        }
        for (byte[] q : d.queue) {
            apply(s, (DedupMessage.Copy) DedupMessageSerde.decode(q), now);
        }
        store.put(id, s.encode());
        decisions.delete(id);
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
            metrics.decisionOnHost(DedupMetrics.Decision.CANONICAL_MOVED, s.host);
            changed = true;
        }
        if (changed) {
            publish(s, c.articleId(), c.article(), now);
        }
    }

    /** Publishes the page's article {@code draft} (Avro bytes) with the article's identity fields. */
    private void publish(ArticleState s, String id, byte[] draft, long now) {
        byte[] avro = ArticleBytes.withIdentity(draft, new ArticleBytes.Identity(id, s.revision, s.previousHash, s.storyKey,
                s.canonicalUrl, List.copyOf(s.urls), s.host, s.contentHash, s.simhash, s.duplicateOf,
                s.duplicateOf == null ? null : s.distance, s.fetchedAt, System.currentTimeMillis()));
        context.forward(new Record<>(id, new PublishedArticle(id, avro), now));
        content.put(id, new Bin.Out(draft.length + 16).u8(1).i64(now).bytes(draft).toBytes());
    }

    private void duplicateSighting(ArticleState s, long now) {
        Sighting sighting = Sighting.newBuilder().setArticleId(s.duplicateOf).setUrl(s.canonicalUrl).setHost(s.host)
                .setKind(SightingKind.DUPLICATE).setSourceId("").setStoryKey(s.storyKey).setDistance(s.distance)
                .setSeenAt(Instant.ofEpochMilli(s.fetchedAt)).build();
        context.forward(new Record<>(s.duplicateOf, sighting, now));
    }

    /** Safety net: publishes decisions still incomplete after {@code decision-timeout} of wall-clock time. */
    private void timeOut(long wallNow) {
        long stuck = wallNow - settings.decisionTimeout().toMillis();
        List<KeyValue<String, Decision>> timedOut = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = decisions.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                Decision d = Decision.decode(kv.value);
                if (d.tablesExpected >= 0 && d.wallSince < stuck) {
                    timedOut.add(KeyValue.pair(kv.key, d));
                }
            }
        }
        for (KeyValue<String, Decision> kv : timedOut) {
            Decision d = kv.value;
            d.tablesDone = Math.max(d.tablesDone, d.tablesExpected);
            d.verdicts = Math.max(d.verdicts, d.confirmsExpected);
            settle(kv.key, d, d.since);
        }
    }

    private void purge(long now) {
        long cutoff = now - settings.retention().toMillis();
        metrics.purged(STORE, Retention.purge(store, cutoff, StoryState::timestampOf));
        metrics.purged(PENDING, Retention.purge(pending, cutoff, StoryState::timestampOf));
        metrics.purged(DECISIONS, Retention.purge(decisions, cutoff, StoryState::timestampOf));
        metrics.purged(CONTENT, Retention.purge(content, now - settings.lateWindow().toMillis(), StoryState::timestampOf));
    }
}
