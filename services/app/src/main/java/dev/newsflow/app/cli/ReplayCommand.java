package dev.newsflow.app.cli;

import dev.newsflow.app.runtime.NewsflowRuntime;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code newsflow replay FILE.warc[.gz]}: publishes WARC response records as raw pages. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Publish the HTTP responses of a WARC file as raw pages (backfills, Common Crawl News). "
                + "Uses kafka.bootstrap-servers, or the embedded broker's data directory when none is configured.")
public final class ReplayCommand implements Callable<Integer> {
    @Mixin
    ConfigOption config;

    @Parameters(paramLabel = "FILE", description = "A .warc or .warc.gz file")
    Path file;

    @Override
    public Integer call() throws Exception {
        var cfg = config.load();
        cfg.report().throwIfAny();
        try (NewsflowRuntime runtime = NewsflowRuntime.start(cfg, true)) {
            return dev.newsflow.fetcher.warc.ReplayCommand.run(file, runtime.context(), System.out);
        }
    }
}
