package dev.newsflow.app.cli;

import dev.newsflow.app.runtime.ConfigFiles;
import dev.newsflow.common.runtime.NewsflowConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The shared {@code --config} option. */
public final class ConfigOption {
    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "Configuration file (default: config/newsflow.yml when present, else built-in defaults). "
                    + "NEWSFLOW_* environment variables override it.")
    Path file;

    public NewsflowConfig load() {
        return ConfigFiles.load(file);
    }
}
