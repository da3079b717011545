package dev.newsflow.sink.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned schema change, read from {@code V<n>__<name>.sql}.
 *
 * @param version  n, starting at 1, consecutive
 * @param name     the part after {@code __}, for the record in {@code schema_version}
 * @param script   the SQL text
 */
public record Migration(int version, String name, String script) {
    private static final Pattern FILE = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");

    public Migration {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(script, "script");
        if (version < 1) {
            throw new IllegalArgumentException("migration version must be >= 1");
        }
    }

    /** Parses a file name; returns null when it is not a migration file name. */
    public static Migration fromFile(String fileName, String script) {
        Matcher m = FILE.matcher(fileName);
        if (!m.matches()) {
            return null;
        }
        return new Migration(Integer.parseInt(m.group(1)), m.group(2), script);
    }

    /** SHA-256 of the script with line endings normalized, so a checkout on Windows keeps the same checksum. */
    public String checksum() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(script.replace("\r\n", "\n").strip().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
