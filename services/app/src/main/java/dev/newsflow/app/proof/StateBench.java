package dev.newsflow.app.proof;

import dev.newsflow.app.runtime.Lag;
import dev.newsflow.app.runtime.Pipeline;
import dev.newsflow.avro.RawPage;
import dev.newsflow.common.runtime.NewsflowConfig;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code newsflow bench state}: how the processor's state grows with the number of articles. An embedded broker
 * and registry, the real processor (exactly-once, default settings), and synthetic distinct articles published
 * straight to the raw-pages topic as the fetcher would publish them (same RawPage schema, serde, key and producer
 * settings; no HTTP). After every tenth of the articles the run waits until the processor has consumed everything
 * and records a {@link StateSample}; {@link StateReport} prints the table and fits the growth per article.
 */
@Command(name = "state", mixinStandardHelpOptions = true,
        description = "State-store size, changelog bytes and memory as the processor ingests N synthetic distinct articles.")
public final class StateBench implements Callable<Integer> {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(StateBench.class);
    /** Articles rendered at a time (their pages are held until sent). */
    private static final int CHUNK = 500;
    static final String GROUND_TRUTH = "../shared/benchmarks/article-extraction/dev/ground-truth.json";

    @Option(names = "--articles", defaultValue = "100000", description = "Distinct articles (default ${DEFAULT-VALUE}).") int articles;
    @Option(names = "--checkpoints", defaultValue = "10", description = "Samples, one after each equal share of the articles.") int checkpoints;
    @Option(names = "--mirror-every", defaultValue = "4", description = "Every n-th article is also fetched from its mirror host (0: never).")
    int mirrorEvery;
    @Option(names = "--tracking-every", defaultValue = "10", description = "Every n-th article is also fetched through a utm_ tracking URL (0: never).")
    int trackingEvery;
    @Option(names = "--revise-every", defaultValue = "10", description = "Every n-th article is re-fetched with an added paragraph (0: never).")
    int reviseEvery;
    @Option(names = "--body-words", defaultValue = "450", description = "Mean body length in words; bodies range over 2/3..4/3 of it.")
    int bodyWords;
    @Option(names = "--sources", defaultValue = "8", description = "Synthetic sources (each a primary and a mirror host).") int sources;
    @Option(names = "--partitions", defaultValue = "3") int partitions;
    @Option(names = "--reference-texts", defaultValue = GROUND_TRUTH, description = "Word frequencies come from the articleBody texts of this file.")
    Path referenceTexts;
    @Option(names = "--rocksdb-memory", description = "processor.rocksdb-memory, e.g. 256MiB (default: the processor's).") String rocksDbMemory;
    @Option(names = "--work-dir", defaultValue = "./data/bench-state") Path work;

    private final PrintStream out;

    public StateBench() {
        this(System.out);
    }

