package dev.newsflow.processor.bench;

import java.nio.file.Path;

/**
 * Command-line options shared by the benchmark commands. {@code --use-url} (no value) is only read by
 * {@code bench dates}.
 */
record BenchArgs(Path dataset, Path predictions, int warmup, int rounds, int worst, boolean useUrl) {

    static BenchArgs parse(String[] args, String defaultDataset) {
        Path dataset = Path.of(defaultDataset);
        Path predictions = null;
        int warmup = 1;
        int rounds = 3;
        int worst = 15;
        boolean useUrl = false;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--use-url")) {
                useUrl = true;
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("option " + a + " needs a value");
            }
            String v = args[++i];
            switch (a) {
                case "--dataset" -> dataset = Path.of(v);
                case "--predictions" -> predictions = Path.of(v);
                case "--warmup" -> warmup = nonNegative(a, v);
                case "--rounds" -> rounds = nonNegative(a, v);
                case "--worst" -> worst = nonNegative(a, v);
                default -> throw new IllegalArgumentException("unknown option " + a
                        + " (known: --dataset DIR --predictions FILE --warmup N --rounds N --worst N --use-url)");
            }
        }
        return new BenchArgs(dataset, predictions, warmup, rounds, worst, useUrl);
    }

    private static int nonNegative(String name, String v) {
        try {
            int n = Integer.parseInt(v);
            if (n < 0) {
                throw new IllegalArgumentException(name + " must be >= 0, got " + v);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, got '" + v + "'", e);
        }
    }
}
