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
 * answered and each counted candidate was confirmed or refused ({@link Decision}, in-memory store
 * {@code dedup-decisions-v2}, which also holds its identity fields meanwhile; its draft waits in {@code dedup-content},
 * where it stays as the content of its first publication), then is published with {@code duplicateOf} set to the earliest
 * confirmed candidate, plus a DUPLICATE sighting on that article. Later copies update the article (store
 * {@code dedup-articles}): URL list, canonical URL moved to the primary host (order independence), or a new
 * revision. Copies arriving while the decision is pending are queued behind it, so updates never overtake it.
 */
final class ArticleStage implements Processor<String, DedupMessage, String, Object> {
    static final String STORE = "dedup-articles";
    /** Decisions in flight (in memory; v2: the pending article's identity fields are part of the value). */
    static final String DECISIONS = "dedup-decisions-v2";
    /**
     * The content of each article's latest publication for {@code late-window}, so a late duplicate link is published at
     * once; also the draft of a new story while its decision is pending.
     */
    static final String CONTENT = "dedup-content";

    private final DedupSettings settings;
    private final DedupMetrics metrics;
    private ProcessorContext<String, Object> context;
    private KeyValueStore<String, byte[]> store;
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
            finish(id, s, d, n.article(), now, false);
            return;
        }
        // the identity fields wait in the decision, the draft in the content store, stamped with this record's time:
        // the answers that complete the decision carry the same time, so it is already the content of the publication
        d.state = s.encode();
        content.put(id, ContentValue.of(now, n.article()));
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
                        publish(s, id, ContentValue.draft(latest), now, true);
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
        byte[] rawDraft = d.state == null ? null : content.get(id);
        if (rawDraft == null) {
            decisions.put(id, d.encode());
            return;
        }
        boolean stored = StoryState.timestampOf(rawDraft) == now;
        finish(id, ArticleState.decode(d.state), d, ContentValue.draft(rawDraft), now, stored);
    }

    /** Publishes a new story; {@code stored}: its content entry already holds {@code draft} stamped {@code now}. */
    private void finish(String id, ArticleState s, Decision d, byte[] draft, long now, boolean stored) {
        if (d.bestId != null) {
            s.offer(d.bestId, d.bestFetchedAt, d.bestDistance);
        }
        s.published = true;
        publish(s, id, draft, now, !stored);
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
            publish(s, c.articleId(), c.article(), now, true);
        }
    }

    /**
     * Publishes the page's article {@code draft} (Avro bytes) with the article's identity fields and keeps the draft as the
     * article's content ({@code storeContent} false: the content store holds it already, with the same time).
     */
    private void publish(ArticleState s, String id, byte[] draft, long now, boolean storeContent) {
        byte[] avro = ArticleBytes.withIdentity(draft, new ArticleBytes.Identity(id, s.revision, s.previousHash, s.storyKey,
                s.canonicalUrl, List.copyOf(s.urls), s.host, s.contentHash, s.simhash, s.duplicateOf,
                s.duplicateOf == null ? null : s.distance, s.fetchedAt, System.currentTimeMillis()));
        context.forward(new Record<>(id, new PublishedArticle(id, avro), now));
        if (storeContent) {
            content.put(id, ContentValue.of(now, draft));
        }
    }

    private void duplicateSighting(ArticleState s, long now) {
        Sighting sighting = new Sighting(s.duplicateOf, s.canonicalUrl, s.host, SightingKind.DUPLICATE, "", s.storyKey, s.distance,
                Instant.ofEpochMilli(s.fetchedAt));
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
        metrics.purged(DECISIONS, Retention.purge(decisions, cutoff, StoryState::timestampOf));
        metrics.purged(CONTENT, purgeContent(now - settings.lateWindow().toMillis(), cutoff));
    }

    /**
     * Content older than {@code lateCutoff} goes, except the draft of a new story whose decision is still pending, which is
     * kept like the decision (until {@code cutoff}).
     */
    private int purgeContent(long lateCutoff, long cutoff) {
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, byte[]> it = content.all()) {
            while (it.hasNext()) {
                KeyValue<String, byte[]> kv = it.next();
                long t = StoryState.timestampOf(kv.value);
                if (t < lateCutoff && (t < cutoff || decisions.get(kv.key) == null)) {
                    expired.add(kv.key);
                }
            }
        }
        for (String key : expired) {
            content.delete(key);
        }
        return expired.size();
    }
}
