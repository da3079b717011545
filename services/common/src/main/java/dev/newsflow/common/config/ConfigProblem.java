package dev.newsflow.common.config;

/** One thing wrong with a configuration file: where it is and what is wrong. */
public record ConfigProblem(String file, int line, String path, String message) {

    @Override
    public String toString() {
        String where = line > 0 ? file + ":" + line : file;
        return where + ": '" + path + "' " + message;
    }
}
