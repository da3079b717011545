package dev.newsflow.processor.extract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.common.sources.ExtractionOverrides;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 3's memory bound: a 10 MB page must not need more than about 20 times its size in heap. Enforced by running
 * the processor's path (bytes, {@link PageDecoder}, {@link ArticleExtractor}) on generated 10 MB pages in a child JVM
 * whose heap is capped at 20 x 10 MB: a page that needed more would end in an OutOfMemoryError there.
 */
class HeapBoundTest {
    static final int PAGE_BYTES = 10 * 1024 * 1024;
    static final int HEAP_MB = 20 * PAGE_BYTES / (1024 * 1024);

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void shouldExtractEveryTenMegabytePageWithinTwentyTimesItsSizeOfHeap() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path log = Files.createTempFile("heap-bound", ".log");
        try {
            Process p = new ProcessBuilder(java, "-Xmx" + HEAP_MB + "m", "-Xms32m", "-XX:+UseSerialGC",
                    "-Duser.language=en", "-cp", System.getProperty("java.class.path"), Child.class.getName())
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean done = p.waitFor(150, TimeUnit.SECONDS);
            if (!done) {
                p.destroyForcibly().waitFor();
            }
            String output = Files.readString(log);
            assertThat(done).as("child finished in time; output:%n%s", output).isTrue();
            assertThat(p.exitValue()).as("child exit code; output:%n%s", output).isZero();
            assertThat(output).contains("all " + SHAPES.size() + " pages extracted");
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /** Shapes of 10 MB pages that cost the most per byte. */
    static final Map<String, IntFunction<String>> SHAPES = new LinkedHashMap<>();

    static {
        SHAPES.put("paragraphs", i -> i == 0 ? "<html lang=en><head><title>Long</title></head><body><article><h1>A long story</h1>"
                : "<p class=\"para-" + (i % 7) + "\">Paragraph " + i + " of a very long article, with <a href=\"/l" + i
                        + "\">a link</a> and some words, published on 3 March 2021.</p>\n");
        SHAPES.put("nested-divs", i -> i == 0 ? "<html><body>" : "<div>");
        SHAPES.put("table-cells", i -> i == 0 ? "<html><body><table>" : "<tr><td>cell " + i + "</td><td>2021-03-0" + (i % 9 + 1) + "</td></tr>");
        SHAPES.put("cjk-text", i -> i == 0 ? "<html lang=ja><body><article><h1>\u9577\u3044\u8a18\u4e8b</h1>"
                : "<p>\u6771\u4eac\u90fd\u306e\u30cb\u30e5\u30fc\u30b9\u3067\u3059\u3002" + i + "\u5e74\u306e\u8a18\u4e8b\u3002</p>");
        SHAPES.put("attributes", i -> i == 0 ? "<html><body>" : "<span data-x=\"" + "v".repeat(40) + "\" class=\"c" + i + "\">t</span>");
    }

    /** A page of {@link #PAGE_BYTES} UTF-8 bytes: the shape's head, then its pieces until the size is reached. */
    static byte[] page(IntFunction<String> shape) {
        StringBuilder sb = new StringBuilder();
        long bytes = 0;
        for (int i = 0; bytes < PAGE_BYTES; i++) {
            String piece = shape.apply(i);
            sb.append(piece);
            bytes += utf8Length(piece);
        }
        return Arrays.copyOf(sb.toString().getBytes(StandardCharsets.UTF_8), PAGE_BYTES);
    }

    private static long utf8Length(CharSequence s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            n += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        return n;
    }

    /** Runs in the heap-capped JVM: builds one page at a time, then decodes and extracts it as the processor does. */
    public static final class Child {
        public static void main(String[] args) {
            ArticleExtractor extractor = new ArticleExtractor();
            int n = 0;
            for (Map.Entry<String, IntFunction<String>> shape : SHAPES.entrySet()) {
                byte[] bytes = page(shape.getValue());
                long start = System.nanoTime();
                String html = PageDecoder.decode(bytes, null).html();
                ExtractionResult r = extractor.extract(html, "https://example.org/2021/03/03/long", ExtractionOverrides.NONE);
                if (r instanceof ExtractionResult.NoArticle no && no.reason().equals("extraction-failed")) {
                    System.out.println(shape.getKey() + ": extraction failed: " + no.message());
                    System.exit(2);
                }
                System.out.printf(Locale.ROOT, "%s: %d bytes -> %s in %d ms%n", shape.getKey(), bytes.length,
                        r.getClass().getSimpleName(), (System.nanoTime() - start) / 1_000_000);
                n++;
            }
            System.out.println("all " + n + " pages extracted");
        }
    }
}