    StateBench(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws Exception {
        Path dir = work.toAbsolutePath();
        ProofFiles.deleteTree(dir);
        Files.createDirectories(dir);
        SyntheticNews news;
        try {
            news = SyntheticNews.fromReferenceTexts(referenceTexts, bodyWords);
        } catch (java.io.UncheckedIOException | IllegalArgumentException e) {
            out.println(e.getMessage() + " (set --reference-texts to the article-extraction dev set's ground-truth.json)");
            return 2;
        }
        SyntheticFeed feed = new SyntheticFeed(news, sources, mirrorEvery, trackingEvery, reviseEvery);
        Path sourcesFile = dir.resolve("sources.yml");
        Files.writeString(sourcesFile, feed.sourcesYaml(), StandardCharsets.UTF_8);
        out.printf(Locale.ROOT, "bench state: %d articles, %d checkpoints, mirror every %d, tracking URL every %d, revision every %d, "
                + "bodies ~%d words (vocabulary %d words + synthetic names), %d sources, %d partitions, rocksdb-memory %s; %s; load %s%n", articles,
                checkpoints, mirrorEvery, trackingEvery, reviseEvery, bodyWords, news.vocabulary(), sources, partitions,
                rocksDbMemory == null ? "default" : rocksDbMemory, EndToEndBenchmarks.machine(),
                loadAverage());
        // the broker and registry live in a pipeline of their own, so the processor can be stopped at each checkpoint
        try (Pipeline broker = new Pipeline(config(dir, sourcesFile, "", ""), EnumSet.noneOf(Pipeline.Role.class)).start(true);
             Admin admin = Admin.create(broker.clientProps());
             KafkaProducer<byte[], byte[]> producer = producer(broker.clientProps())) {
            NewsflowConfig external = config(dir, sourcesFile, broker.runtime().context().kafka().bootstrapServers(), broker.runtime().registryUrl());
            var topics = broker.runtime().context().topics();
            var topic = topics.rawPages();
            Serializer<RawPage> serializer = topic.valueSerde().serializer();
            StateReport report = new StateReport(out, topic.name(), Set.of(topics.articles().name(), topics.sightings().name(),
                    topics.deadLetters().name(), topics.mirrorCandidates().name()));
            List<StateSample> samples = new ArrayList<>();
            Map<String, Long> decisions = new LinkedHashMap<>();
            long records = 0;
            double seconds = 0;
            double restarts = 0;
            long cpu = 0;
            int done = 0;
            for (int c = 1; c <= checkpoints; c++) {
                long r0 = System.nanoTime();
                Pipeline processor = startProcessor(external);
                restarts += (System.nanoTime() - r0) / 1e9;
                LOG.info("Processor running after {} ms", (System.nanoTime() - r0) / 1_000_000);
                try {
                    long t0 = System.nanoTime();
                    long cpu0 = E2eBench.processCpuNanos();
                    int upTo = (int) ((long) articles * c / checkpoints);
                    records += publish(feed, producer, serializer, topic.name(), done, upTo);
                    done = upTo;
                    if (!awaitCaughtUp(processor, admin, topic.name())) {
                        out.println("processor did not catch up (stalled or failed); stopping");
                        return 1;
                    }
                    seconds += (System.nanoTime() - t0) / 1e9;
                    cpu += E2eBench.processCpuNanos() - cpu0;
                    decisions(processor).forEach((k, v) -> decisions.merge(k, v, Long::sum));
                    StateSample.Memory memory = StateSample.Memory.take();
                    var pc = processor.processorConfig();
                    r0 = System.nanoTime();
                    stop(processor, admin);
                    processor = null;
                    restarts += (System.nanoTime() - r0) / 1e9;
                    StateSample s = StateSample.take(pc.applicationId(), pc.stateDir(), admin, memory, done, records, seconds, cpu / 1e9);
                    samples.add(s);
                    report.row(s);
                } finally {
                    if (processor != null) {
                        processor.close();
                    }
                }
            }
            report.finish(samples, decisions, restarts, loadAverage());
            return 0;
        }
    }

    private NewsflowConfig config(Path dir, Path sourcesFile, String bootstrap, String registry) {
        return NewsflowConfig.parse("data-dir: '" + dir + "'\nsources: '" + sourcesFile + "'\n"
                + "kafka:\n  bootstrap-servers: '" + bootstrap + "'\n  topics:\n    partitions: " + partitions + "\n"
                + "schema-registry:\n  url: '" + registry + "'\nmetrics:\n  host: 127.0.0.1\n  port: 0\n"
                + (rocksDbMemory == null ? "" : "processor:\n  rocksdb-memory: '" + rocksDbMemory + "'\n"), Map.of());
    }

    /** Publishes the raw pages of articles {@code from} to {@code to} as the fetcher would; returns how many. */
    private static long publish(SyntheticFeed feed, KafkaProducer<byte[], byte[]> producer, Serializer<RawPage> serializer, String topic,
                                int from, int to) {
        long n = 0;
        for (int chunk = from; chunk < to; chunk += CHUNK) {
            for (RawPage page : feed.pages(chunk, Math.min(to, chunk + CHUNK))) {
                producer.send(new ProducerRecord<>(topic, page.getRequestedUrl().getBytes(StandardCharsets.UTF_8), serializer.serialize(topic, page)));
                n++;
            }
        }
        producer.flush();
        return n;
    }

    /**
     * A clean close: Streams flushes every memtable to SST files and writes its checkpoints. Streams does not leave
     * its group on close, so the next processor would wait a session timeout (45 s) for the old member: remove it, as
     * an operator restarting a processor on purpose would.
     */
    private static void stop(Pipeline processor, Admin admin) {
        long t0 = System.nanoTime();
        String group = processor.processorConfig().applicationId();
        processor.close();
        try {
            admin.removeMembersFromConsumerGroup(group, new org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions())
                    .all().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.info("Could not remove the members of {}: {}", group, e.toString());
        }
        LOG.info("Processor stopped in {} ms", (System.nanoTime() - t0) / 1_000_000);
    }

    /** Starts the processor (default settings) and waits until its stream threads run; the wait is not counted in the rate. */
    private static Pipeline startProcessor(NewsflowConfig config) throws Exception {
        Pipeline p = new Pipeline(config, EnumSet.of(Pipeline.Role.PROCESSOR)).start(false);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (!p.ready() && p.healthy() && System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(100);
        }
        return p;
    }

    private static KafkaProducer<byte[], byte[]> producer(Map<String, Object> clientProps) {
        // the fetcher's producer settings (Publisher)
        Map<String, Object> p = new HashMap<>(clientProps);
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        p.put(ProducerConfig.LINGER_MS_CONFIG, 10);
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, 1024 * 1024);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        return new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /**
     * Waits until the processor's group has consumed the raw topic and every repartition topic (twice in a row, a
     * second apart, since a stage may still be forwarding). False if it makes no progress for two minutes or fails.
     */
    private boolean awaitCaughtUp(Pipeline pipeline, Admin admin, String raw) throws Exception {
        String app = pipeline.processorConfig().applicationId();
        long lastPending = Long.MAX_VALUE;
        long lastProgress = System.nanoTime();
        int zeros = 0;
        while (zeros < 2) {
            if (!pipeline.healthy() || System.nanoTime() - lastProgress > TimeUnit.MINUTES.toNanos(2)) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(1000);
            Set<String> inputs = new HashSet<>(Set.of(raw));
            admin.listTopics().names().get(10, TimeUnit.SECONDS).stream()
                    .filter(t -> t.startsWith(app + "-") && t.endsWith("-repartition")).forEach(inputs::add);
            boolean committed = !admin.listConsumerGroupOffsets(app).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS).isEmpty();
            long pending = committed ? Lag.pending(admin, pipeline.clientProps(), app, inputs) : Long.MAX_VALUE - 1;
            if (pending < lastPending) {
                lastProgress = System.nanoTime();
            }
            lastPending = pending;
            zeros = pending == 0 ? zeros + 1 : 0;
        }
        return true;
    }

