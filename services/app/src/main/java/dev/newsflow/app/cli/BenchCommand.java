package dev.newsflow.app.cli;

import dev.newsflow.fetcher.bench.FetchBench;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code newsflow bench WHICH ...}: the benchmark commands; each prints its figures (see docs/BENCHMARKS.md). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print their figures: fetch (pages/s against a local server, politeness off).")
public final class BenchCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "WHICH", description = "fetch, e2e (fetch to committed row, per stage) or latency")
    String which;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "ARGS", description = "Options of that benchmark (--help for each)")
    String[] args = new String[0];

    @Override
    public Integer call() throws Exception {
        return switch (which) {
            case "fetch" -> FetchBench.run(args);
            case "e2e", "latency" -> dev.newsflow.app.proof.EndToEndBenchmarks.run(which, args);
            default -> {
                System.err.println("Unknown benchmark '" + which + "'");
                yield 2;
            }
        };
    }
}
