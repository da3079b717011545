package dev.newsflow.app.proof;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The whole machine's CPU, from Linux's {@code /proc}: busy time of all cores ({@code /proc/stat}) and the CPU of the
 * {@code postgres} processes running now ({@code /proc/<pid>/stat}). An end-to-end run shares two cores with the
 * database server and the kernel, which the JVM's own CPU time leaves out. Empty where {@code /proc} is not there.
 */
record MachineCpu(long busyMillis, long postgresMillis) {
    /** Linux reports /proc times in USER_HZ ticks, 100 per second on every architecture the kernel exports it for. */
    private static final long MILLIS_PER_TICK = 10;

    static Optional<MachineCpu> snapshot() {
        try {
            return Optional.of(new MachineCpu(busyTicks(Files.readAllLines(Path.of("/proc/stat")).get(0)) * MILLIS_PER_TICK,
                    postgresTicks() * MILLIS_PER_TICK));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * Busy ticks of the aggregate {@code cpu} line: user, nice, system, irq and softirq — not idle, iowait, or steal
     * (time the hypervisor ran something else); guest time is already in user.
     */
    static long busyTicks(String cpuLine) {
        String[] f = cpuLine.trim().split("\\s+");
        if (!f[0].equals("cpu") || f.length < 8) {
            throw new IllegalArgumentException("not the aggregate cpu line of /proc/stat: " + cpuLine);
        }
        return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6]) + Long.parseLong(f[7]);
    }

    /** utime + stime of a {@code /proc/<pid>/stat} line (fields 14 and 15, counted after the parenthesised name). */
    static long processTicks(String statLine) {
        String[] f = statLine.substring(statLine.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    private static long postgresTicks() throws IOException {
        long ticks = 0;
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path p : procs) {
                try {
                    if (Files.readString(p.resolve("comm")).trim().equals("postgres")) {
                        ticks += processTicks(Files.readString(p.resolve("stat")));
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended while we looked
                }
            }
        }
        return ticks;
    }

    /**
     * "machine N CPU-ms per article (this JVM J, postgres P, rest R)" between {@code start} and {@code end}; the
     * postgres figure misses backends that ended in between (the sink's connection lives through a run).
     */
    static String perArticle(Optional<MachineCpu> start, Optional<MachineCpu> end, long jvmCpuNanos, long articles) {
        if (start.isEmpty() || end.isEmpty() || articles <= 0) {
            return "machine CPU: not measurable here (no /proc)";
        }
        double n = articles;
        double busy = (end.get().busyMillis - start.get().busyMillis) / n;
        double pg = Math.max(0, end.get().postgresMillis - start.get().postgresMillis) / n;
        double jvm = jvmCpuNanos / 1e6 / n;
        return String.format(Locale.ROOT, "machine %.2f CPU-ms per article (this JVM %.2f, postgres %.2f, rest: kernel, other processes %.2f)",
                busy, jvm, pg, Math.max(0, busy - jvm - pg));
    }

    /**
     * Cores the whole machine kept busy on average between {@code start} and {@code end}, {@code wallNanos} apart; NaN
     * without /proc. Around a one-thread measurement, about 1.0 means nothing else competed for the cores.
     */
    static double coresBusy(Optional<MachineCpu> start, Optional<MachineCpu> end, long wallNanos) {
        if (start.isEmpty() || end.isEmpty() || wallNanos <= 0) {
            return Double.NaN;
        }
        return (end.get().busyMillis - start.get().busyMillis) / (wallNanos / 1e6);
    }
}
