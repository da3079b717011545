package dev.newsflow.processor;

import dev.newsflow.common.runtime.ServiceContext;
import dev.newsflow.common.sources.SourcesConfig;
import dev.newsflow.common.sources.SourcesLoader;
import dev.newsflow.processor.enrich.SourceMetadataFeed;
import dev.newsflow.processor.parse.ParseAhead;
import dev.newsflow.processor.parse.ReadAheadInterceptor;
import dev.newsflow.processor.state.BoundedRocksDbMemory;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs {@link NewsTopology} with exactly-once processing; reloads the sources file when it changes. */
public final class ProcessorService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ProcessorService.class);

    private final ProcessorConfig config;
    private final ServiceContext ctx;
    private final AtomicReference<SourcesConfig> sources = new AtomicReference<>();
    private volatile FileTime sourcesModified;
    private volatile long lastCheckNanos = System.nanoTime();
    private KafkaStreams streams;
    private KafkaStreamsMetrics streamsMetrics;
    private SourceMetadataFeed sourceFeed;
    private volatile Throwable fatal;
    private ParseAhead parseAhead;

    public ProcessorService(ProcessorConfig config, ServiceContext ctx) {
        this.config = config;
        this.ctx = ctx;
        this.sources.set(SourcesLoader.load(ctx.sourcesFile(), Map.of()).orThrow());
        this.sourcesModified = modified();
    }

    /** Bytes per fetch of the stream threads' main consumer (override with {@code processor.streams}). */
    static final int MAIN_FETCH_BYTES = 1024 * 1024;

    public Properties streamsProperties() {
        Properties p = new Properties();
        p.putAll(ctx.clientProps());
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        p.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toAbsolutePath().toString());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
        p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, (int) config.commitInterval().toMillis());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) ctx.config().topics().replicationFactor());
        p.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        // The dedup stages form one sub-topology reading several repartition topics; none of them relies on
        // cross-partition timestamp order, and waiting for it left the last records of a burst unprocessed.
        p.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        p.put(StreamsConfig.producerPrefix("max.request.size"), 8 * 1024 * 1024 + 64 * 1024);
        // lz4, not zstd: the stream thread compresses every record it writes (repartition topics, changelogs, articles) as it
        // appends it, on a machine the pipeline keeps CPU-bound; lz4 cut that thread's CPU per article by ~0.3 ms and the
        // producer I/O thread's by ~0.3 (bench e2e --alternate-streams, docs/BENCHMARKS.md "Wall-clock profile, a read-ahead consumer,
        // and lz4"). It costs ~17 % more changelog bytes before compaction; repartition records are deleted once committed.
        // The topics newsflow creates (news.articles, ...) keep their own compression.type (zstd), which the broker applies.
        p.put(StreamsConfig.producerPrefix("compression.type"), "lz4");
        // Parsed pages (tens of KB) and dedup messages carrying shingles outgrow the default 16 KiB batches: each record
        // then travelled in a batch of its own, i.e. its own compression stream to set up on this side and to validate on the
        // broker's. 256 KiB batches cut the producer's I/O thread, the broker's request handling and this thread's
        // CPU per article by ~1.7 ms of ~15 (bench e2e, docs/BENCHMARKS.md "Producer batches"); the exactly-once
        // commit still flushes every 100 ms, so records do not wait for a batch to fill.
        p.put(StreamsConfig.producerPrefix("batch.size"), 256 * 1024);
        p.put(StreamsConfig.consumerPrefix("max.partition.fetch.bytes"), 9 * 1024 * 1024);
        // Measured (bench e2e row timeline): with 9 MB per partition one fetch brought a whole backlog of raw pages
        // (~30 KB compressed, ~7 ms of parsing each), and the dedup stages' repartitioned records were not fetched
        // until all of it was parsed, so every article of a backlog came out at its end — as if the consumer fetches
        // no more from a broker while data it got from that broker is still buffered (our reading, not checked in
        // Kafka's source). ~1 MB per fetch keeps the stages interleaved; a larger single record is still returned
        // whole (a fetch always returns the first batch, whatever its size).
        p.put(StreamsConfig.mainConsumerPrefix("max.partition.fetch.bytes"), MAIN_FETCH_BYTES);
        p.put(StreamsConfig.mainConsumerPrefix("fetch.max.bytes"), MAIN_FETCH_BYTES);
        p.put(StreamsConfig.topicPrefix("max.message.bytes"), String.valueOf(9 * 1024 * 1024));
        if (config.rocksDbMemory() > 0) {
            p.put(StreamsConfig.ROCKSDB_CONFIG_SETTER_CLASS_CONFIG, BoundedRocksDbMemory.class.getName());
            p.put(BoundedRocksDbMemory.MEMORY_CONFIG, config.rocksDbMemory());
        }
        if (parseAhead != null) {
            p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.INTERCEPTOR_CLASSES_CONFIG), ReadAheadInterceptor.class.getName());
            p.put(StreamsConfig.mainConsumerPrefix(ReadAheadInterceptor.ID_CONFIG), parseAhead.pages().id());
        }
        p.putAll(config.streamsOverrides());
        return p;
    }

    public Topology topology() {
        return NewsTopology.build(new StreamsBuilder(), config, ctx.topics(), ctx.registry(), this::currentSources, ctx.meters(), parseAhead);
    }

    /** The sources in force; the file is checked for changes at most once a second (this runs per record). */
    private SourcesConfig currentSources() {
        long nanos = System.nanoTime();
        if (nanos - lastCheckNanos < 1_000_000_000L) {
            return sources.get();
        }
        lastCheckNanos = nanos;
        FileTime now = modified();
        if (now != null && !now.equals(sourcesModified)) {
            sourcesModified = now;
            SourcesLoader.Loaded loaded = SourcesLoader.load(ctx.sourcesFile(), Map.of());
            if (loaded.report().problems().isEmpty()) {
                sources.set(loaded.config());
                LOG.info("Reloaded {} sources from {}", loaded.config().all().size(), ctx.sourcesFile());
            } else {
                LOG.warn("Keeping the previous sources: {} has problems: {}", ctx.sourcesFile(), loaded.report().problems());
            }
        }
        return sources.get();
    }

    private FileTime modified() {
        try {
            return Files.getLastModifiedTime(ctx.sourcesFile());
        } catch (java.io.IOException e) {
            return null;
        }
    }

    public void start() {
        if (config.enrich().enabled() && config.enrich().source().enabled()) {
            sourceFeed = new SourceMetadataFeed(ctx.clientProps(), ctx.topics().sourceMetadata().name(), this::currentSources,
                    config.enrich().source().refresh());
            sourceFeed.start();
        }
        if (config.parseAheadThreads() > 0) {
            parseAhead = ParseAhead.start(config.parseAheadThreads(), ctx.topics(), NewsTopology.pageParser(config, this::currentSources, ctx.meters()),
                    config.enrich(), ctx.meters());
        }
        streams = new KafkaStreams(topology(), streamsProperties());
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("Stream thread failed; shutting the processor down", e);
            fatal = e;
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streamsMetrics = new KafkaStreamsMetrics(streams);
        streamsMetrics.bindTo(ctx.meters());
        streams.start();
        LOG.info("Processor started: application.id={}, exactly_once_v2, state in {}", config.applicationId(), config.stateDir());
    }

    public KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.CREATED : streams.state();
    }

    /** The error that stopped the processor, or null. */
    public Throwable fatalError() {
        return fatal;
    }

    @Override
    public void close() {
        if (streams != null) {
            streams.close(Duration.ofSeconds(30));
            streams = null;
        }
        if (parseAhead != null) {
            parseAhead.close();
            parseAhead = null;
        }
        if (streamsMetrics != null) {
            streamsMetrics.close();
        }
        if (sourceFeed != null) {
            sourceFeed.close();
            sourceFeed = null;
        }
    }
}
