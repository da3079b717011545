package dev.newsflow.app;

import dev.newsflow.app.cli.BenchCommand;
import dev.newsflow.app.cli.DemoCommand;
import dev.newsflow.app.cli.ReplayCommand;
import dev.newsflow.app.cli.RunCommand;
import dev.newsflow.app.cli.ServiceCommands;
import dev.newsflow.app.cli.SourcesCommand;
import dev.newsflow.common.config.ConfigException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code newsflow} command line: every service, the demo, validation, replay and benchmarks. */
@Command(name = "newsflow", mixinStandardHelpOptions = true, version = "newsflow 0.1.0",
        description = "Kafka-native news ingestion: fetch, extract, deduplicate, enrich, store.",
        subcommands = {RunCommand.class, DemoCommand.class, ServiceCommands.Fetcher.class, ServiceCommands.Processor.class,
            ServiceCommands.Sink.class, SourcesCommand.class, ReplayCommand.class, BenchCommand.class,
            dev.newsflow.app.proof.BrokerCommand.class, dev.newsflow.app.proof.CrashTestCommand.class, dev.newsflow.app.proof.SoakCommand.class,
            dev.newsflow.app.example.ExampleConsumerCommand.class})
public final class Newsflow implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (0 ok, 1 failure, 2 usage or configuration errors). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The command line with newsflow's exit codes; tests set its output streams. */
    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Newsflow());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof ConfigException ce) {
                cmd.getErr().println(ce.getMessage());
                return 2;
            }
            cmd.getErr().println("newsflow: " + e.getMessage());
            org.slf4j.LoggerFactory.getLogger(Newsflow.class).error("Command failed", e);
            return 1;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
