package dev.newsflow.processor.bench;

import java.util.Arrays;

/**
 * Test-scope entry point until the CLI wires {@code newsflow bench extract|dates}:
 * {@code java -cp ... dev.newsflow.processor.bench.BenchMain extract --dataset DIR [--predictions FILE] ...}.
 */
public final class BenchMain {
    private BenchMain() {
    }

    public static void main(String[] args) {
        if (args.length == 0 || !(args[0].equals("extract") || args[0].equals("dates"))) {
            System.err.println("usage: BenchMain extract|dates [--dataset DIR] [--predictions FILE] [--warmup N] [--rounds N]"
                    + " [--worst N]");
            System.exit(2);
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        System.exit(args[0].equals("extract") ? ExtractBench.run(rest) : DateBench.run(rest));
    }
}
