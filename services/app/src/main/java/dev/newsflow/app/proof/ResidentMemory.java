package dev.newsflow.app.proof;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The process's resident set from one read of /proc/self/status (Linux), in KiB, -1 for a field that is absent (or
 * everywhere off Linux): {@code VmRSS} and its parts {@code RssAnon} (heap, malloc, thread stacks: the process's own
 * memory) and {@code RssFile} (pages of mapped files — jars, libraries, memory-mapped index files — that the kernel can
 * drop and re-read).
 */
record ResidentMemory(long totalKb, long anonKb, long fileKb) {
    static final ResidentMemory UNKNOWN = new ResidentMemory(-1, -1, -1);

    static ResidentMemory read() {
        try {
            return parse(Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII));
        } catch (IOException e) {
            return UNKNOWN;
        }
    }

    static ResidentMemory parse(List<String> statusLines) {
        return new ResidentMemory(field(statusLines, "VmRSS"), field(statusLines, "RssAnon"), field(statusLines, "RssFile"));
    }

    private static long field(List<String> lines, String name) {
        for (String line : lines) {
            if (line.startsWith(name + ":")) {
                try {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }
}
