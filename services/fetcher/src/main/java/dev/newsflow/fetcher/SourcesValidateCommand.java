package dev.newsflow.fetcher;

import dev.newsflow.common.config.ConfigProblem;
import dev.newsflow.common.sources.SourceDefinition;
import dev.newsflow.common.sources.SourcesLoader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/** {@code newsflow sources validate FILE}: every problem with file:line, exit 0 when valid, 1 otherwise. */
public final class SourcesValidateCommand {
    private SourcesValidateCommand() {
    }

    public static int run(Path file, PrintStream out, PrintStream err) {
        SourcesLoader.Loaded loaded = SourcesLoader.load(file, Map.of());
        if (!loaded.report().problems().isEmpty()) {
            for (ConfigProblem p : loaded.report().problems()) {
                err.println(p);
            }
            err.printf(java.util.Locale.ROOT, "%s: %d problem(s) found%n", file, loaded.report().problems().size());
            return 1;
        }
        int enabled = 0;
        for (SourceDefinition s : loaded.config().all()) {
            if (s.enabled()) {
                enabled++;
            }
            out.printf(java.util.Locale.ROOT, "  %-20s %-8s %d feed(s), %d sitemap(s), %d seed(s), %d host(s) + %d mirror(s), every %s%n",
                    s.id(), s.enabled() ? "enabled" : "disabled", s.feeds().size(), s.sitemaps().size(), s.seeds().size(),
                    s.hosts().size(), s.mirrors().size(), s.every());
        }
        out.printf(java.util.Locale.ROOT, "%s: OK, %d source(s), %d enabled%n", file, loaded.config().all().size(), enabled);
        return 0;
    }
}
