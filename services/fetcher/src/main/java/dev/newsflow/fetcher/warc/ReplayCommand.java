package dev.newsflow.fetcher.warc;

import dev.newsflow.avro.RawPage;
import dev.newsflow.common.kafka.TopicProvisioner;
import dev.newsflow.common.runtime.ServiceContext;
import dev.newsflow.common.sources.SourceDefinition;
import dev.newsflow.common.sources.SourcesConfig;
import dev.newsflow.common.sources.SourcesLoader;
import dev.newsflow.fetcher.FetcherConfig;
import dev.newsflow.fetcher.http.CharsetSniffer;
import dev.newsflow.fetcher.http.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;

/**
 * {@code newsflow replay FILE.warc[.gz]}: publishes every HTTP 2xx HTML response record as a {@link RawPage}
 * (backfills, Common Crawl News), with a progress bar on {@code out} and a summary. Records whose host
 * belongs to a configured source get that source's id; others get {@code replay}.
 */
public final class ReplayCommand {
    /** Source id for records whose host is not configured. */
    public static final String UNKNOWN_SOURCE = "replay";
    private static final List<String> KEPT_HEADERS = List.of("content-type", "content-language", "last-modified", "etag",
            "x-robots-tag", "link", "date");

    /** What a replay did. */
    public record Summary(long records, long published, long skipped, long failed, long truncated) {
    }

    private ReplayCommand() {
    }

    /** Replays {@code warc}; returns the exit code (0 when the file was read to its end and every publish succeeded). */
    public static int run(Path warc, ServiceContext ctx, PrintStream out) {
        try {
            Summary s = replay(warc, ctx, 5L * 1024 * 1024, out);
            out.printf(Locale.ROOT, "%nReplayed %s: %d record(s), %d raw page(s) published (%d truncated), %d skipped (not 2xx HTML), %d failed%n",
                    warc, s.records(), s.published(), s.truncated(), s.skipped(), s.failed());
            return s.failed() == 0 ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            out.printf(Locale.ROOT, "%nReplay of %s failed: %s%n", warc, e.getMessage());
            return 1;
        }
    }

    public static Summary replay(Path warc, ServiceContext ctx, long maxBody, PrintStream out) throws IOException {
        SourcesLoader.Loaded loaded = Files.isRegularFile(ctx.sourcesFile()) ? SourcesLoader.load(ctx.sourcesFile(), Map.of()) : null;
        SourcesConfig sources = loaded == null ? SourcesConfig.empty() : loaded.config();
        TopicProvisioner.ensure(ctx.clientProps(), List.of(ctx.topics().rawPages()));
        Map<String, Object> p = new HashMap<>(ctx.clientProps());
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd");
        p.put(ProducerConfig.COMPRESSION_ZSTD_LEVEL_CONFIG, FetcherConfig.DEFAULT_COMPRESSION_LEVEL);
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8 * 1024 * 1024);
        p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        long size = Math.max(1, Files.size(warc));
        AtomicLong failed = new AtomicLong();
        long records = 0;
        long published = 0;
        long skipped = 0;
        long truncated = 0;
        String topic = ctx.topics().rawPages().name();
        Serializer<RawPage> ser = ctx.topics().rawPages().valueSerde().serializer();
        Progress progress = new Progress(out, size);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer());
             WarcReader reader = new WarcReader(warc)) {
            reader.setLenient(true);
            for (WarcRecord record : reader) {
                records++;
                progress.update(reader.position(), published);
                if (!(record instanceof WarcResponse response)) {
                    skipped += record.type().equals("response") ? 1 : 0;
                    continue;
                }
                RawPage page;
                try {
                    page = toRawPage(response, sources, maxBody, "warc:" + warc.getFileName());
                } catch (IOException | RuntimeException e) {
                    failed.incrementAndGet();
                    continue;
                }
                if (page == null) {
                    skipped++;
                    continue;
                }
                truncated += page.getTruncated() ? 1 : 0;
                producer.send(new ProducerRecord<>(topic, page.getRequestedUrl().getBytes(StandardCharsets.UTF_8), ser.serialize(topic, page)),
                        (m, e) -> {
                            if (e != null) {
                                failed.incrementAndGet();
                            }
                        });
                published++;
            }
            producer.flush();
            progress.update(size, published);
        }
        return new Summary(records, published - failed.get(), skipped, failed.get(), truncated);
    }

    static RawPage toRawPage(WarcResponse response, SourcesConfig sources, long maxBody, String via) throws IOException {
        HttpResponse http = response.http();
        String contentType = http.headers().first("Content-Type").orElse("");
        String mediaType = MediaTypes.mediaType(contentType);
        if (http.status() / 100 != 2 || !(mediaType.isEmpty() || mediaType.equals("text/html") || mediaType.equals("application/xhtml+xml"))) {
            return null;
        }
        byte[] body;
        boolean cut;
        try (InputStream in = http.bodyDecoded().stream()) {
            body = in.readNBytes((int) maxBody + 1);
        }
        cut = body.length > maxBody;
        if (cut) {
            body = java.util.Arrays.copyOf(body, (int) maxBody);
        }
        String url = response.target();
        String host = response.targetURI().getHost();
        String sourceId = sources.byHost(host).map(SourceDefinition::id).orElse(UNKNOWN_SOURCE);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h : KEPT_HEADERS) {
            http.headers().first(h).ifPresent(v -> headers.put(h, v));
        }
        return RawPage.newBuilder().setRequestedUrl(url).setFinalUrl(url).setRedirectChain(List.of()).setStatus(http.status())
                .setHeaders(headers).setContentType(mediaType.isEmpty() ? null : mediaType)
                .setCharset(CharsetSniffer.sniff(body, MediaTypes.charsetParam(contentType)).charset().name())
                .setBody(ByteBuffer.wrap(body)).setTruncated(cut).setSourceId(sourceId).setDiscoveredVia(via)
                .setFetchStartedAt(response.date()).setFetchCompletedAt(response.date()).build();
    }

    /** A one-line progress bar redrawn at most every 200 ms. */
    private static final class Progress {
        private final PrintStream out;
        private final long total;
        private long last;

        Progress(PrintStream out, long total) {
            this.out = out;
            this.total = total;
        }

        void update(long position, long published) {
            long now = System.nanoTime();
            if (now - last < 200_000_000L && position < total) {
                return;
            }
            last = now;
            int pct = (int) Math.min(100, position * 100 / total);
            String bar = "#".repeat(pct / 4) + ".".repeat(25 - pct / 4);
            out.printf(Locale.ROOT, "\r[%s] %3d%%  %,d raw page(s)", bar, pct, published);
            out.flush();
        }
    }
}
