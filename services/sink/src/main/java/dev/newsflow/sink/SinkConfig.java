package dev.newsflow.sink;

import dev.newsflow.common.config.ConfigNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * Typed settings of the sink ({@code sink:} in newsflow.yml); every key is documented in docs/configuration.md.
 *
 * @param jdbcUrl       {@code jdbc:sqlite:FILE} or {@code jdbc:postgresql://HOST:PORT/DB}
 * @param username      database user (PostgreSQL; ignored by SQLite)
 * @param password      database password (never logged)
 * @param groupId       Kafka consumer group
 * @param batchSize     records per poll, written in one database transaction
 * @param pollTimeout   how long one poll waits for records
 * @param maxTextLength longest text field (characters) accepted; longer records are dead-lettered as {@code too-long}
 * @param retryBackoff  first wait after a transient database or Kafka failure (doubles up to 30 s)
 * @param fullTextSearch PostgreSQL: fill {@code articles.search} (false leaves it NULL for the rows this sink writes;
 *                       SQLite always maintains its FTS5 index and accepts only true)
 */
public record SinkConfig(String jdbcUrl, String username, String password, String groupId, int batchSize,
                        Duration pollTimeout, int maxTextLength, Duration retryBackoff, boolean fullTextSearch) {

    public static final Set<String> KEYS = Set.of("jdbc-url", "username", "password", "group-id", "batch-size", "poll-timeout",
            "max-text-length", "retry-backoff", "full-text-search");
    public static final String DEFAULT_GROUP = "newsflow-sink";
    public static final int DEFAULT_BATCH_SIZE = 500;
    public static final Duration DEFAULT_POLL_TIMEOUT = Duration.ofMillis(500);
    public static final int DEFAULT_MAX_TEXT_LENGTH = 1_000_000;
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(1);

    /** Reads the section with the SQLite file defaulting to {@code ./data/newsflow.db}. */
    public static SinkConfig from(ConfigNode section) {
        return from(section, Path.of("data"));
    }

    /** Reads the section; problems are recorded in the section's report with their line, not thrown. */
    public static SinkConfig from(ConfigNode section, Path dataDir) {
        section.allowOnly(KEYS);
        String url = section.string("jdbc-url", "").trim();
        if (url.isEmpty()) {
            url = defaultJdbcUrl(dataDir);
        }
        if (!isSqlite(url) && !isPostgres(url)) {
            section.problem("jdbc-url", "value '" + url + "' is invalid: must start with jdbc:sqlite: or jdbc:postgresql:");
        } else if (isSqlite(url) && url.length() == "jdbc:sqlite:".length()) {
            section.problem("jdbc-url", "value '" + url + "' is invalid: names no database file");
        }
        String username = section.string("username", "");
        String password = section.string("password", "");
        String group = section.string("group-id", DEFAULT_GROUP).trim();
        if (group.isEmpty()) {
            section.problem("group-id", "must not be empty");
            group = DEFAULT_GROUP;
        }
        int batch = section.integer("batch-size", DEFAULT_BATCH_SIZE, 1, 10_000);
        Duration poll = section.duration("poll-timeout", DEFAULT_POLL_TIMEOUT);
        if (poll.toMillis() < 10 || poll.toSeconds() > 60) {
            section.problem("poll-timeout", "value '" + poll + "' is invalid: must be between 10ms and 60s");
            poll = DEFAULT_POLL_TIMEOUT;
        }
        int maxText = section.integer("max-text-length", DEFAULT_MAX_TEXT_LENGTH, 1_000, 100_000_000);
        Duration backoff = section.duration("retry-backoff", DEFAULT_RETRY_BACKOFF);
        if (backoff.toMillis() < 10 || backoff.toSeconds() > 60) {
            section.problem("retry-backoff", "value '" + backoff + "' is invalid: must be between 10ms and 60s");
            backoff = DEFAULT_RETRY_BACKOFF;
        }
        boolean fullText = section.bool("full-text-search", true);
        if (!fullText && isSqlite(url)) {
            section.problem("full-text-search", "false is supported with PostgreSQL only: SQLite's FTS5 index (articles_fts) is always maintained");
            fullText = true;
        }
        return new SinkConfig(url, username, password, group, batch, poll, maxText, backoff, fullText);
    }

    public static String defaultJdbcUrl(Path dataDir) {
        return "jdbc:sqlite:" + dataDir.resolve("newsflow.db");
    }

    /** Defaults for a SQLite file under {@code dataDir}. */
    public static SinkConfig defaults(Path dataDir) {
        return new SinkConfig(defaultJdbcUrl(dataDir), "", "", DEFAULT_GROUP, DEFAULT_BATCH_SIZE, DEFAULT_POLL_TIMEOUT,
                DEFAULT_MAX_TEXT_LENGTH, DEFAULT_RETRY_BACKOFF, true);
    }

    public SinkConfig withJdbc(String url, String user, String pass) {
        return new SinkConfig(url, user, pass, groupId, batchSize, pollTimeout, maxTextLength, retryBackoff, fullTextSearch);
    }

    public SinkConfig withGroupId(String group) {
        return new SinkConfig(jdbcUrl, username, password, group, batchSize, pollTimeout, maxTextLength, retryBackoff, fullTextSearch);
    }

    public SinkConfig withBatchSize(int size) {
        return new SinkConfig(jdbcUrl, username, password, groupId, size, pollTimeout, maxTextLength, retryBackoff, fullTextSearch);
    }

    public boolean sqlite() {
        return isSqlite(jdbcUrl);
    }

    static boolean isSqlite(String url) {
        return url.toLowerCase(Locale.ROOT).startsWith("jdbc:sqlite:");
    }

    static boolean isPostgres(String url) {
        return url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:");
    }

    /** The JDBC URL without user info or query parameters, which may carry credentials. */
    public String safeJdbcUrl() {
        String u = jdbcUrl;
        int q = u.indexOf('?');
        if (q >= 0) {
            u = u.substring(0, q) + "?…";
        }
        return u.replaceAll("//[^/@]*@", "//***@");
    }

    @Override
    public String toString() {
        return "SinkConfig[jdbcUrl=" + safeJdbcUrl() + ", username=" + username + ", password=" + (password.isEmpty() ? "" : "****")
                + ", groupId=" + groupId + ", batchSize=" + batchSize + ", pollTimeout=" + pollTimeout + ", maxTextLength="
                + maxTextLength + ", retryBackoff=" + retryBackoff + ", fullTextSearch=" + fullTextSearch + "]";
    }
}
