package dev.newsflow.fetcher.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns URLs found in feeds, sitemaps and pages into fetchable {@link URI}s: absolute http(s) only,
 * host lower-cased, fragment dropped, illegal characters percent-encoded, length bounded.
 */
public final class UrlNormalizer {
    private UrlNormalizer() {
    }

    /** The normalized URL, or empty when it is not a fetchable http(s) URL within {@code maxLength}. */
    public static Optional<URI> normalize(String raw, URI base, int maxLength) {
        if (raw == null || raw.isBlank() || raw.length() > maxLength) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(escapeIllegal(raw.trim()));
            if (base != null) {
                uri = base.resolve(uri);
            }
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null || uri.getRawUserInfo() != null) {
                return Optional.empty();
            }
            int port = uri.getPort() == 80 && scheme.equals("http") || uri.getPort() == 443 && scheme.equals("https") ? -1 : uri.getPort();
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            URI out = new URI(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (port > 0 ? ":" + port : "") + path
                    + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : ""));
            return out.toString().length() > maxLength ? Optional.empty() : Optional.of(out);
        } catch (URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public static URI withoutFragment(URI uri) {
        if (uri.getRawFragment() == null) {
            return uri;
        }
        String s = uri.toString();
        return URI.create(s.substring(0, s.indexOf('#')));
    }

    /** Percent-encodes characters that {@link URI} rejects (spaces, non-ASCII, braces...) as UTF-8. */
    public static String escapeIllegal(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c > 0x20 && c < 0x7f && "\"<>\\^`{|}".indexOf(c) < 0) {
                sb.append((char) c);
            } else {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return sb.toString();
    }
}
