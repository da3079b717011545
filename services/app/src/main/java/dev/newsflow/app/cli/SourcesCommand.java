package dev.newsflow.app.cli;

import dev.newsflow.fetcher.SourcesValidateCommand;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code newsflow sources validate FILE}. */
@Command(name = "sources", mixinStandardHelpOptions = true, description = "Work with the sources file.",
        subcommands = SourcesCommand.Validate.class)
public final class SourcesCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = "Check a sources file; print every problem with its line; exit 1 when there are problems.")
    public static final class Validate implements Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "The sources file, e.g. config/sources.yml")
        Path file;

        @Override
        public Integer call() {
            return SourcesValidateCommand.run(file, System.out, System.err);
        }
    }
}
