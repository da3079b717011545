package dev.newsflow.processor.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.newsflow.avro.Article;
import dev.newsflow.avro.ParsedPage;
import dev.newsflow.avro.RawPage;
import dev.newsflow.avro.Sighting;
import dev.newsflow.avro.SightingKind;
import dev.newsflow.common.config.ConfigNode;
import dev.newsflow.common.config.ConfigReport;
import dev.newsflow.common.kafka.NewsTopics;
import dev.newsflow.common.kafka.TopicSettings;
import dev.newsflow.common.serde.AvroSerde;
import dev.newsflow.common.serde.InMemorySchemaRegistry;
import dev.newsflow.common.sources.SourcesConfig;
import dev.newsflow.processor.NewsTopology;
import dev.newsflow.processor.ProcessorConfig;
import dev.newsflow.processor.canonical.StoryKey;
import dev.newsflow.processor.canonical.StoryKeys;
import dev.newsflow.processor.dedup.DedupTopology;
import dev.newsflow.processor.metrics.SourceLabels;
import dev.newsflow.processor.parse.PageParser;
import dev.newsflow.processor.parse.ParseOutcome;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * {@code newsflow bench dedup --dataset DIR [--predictions FILE] [--config newsflow.yml] [--runs N]}: replays the
 * story-dedup stream through the real processor topology ({@link NewsTopology#build}) in a TopologyTestDriver,
 * with the dataset's mirror groups configured as sources, writes {@code {page_id: cluster_id}} (the article id,
 * following {@code duplicateOf} links), prints pairwise P/R/F1, recall per kind, false merges, the dedup state
 * size per million articles, and the throughput of the dedup stages alone (story key + exact + near-duplicate,
 * parse excluded: pages are parsed once up front and piped as ParsedPages into the dedup part of the topology).
 */
public final class DedupBench {
    private DedupBench() {
    }

    public static int run(String[] args) throws Exception {
        return run(args, System.out);
    }

    /** Standalone entry point (the command line calls {@link #run(String[])}). */
    public static void main(String[] args) throws Exception {
        System.exit(run(args));
    }

    static int run(String[] args, PrintStream out) throws Exception {
        Map<String, String> opts = options(args);
        if (opts == null || !opts.containsKey("--dataset")) {
            System.err.println("usage: newsflow bench dedup --dataset DIR [--predictions FILE] [--config newsflow.yml] [--runs N] [--warmups N]");
            return 2;
        }
        DedupDataset ds = DedupDataset.load(Path.of(opts.get("--dataset")));
        SourcesConfig sources = BenchSources.fromMirrors(ds.mirrors());
        Path tmp = Files.createTempDirectory("dedup-bench");
        try {
            ProcessorConfig config = processorConfig(opts.get("--config"), tmp);
            Replay replay = replay(ds, sources, config, tmp.resolve("quality"));
            Map<String, String> predictions = replay.predictions();
            if (opts.containsKey("--predictions")) {
                ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                json.writeValue(Path.of(opts.get("--predictions")).toFile(), predictions);
            }
            out.printf(Locale.ROOT, "story-dedup %s: %d fetches, %d gold stories, %d mirror groups configured%n", ds.dir(),
                    ds.fetches().size(), ds.gold().values().stream().map(DedupDataset.Gold::story).distinct().count(), ds.mirrors().size());
            out.printf(Locale.ROOT, "pages without article (dead-lettered by parse): %d; articles: %d; near-duplicate links: %d%n",
                    replay.deadLettered(), replay.articles(), replay.duplicateLinks());
            if (!ds.gold().isEmpty()) {
                print(out, ClusterScore.of(ds.gold(), predictions));
            }
            out.printf(Locale.ROOT, "dedup state: %s%n", replay.state().describe());
            int runs = Integer.parseInt(opts.getOrDefault("--runs", "7"));
            int warmups = Integer.parseInt(opts.getOrDefault("--warmups", "5"));
            Throughput t = throughput(ds, sources, config, tmp.resolve("speed"), warmups, runs);
            out.printf(Locale.ROOT, "dedup stages throughput (story key + exact + near-dup, parse excluded, %d parsed pages, "
                    + "1 stream thread in a TopologyTestDriver, median of %d runs after %d warm-ups):%n", t.pages(), runs, warmups);
            out.printf(Locale.ROOT, "  in-stage: %.0f articles/s (min %.0f, max %.0f) = pages / CPU time inside the dedup processors "
                    + "(news.dedup.stage.cpu: store look-ups, fingerprints, confirmations, serializing what they send) + story-key time%n",
                    t.stageMedian(), t.stageMin(), t.stageMax());
            out.printf(Locale.ROOT, "  end-to-end in the driver: %.0f articles/s per CPU-second of the thread, %.0f articles/s wall clock "
                    + "(min %.0f, max %.0f); includes the test driver's per-record commit and topic plumbing%n",
                    t.cpuMedian(), t.median(), t.min(), t.max());
            return 0;
        } finally {
            deleteTree(tmp);
        }
    }

    private static void print(PrintStream out, ClusterScore s) {
        out.printf(Locale.ROOT, "pairwise precision %.4f  recall %.4f  F1 %.4f%n", s.precision(), s.recall(), s.f1());
        for (Map.Entry<String, Double> e : s.recallByKind().entrySet()) {
            String label = e.getKey().equals("distinct-same-template") ? "distinct kept apart" : e.getKey() + " recall";
            out.printf(Locale.ROOT, "  %-22s %.4f  (%d pages)%n", label, e.getValue(), s.countByKind().get(e.getKey()));
        }
        out.printf(Locale.ROOT, "false merges %d  stories split %d%n", s.falseMerges(), s.storiesSplit());
    }

    static ProcessorConfig processorConfig(String file, Path tmp) {
        ConfigNode root = file == null ? ConfigReport.empty(System.getenv()) : ConfigReport.load(Path.of(file), System.getenv());
        ProcessorConfig config = ProcessorConfig.from(root.section("processor"), tmp);
        root.report().throwIfAny();
        return config;
    }

    /** What one replay through the full topology produced. */
    record Replay(Map<String, String> predictions, int deadLettered, int articles, int duplicateLinks, StateSize state) {
    }

    static Replay replay(DedupDataset ds, SourcesConfig sources, ProcessorConfig config, Path stateDir) throws IOException {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        NewsTopics topics = new NewsTopics(TopicSettings.defaults(), registry);
        StreamsBuilder builder = new StreamsBuilder();
        try (TopologyTestDriver driver = new TopologyTestDriver(
                NewsTopology.build(builder, config, topics, registry, () -> sources, new SimpleMeterRegistry()), props(stateDir))) {
            TestInputTopic<String, RawPage> raw = driver.createInputTopic(topics.rawPages().name(), Serdes.String().serializer(),
                    topics.rawPages().valueSerde().serializer());
            TestOutputTopic<String, Article> articles = driver.createOutputTopic(topics.articles().name(), Serdes.String().deserializer(),
                    topics.articles().valueSerde().deserializer());
            TestOutputTopic<String, Sighting> sightings = driver.createOutputTopic(topics.sightings().name(),
                    Serdes.String().deserializer(), topics.sightings().valueSerde().deserializer());
            List<Sighting> allSightings = new ArrayList<>();
            List<Article> allArticles = new ArrayList<>();
            for (DedupDataset.Fetch f : ds.fetches()) {
                raw.pipeInput(f.url(), rawPage(f, ds, sources), f.fetchedAt());
                allSightings.addAll(sightings.readValuesToList());
                allArticles.addAll(articles.readValuesToList());
            }
            Map<String, String> predictions = BenchClusters.predictions(ds.fetches(), allSightings, allArticles);
            int deadLettered = (int) predictions.values().stream().filter(v -> v.startsWith("page:")).count();
            long duplicateLinks = allArticles.stream().filter(a -> a.getDuplicateOf() != null).map(Article::getArticleId).distinct().count();
            int distinctArticles = (int) allArticles.stream().map(Article::getArticleId).distinct().count();
            return new Replay(predictions, deadLettered, distinctArticles, (int) duplicateLinks, StateSize.measure(driver, distinctArticles));
        }
    }

    static RawPage rawPage(DedupDataset.Fetch f, DedupDataset ds, SourcesConfig sources) {
        StoryKey key = new StoryKeys(sources).keyFor(f.url(), null);
        return RawPage.newBuilder().setRequestedUrl(f.url()).setFinalUrl(f.url()).setStatus(200).setContentType("text/html")
                .setCharset("utf-8").setBody(ByteBuffer.wrap(f.html(ds.dir()))).setSourceId(key.sourceId() == null ? "web" : key.sourceId())
                .setFetchStartedAt(f.fetchedAt()).setFetchCompletedAt(f.fetchedAt()).build();
    }

    /** Articles per second of the dedup stages, per run. */
    record Throughput(double median, double min, double max, double cpuMedian, double stageMedian, double stageMin, double stageMax,
                      int pages) {
    }

    static Throughput throughput(DedupDataset ds, SourcesConfig sources, ProcessorConfig config, Path stateDir, int warmups, int runs)
            throws IOException {
        PageParser parser = new PageParser(() -> sources, config.maxBodyBytes(), config.maxBodyChars());
        List<ParsedPage> parsed = new ArrayList<>();
        List<String> canonicalHints = new ArrayList<>();
        for (DedupDataset.Fetch f : ds.fetches()) {
            if (parser.parse(rawPage(f, ds, sources), f.fetchedAt()) instanceof ParseOutcome.Parsed p) {
                parsed.add(p.page());
                canonicalHints.add(null);
            }
        }
        double[] rates = new double[runs];
        double[] cpuRates = new double[runs];
        double[] stageRates = new double[runs];
        for (int run = -warmups; run < runs; run++) {
            InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
            NewsTopics topics = new NewsTopics(TopicSettings.defaults(), registry);
            Serde<ParsedPage> parsedSerde = AvroSerde.forValues(ParsedPage.class, registry);
            StreamsBuilder builder = new StreamsBuilder();
            KStream<String, ParsedPage> in = builder.stream("bench.parsed", Consumed.with(Serdes.String(), parsedSerde));
            SimpleMeterRegistry meters = new SimpleMeterRegistry();
            DedupTopology.build(builder, in, config.dedup(), topics, parsedSerde, registry, new SourceLabels(() -> sources), meters);
            try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), props(stateDir.resolve("run" + (run + warmups))))) {
                TestInputTopic<String, ParsedPage> input = driver.createInputTopic("bench.parsed", Serdes.String().serializer(),
                        parsedSerde.serializer());
                TestOutputTopic<String, Article> articles = driver.createOutputTopic(topics.articles().name(),
                        Serdes.String().deserializer(), topics.articles().valueSerde().deserializer());
                StoryKeys keys = new StoryKeys(sources);
                java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
                long cpuStart = mx.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                long keyNanos = 0;
                for (int i = 0; i < parsed.size(); i++) {
                    ParsedPage p = parsed.get(i);
                    long k0 = mx.getCurrentThreadCpuTime();
                    StoryKey key = keys.keyFor(p.getUrl(), canonicalHints.get(i));
                    keyNanos += mx.getCurrentThreadCpuTime() - k0;
                    p.setStoryKey(key.key());
                    input.pipeInput(p.getUrl(), p, p.getFetchedAt());
                }
                double stageSeconds = keyNanos / 1e9 + stageCpuSeconds(meters);
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpuSeconds = (mx.getCurrentThreadCpuTime() - cpuStart) / 1e9;
                articles.getQueueSize();
                if (run >= 0) {
                    rates[run] = parsed.size() / seconds;
                    cpuRates[run] = parsed.size() / cpuSeconds;
                    stageRates[run] = parsed.size() / stageSeconds;
                }
            }
        }
        Arrays.sort(rates);
        Arrays.sort(cpuRates);
        Arrays.sort(stageRates);
        return new Throughput(rates[runs / 2], rates[0], rates[runs - 1], cpuRates[runs / 2], stageRates[runs / 2], stageRates[0],
                stageRates[runs - 1], parsed.size());
    }

    /**
     * CPU seconds of the dedup stages: each stage's CPU per record ({@code news.dedup.stage.cpu}, read on a sample of the
     * records) times its records ({@code news.stage.duration{stage=dedup-...}} counts every one).
     */
    static double stageCpuSeconds(MeterRegistry meters) {
        double seconds = 0;
        for (Timer cpu : meters.find("news.dedup.stage.cpu").timers()) {
            Timer all = meters.find("news.stage.duration").tag("stage", "dedup-" + cpu.getId().getTag("stage")).timer();
            long records = all == null ? cpu.count() : all.count();
            seconds += cpu.count() == 0 ? 0 : cpu.mean(TimeUnit.NANOSECONDS) * records / 1e9;
        }
        return seconds;
    }

    static Properties props(Path stateDir) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "dedup-bench");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        return props;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> out = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                return null;
            }
            out.put(args[i], args[++i]);
        }
        return out;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }

    /** Bytes held by each dedup store (keys + values as stored), per article and extrapolated to a million. */
    record StateSize(Map<String, long[]> byStore, int articles) {
        static final List<String> STORES = List.of("dedup-story-store", "dedup-simhash-index", "dedup-shingles", "dedup-articles",
                "dedup-decisions-v2", "dedup-content", "dedup-mirror-evidence");

        static StateSize measure(TopologyTestDriver driver, int articles) {
            Map<String, long[]> by = new LinkedHashMap<>();
            for (String name : STORES) {
                KeyValueStore<Object, Object> store = driver.getKeyValueStore(name);
                long entries = 0;
                long bytes = 0;
                try (KeyValueIterator<Object, Object> it = store.all()) {
                    while (it.hasNext()) {
                        var kv = it.next();
                        entries++;
                        bytes += size(kv.key) + size(kv.value);
                    }
                }
                by.put(name, new long[] {entries, bytes});
            }
            return new StateSize(by, articles);
        }

        private static long size(Object o) {
            if (o instanceof byte[] b) {
                return b.length;
            }
            if (o instanceof org.apache.kafka.common.utils.Bytes b) {
                return b.get().length;
            }
            return o instanceof String s ? s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length : 0;
        }

        long totalBytes() {
            return byStore.values().stream().mapToLong(v -> v[1]).sum();
        }

        String describe() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "%d articles, %.0f bytes/article = %.2f GB per million articles (keys+values, "
                    + "before RocksDB compression/overhead and changelog replication)", articles,
                    articles == 0 ? 0.0 : (double) totalBytes() / articles, articles == 0 ? 0.0 : totalBytes() * 1e6 / articles / 1e9));
            for (Map.Entry<String, long[]> e : byStore.entrySet()) {
                sb.append(String.format(Locale.ROOT, "%n    %-22s %6d entries %9d bytes  %.0f bytes/article", e.getKey(), e.getValue()[0],
                        e.getValue()[1], articles == 0 ? 0.0 : (double) e.getValue()[1] / articles));
            }
            return sb.toString();
        }
    }

    static Instant at(String s) {
        return Instant.parse(s);
    }
}
