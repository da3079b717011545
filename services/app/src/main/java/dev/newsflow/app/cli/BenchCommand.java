package dev.newsflow.app.cli;

import dev.newsflow.fetcher.bench.FetchBench;
import dev.newsflow.processor.bench.DateBench;
import dev.newsflow.processor.bench.DedupBench;
import dev.newsflow.processor.bench.ExtractBench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code newsflow bench WHICH ...}: the benchmark commands; each prints its figures (see docs/BENCHMARKS.md). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print their figures: extract (body P/R/F1 and pages/s vs jsoup on "
                + "../shared/benchmarks/article-extraction/dev), dates (publication-date accuracy), "
                + "keywords (size of the keyword document-frequency store and keyword stability under --max-terms, on folders of pages), "
                + "fetch (pages/s against a local server, politeness off), e2e (articles/s fetch to committed row, and per stage), "
                + "latency (fetch to committed row at a steady rate), "
                + "state (state-store size, changelog bytes and memory per article as the processor ingests N synthetic articles).")
public final class BenchCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "WHICH", description = "extract | dates | dedup | enrich | keywords | fetch | e2e | latency | state")
    String which;

    /** Everything after WHICH goes to that benchmark unparsed (each prints its own usage on a bad option). */
    @picocli.CommandLine.Unmatched
    java.util.List<String> rest = new java.util.ArrayList<>();

    @Override
    public Integer call() throws Exception {
        String[] args = rest.toArray(new String[0]);
        return switch (which) {
            case "extract" -> ExtractBench.run(args);
            case "dates" -> DateBench.run(args);
            case "dedup" -> DedupBench.run(args);
            case "enrich" -> dev.newsflow.processor.bench.EnrichBench.run(args, System.out);
            case "keywords" -> dev.newsflow.processor.bench.KeywordStoreBench.run(args, System.out);
            case "fetch" -> FetchBench.run(args);
            case "e2e", "latency" -> dev.newsflow.app.proof.EndToEndBenchmarks.run(which, args);
            case "state" -> new picocli.CommandLine(new dev.newsflow.app.proof.StateBench()).execute(args);
            default -> {
                System.err.println("Unknown benchmark '" + which + "'");
                yield 2;
            }
        };
    }
}
