package dev.newsflow.app.runtime;

import dev.newsflow.common.runtime.NewsflowConfig;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds and loads the configuration file the user named, or the default one when it exists. */
public final class ConfigFiles {
    public static final Path DEFAULT = Path.of("config", "newsflow.yml");

    private ConfigFiles() {
    }

    public static NewsflowConfig load(Path file) {
        if (file != null) {
            return NewsflowConfig.load(file, System.getenv());
        }
        return Files.isRegularFile(DEFAULT) ? NewsflowConfig.load(DEFAULT, System.getenv()) : NewsflowConfig.defaults(System.getenv());
    }
}
