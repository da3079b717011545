package dev.newsflow.sink;

import dev.newsflow.sink.store.JdbcStore;
import dev.newsflow.sink.store.Tally;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;

/**
 * The sink's meters. Every tag comes from a closed set and every series is registered up front, so
 * dashboards and alerts see zeros rather than missing series.
 */
public final class SinkMetrics {
    public static final String ROWS = "news.sink.rows";
    public static final String COMMIT_DURATION = "news.sink.commit.duration";
    public static final String BATCHES = "news.sink.batches";
    public static final String RECORDS = "news.sink.records";
    public static final String DEAD_LETTERS = "news.sink.dead.letters";
    public static final String ERRORS = "news.sink.errors";

    /** Closed set of dead-letter reasons the sink writes. */
    public static final List<String> REASONS = List.of("bad-avro", "unknown-schema", "tombstone", "unknown-topic", "bad-record",
            "too-long", "db-constraint", "db-data", "db-too-big");
    /** Closed set of error kinds: failures retried (database, kafka, registry) and the fatal one. */
    public static final List<String> ERROR_KINDS = List.of("database", "kafka", "registry", "fatal");

    private final MeterRegistry registry;
    private final Timer commit;
    private final Counter batches;

    public SinkMetrics(MeterRegistry registry) {
        this.registry = registry;
        for (String table : List.of(JdbcStore.ARTICLES, JdbcStore.ARTICLE_URLS, JdbcStore.SIGHTINGS)) {
            for (Tally.Outcome o : Tally.Outcome.values()) {
                rows(table, o);
            }
        }
        commit = Timer.builder(COMMIT_DURATION).description("Time to write and commit one batch transaction")
                .publishPercentileHistogram().register(registry);
        batches = Counter.builder(BATCHES).description("Batches committed to the database").register(registry);
        for (String topic : List.of("articles", "sightings")) {
            records(topic);
        }
        REASONS.forEach(this::deadLetter);
        ERROR_KINDS.forEach(this::error);
    }

    private Counter rows(String table, Tally.Outcome outcome) {
        return Counter.builder(ROWS).description("Rows written by the sink, by table and outcome")
                .tag("table", table).tag("outcome", outcome.tag()).register(registry);
    }

    private Counter records(String topic) {
        return Counter.builder(RECORDS).description("Records consumed by the sink, by topic").tag("topic", topic).register(registry);
    }

    private Counter deadLetter(String reason) {
        return Counter.builder(DEAD_LETTERS).description("Records the sink dead-lettered, by reason class")
                .tag("reason", reason).register(registry);
    }

    private Counter error(String kind) {
        return Counter.builder(ERRORS).description("Sink failures (retried unless fatal), by kind").tag("kind", kind).register(registry);
    }

    /** Article ids whose ingest delay was already recorded (bounded; a mirror update re-delivers revision 1). */
    private final java.util.Map<String, Boolean> delayRecorded = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(1024, 0.75f, false) {
                private static final long serialVersionUID = 1L;

                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<String, Boolean> eldest) {
                    return size() > 100_000;
                }
            });

    /**
     * Publish-to-ingest delay of a newly stored story: commit time minus its publication time, once per article id
     * (skipped when the publication time is unknown or in the future).
     */
    void ingested(String sourceId, String articleId, java.time.Instant publishedAt, java.time.Instant committedAt) {
        if (publishedAt == null || publishedAt.isAfter(committedAt) || delayRecorded.put(articleId, Boolean.TRUE) != null) {
            return;
        }
        io.micrometer.core.instrument.Timer.builder("news.article.ingest.delay").tag("source", sourceLabel(sourceId))
                .description("Time from an article's publication to its storage")
                .serviceLevelObjectives(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofHours(1),
                        Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(12), Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(7))
                .register(registry).record(Duration.between(publishedAt, committedAt));
    }

    /**
     * The sink does not read the sources file: an article's source id is the processor's (a configured id, or
     * "unknown"). To keep the label set closed even if a producer sends arbitrary ids, only the first
     * {@value #MAX_SOURCE_LABELS} distinct ids become label values; later new ones are counted as "other".
     */
    String sourceLabel(String sourceId) {
        if (sourceId == null || sourceId.isBlank()) {
            return "unknown";
        }
        if (sourceLabels.contains(sourceId)) {
            return sourceId;
        }
        synchronized (sourceLabels) {
            if (sourceLabels.size() < MAX_SOURCE_LABELS) {
                sourceLabels.add(sourceId);
                return sourceId;
            }
        }
        return "other";
    }

    static final int MAX_SOURCE_LABELS = 1000;
    private final java.util.Set<String> sourceLabels = java.util.concurrent.ConcurrentHashMap.newKeySet();

    void committed(Tally tally, Duration took) {
        commit.record(took);
        batches.increment();
        tally.forEach((table, outcome, n) -> rows(table, outcome).increment(n));
    }

    void consumed(String topic, int n) {
        records(topic).increment(n);
    }

    void deadLettered(String reason) {
        deadLetter(REASONS.contains(reason) ? reason : "bad-record").increment();
    }

    void failed(String kind) {
        error(kind).increment();
    }
}
