package dev.newsflow.processor.bench.jmh;

import dev.newsflow.common.sources.ExtractionOverrides;
import dev.newsflow.processor.bench.ExtractBench;
import dev.newsflow.processor.extract.ArticleExtractor;
import dev.newsflow.processor.extract.ExtractionResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: one operation = extracting every page of the article-extraction dev set once (single thread), beside jsoup's
 * parse + body().text() on the same pages. Pages/s = 127 × ops/s. See docs/BENCHMARKS.md for the command.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgs = {"-Xmx1g"})
public class ExtractorJmh {
    private List<ExtractBench.Page> pages;
    private final ArticleExtractor extractor = new ArticleExtractor();

    @Setup
    public void load() throws IOException {
        pages = ExtractBench.load(Path.of(System.getProperty("newsflow.dataset", "../shared/benchmarks/article-extraction/dev")));
    }

    @Benchmark
    public int extractAllPages() {
        int chars = 0;
        for (ExtractBench.Page p : pages) {
            if (extractor.extract(p.html(), "https://example.invalid/", ExtractionOverrides.NONE)
                    instanceof ExtractionResult.Found f) {
                chars += f.article().bodyText().length();
            }
        }
        return chars;
    }

    @Benchmark
    public int jsoupParseAndBodyTextAllPages() {
        int chars = 0;
        for (ExtractBench.Page p : pages) {
            chars += Jsoup.parse(p.html(), "https://example.invalid/").body().text().length();
        }
        return chars;
    }
}
