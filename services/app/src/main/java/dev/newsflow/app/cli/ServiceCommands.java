package dev.newsflow.app.cli;

import dev.newsflow.app.runtime.Pipeline;
import java.util.EnumSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** One service per process, for docker-compose and Kubernetes (needs an external Kafka). */
public final class ServiceCommands {
    private ServiceCommands() {
    }

    @Command(name = "fetcher", mixinStandardHelpOptions = true, description = "Run the fetcher only (external Kafka required).")
    public static final class Fetcher implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Override
        public Integer call() throws Exception {
            return RunCommand.Blocking.runUntilStopped(new Pipeline(config.load(), EnumSet.of(Pipeline.Role.FETCHER)), false);
        }
    }

    @Command(name = "processor", mixinStandardHelpOptions = true, description = "Run the Kafka Streams processor only (external Kafka required).")
    public static final class Processor implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Override
        public Integer call() throws Exception {
            return RunCommand.Blocking.runUntilStopped(new Pipeline(config.load(), EnumSet.of(Pipeline.Role.PROCESSOR)), false);
        }
    }

    @Command(name = "sink", mixinStandardHelpOptions = true, description = "Run the database sink only (external Kafka required).")
    public static final class Sink implements Callable<Integer> {
        @Mixin
        ConfigOption config;

        @Override
        public Integer call() throws Exception {
            return RunCommand.Blocking.runUntilStopped(new Pipeline(config.load(), EnumSet.of(Pipeline.Role.SINK)), false);
        }
    }
}