    /** Dedup decisions so far by kind (new, mirror, tracking, revision, duplicate, ...), summed over sources. */
    private static Map<String, Long> decisions(Pipeline pipeline) {
        Map<String, Long> kinds = new LinkedHashMap<>();
        pipeline.runtime().context().meters().find("news.dedup.decisions").counters()
                .forEach(c -> kinds.merge(c.getId().getTag("kind"), (long) c.count(), Long::sum));
        kinds.values().removeIf(v -> v == 0);
        return kinds;
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (java.io.IOException | RuntimeException e) {
            return String.format(Locale.ROOT, "%.2f", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }

    /** Raw pages for articles {@code from} (inclusive) to {@code to}, in publishing order. */
    static final class SyntheticFeed {
        private final SyntheticNews news;
        private final int sources;
        private final int mirrorEvery;
        private final int trackingEvery;
        private final int reviseEvery;

        SyntheticFeed(SyntheticNews news, int sources, int mirrorEvery, int trackingEvery, int reviseEvery) {
            this.news = news;
            this.sources = Math.max(1, sources);
            this.mirrorEvery = mirrorEvery;
            this.trackingEvery = trackingEvery;
            this.reviseEvery = reviseEvery;
        }

        static String host(int source, boolean mirror) {
            return String.format(Locale.ROOT, "%s.synth%02d.test", mirror ? "mirror" : "www", source);
        }

        String sourcesYaml() {
            StringBuilder b = new StringBuilder("sources:\n");
            for (int s = 0; s < sources; s++) {
                b.append(String.format(Locale.ROOT, "  - id: synth%02d%n    name: Synthetic News %02d%n    language: en%n", s, s))
                        .append("    hosts: [").append(host(s, false)).append("]\n    mirrors: [").append(host(s, true)).append("]\n")
                        .append("    sitemaps: [http://").append(host(s, false)).append("/sitemap.xml]\n");
            }
            return b.toString();
        }

        /**
         * Per article: the page on its primary host; every {@code mirrorEvery}-th also on the mirror host (same path,
         * same bytes); every {@code trackingEvery}-th also through a tracking URL; every {@code reviseEvery}-th again
         * later in the batch with one more paragraph (a revision). Fetch times are the wall clock (as the fetcher's),
         * so the whole run is far inside the 14-day retention and the 1-day late window.
         */
        List<RawPage> pages(int from, int to) {
            List<RawPage> originals = new ArrayList<>();
            List<RawPage> copies = new ArrayList<>();
            for (int i = from; i < to; i++) {
                int s = i % sources;
                SyntheticNews.Article a = news.article(i);
                String path = "/" + a.section() + "/" + i + "/" + a.slug() + ".html";
                String primary = "http://" + host(s, false);
                Instant now = Instant.now();
                Instant published = now.minusSeconds(60L * (5 + i % 240));
                String name = String.format(Locale.ROOT, "Synthetic News %02d", s);
                byte[] page = news.html(a, name, primary, primary + path, primary + path, published, published, List.of())
                        .getBytes(StandardCharsets.UTF_8);
                originals.add(raw(primary + path, page, s));
                if (mirrorEvery > 0 && i % mirrorEvery == 0) {
                    copies.add(raw("http://" + host(s, true) + path, page, s));
                }
                if (trackingEvery > 0 && i % trackingEvery == 1) {
                    copies.add(raw(primary + path + "?utm_source=newsletter&utm_medium=email&utm_campaign=daily-" + (i % 31), page, s));
                }
                if (reviseEvery > 0 && i % reviseEvery == 2) {
                    byte[] revised = news.html(a, name, primary, primary + path, primary + path, published, now, List.of(news.update(i, 1)))
                            .getBytes(StandardCharsets.UTF_8);
                    copies.add(raw(primary + path, revised, s));
                }
            }
            originals.addAll(copies);
            return originals;
        }

        private static RawPage raw(String url, byte[] body, int source) {
            long now = System.currentTimeMillis();
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("content-type", "text/html; charset=utf-8");
            headers.put("http-version", "HTTP/1.1");
            return RawPage.newBuilder().setRequestedUrl(url).setFinalUrl(url).setRedirectChain(List.of()).setStatus(200).setHeaders(headers)
                    .setContentType("text/html").setCharset("UTF-8").setBody(ByteBuffer.wrap(body)).setTruncated(false)
                    .setSourceId(String.format(Locale.ROOT, "synth%02d", source))
                    .setDiscoveredVia("http://" + host(source, false) + "/sitemap.xml")
                    .setFetchStartedAt(Instant.ofEpochMilli(now - 120)).setFetchCompletedAt(Instant.ofEpochMilli(now)).build();
        }
    }
}
