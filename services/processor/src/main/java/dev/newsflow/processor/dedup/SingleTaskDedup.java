package dev.newsflow.processor.dedup;

import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * The five dedup stages in one stream task ({@link DedupLayout#SINGLE_TASK}): what a stage forwards to another stage
 * (probe, registration, confirmation, verdict, table answer, mirror evidence, article message) is handed to that
 * stage in the same task, first in first out, before the next input record; what leaves dedup (articles,
 * sightings, mirror candidates) is forwarded downstream. The stages are the same classes as in the partitioned
 * layout, which routes the same messages through repartition topics; only the transport differs, and every stage
 * already accepts its messages in any order.
 *
 * <p>Punctuations scheduled by a stage (retention purges, the decision time-out) hand over what they forward the
 * same way. A stage that throws leaves nothing queued: the queue is cleared and the exception propagates, as it
 * does from a stage in the partitioned layout (the processor then stops and its open transaction is aborted; bad
 * input is dead-lettered by the parse step before it reaches dedup).
 */
final class SingleTaskDedup implements Processor<String, StoryInput, String, Object> {
    private final Processor<String, StoryInput, String, Object> story;
    private final Processor<String, DedupMessage, String, DedupMessage> index;
    private final Processor<String, DedupMessage, String, DedupMessage> bodies;
    private final Processor<String, DedupMessage, String, String> mirrors;
    private final Processor<String, DedupMessage, String, Object> articles;
    private final ArrayDeque<Record<?, ?>> handOver = new ArrayDeque<>();
    private ProcessorContext<String, Object> downstream;

    SingleTaskDedup(DedupSettings settings, DedupMetrics metrics) {
        this.story = new TimedProcessor<>(new StoryStage(settings, metrics), metrics.stage("story"));
        this.index = new TimedProcessor<>(new BlockIndexStage(settings, metrics), metrics.stage("index"));
        this.bodies = new TimedProcessor<>(new ShingleStage(settings, metrics), metrics.stage("bodies"));
        this.mirrors = new TimedProcessor<>(new MirrorStage(settings, metrics), metrics.stage("mirrors"));
        this.articles = new TimedProcessor<>(new ArticleStage(settings, metrics), metrics.stage("articles"));
    }

    @Override
    public void init(ProcessorContext<String, Object> context) {
        this.downstream = context;
        story.init(new Local<>());
        index.init(new Local<>());
        bodies.init(new Local<>());
        mirrors.init(new Local<>());
        articles.init(new Local<>());
    }

    @Override
    public void process(Record<String, StoryInput> record) {
        runThenDrain(() -> story.process(record));
    }

    /** Runs a stage's step, then hands over what it queued; on failure nothing stays queued. */
    private void runThenDrain(Runnable step) {
        try {
            step.run();
            drain();
        } catch (RuntimeException e) {
            handOver.clear();
            throw e;
        }
    }

    /** Hands every queued message to its stage (which may queue more) and forwards what leaves dedup. */
    private void drain() {
        Record<?, ?> r;
        while ((r = handOver.poll()) != null) {
            Object v = r.value();
            if (v instanceof DedupMessage.Probe) {
                index.process(message(r));
            } else if (v instanceof DedupMessage.Register || v instanceof DedupMessage.Confirm) {
                bodies.process(message(r));
            } else if (v instanceof DedupMessage.MirrorEvidence) {
                mirrors.process(message(r));
            } else if (v instanceof DedupMessage) {
                // NewStory, Copy, TableDone, Verdict
                articles.process(message(r));
            } else {
                // PublishedArticle, Sighting, a mirror candidate's JSON
                downstream.forward(leaving(r));
            }
        }
    }

    // every stage's context is typed ProcessorContext<String, ...>: the keys are strings, the values checked above

    @SuppressWarnings("unchecked")
    private static Record<String, DedupMessage> message(Record<?, ?> r) {
        return (Record<String, DedupMessage>) r;
    }

    @SuppressWarnings("unchecked")
    private static Record<String, Object> leaving(Record<?, ?> r) {
        return (Record<String, Object>) r;
    }

    @Override
    public void close() {
        handOver.clear();
        story.close();
        index.close();
        bodies.close();
        mirrors.close();
        articles.close();
    }

    /** A stage's view of the task: the task's stores, clock and schedule; forwarding queues a hand-over. */
    private final class Local<V> implements ProcessorContext<String, V> {
        @Override
        public <K extends String, W extends V> void forward(Record<K, W> record) {
            handOver.add(record);
        }

        @Override
        public <K extends String, W extends V> void forward(Record<K, W> record, String childName) {
            throw new UnsupportedOperationException("dedup stages forward to no named child");
        }

        @Override
        public Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback) {
            return downstream.schedule(interval, type, timestamp -> runThenDrain(() -> callback.punctuate(timestamp)));
        }

        /** Not used by the stages (and not in every Kafka version this builds with): no delegation. */
        public Cancellable schedule(Instant startTime, Duration interval, PunctuationType type, Punctuator callback) {
            throw new UnsupportedOperationException("dedup stages schedule by interval only");
        }

        @Override
        public <S extends StateStore> S getStateStore(String name) {
            return downstream.getStateStore(name);
        }

        @Override
        public String applicationId() {
            return downstream.applicationId();
        }

        @Override
        public TaskId taskId() {
            return downstream.taskId();
        }

        @Override
        public Optional<RecordMetadata> recordMetadata() {
            return downstream.recordMetadata();
        }

        @Override
        public Serde<?> keySerde() {
            return downstream.keySerde();
        }

        @Override
        public Serde<?> valueSerde() {
            return downstream.valueSerde();
        }

        @Override
        public File stateDir() {
            return downstream.stateDir();
        }

        @Override
        public StreamsMetrics metrics() {
            return downstream.metrics();
        }

        @Override
        public void commit() {
            downstream.commit();
        }

        @Override
        public Map<String, Object> appConfigs() {
            return downstream.appConfigs();
        }

        @Override
        public Map<String, Object> appConfigsWithPrefix(String prefix) {
            return downstream.appConfigsWithPrefix(prefix);
        }

        @Override
        public long currentSystemTimeMs() {
            return downstream.currentSystemTimeMs();
        }

        @Override
        public long currentStreamTimeMs() {
            return downstream.currentStreamTimeMs();
        }
    }
}
