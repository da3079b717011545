package dev.newsflow.processor.canonical;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Normalizes http(s) URLs so that spellings of the same address compare equal: scheme and host case, IDN,
 * default ports, fragments, dot segments, duplicate slashes, percent-encoding (unreserved characters decoded,
 * hex upper-cased), tracking parameters, sorted query parameters, trailing slash, and AMP variants
 * ({@code /amp} path segments, {@code .amp.html}, {@code amp=1}, {@code outputType=amp}). Pure and thread-safe.
 * The rules are listed in {@code docs/story-keys.md}.
 */
public final class UrlNormalizer {
    private static final String HEX = "0123456789ABCDEF";

    private UrlNormalizer() {
    }

    /** The normalized form of {@code url}, or empty when it is not an absolute http(s) URL with a host. */
    public static Optional<NormalizedUrl> normalize(String url) {
        if (url == null) {
            return Optional.empty();
        }
        URI uri = parse(url.trim());
        if (uri == null || uri.getScheme() == null || uri.getRawAuthority() == null) {
            return Optional.empty();
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.empty();
        }
        String host = host(uri);
        if (host == null) {
            return Optional.empty();
        }
        int port = uri.getPort();
        if (port == 80 && scheme.equals("http") || port == 443 && scheme.equals("https")) {
            port = -1;
        }
        String path = path(uri.getRawPath());
        String query = query(uri.getRawQuery());
        if (path.endsWith(".amp.html")) {
            path = path.substring(0, path.length() - ".amp.html".length()) + ".html";
        }
        return Optional.of(new NormalizedUrl(scheme, host, port, path, query));
    }

    /** Resolves {@code ref} (absolute or relative) against {@code base} and normalizes it. */
    public static Optional<NormalizedUrl> resolve(String base, String ref) {
        if (ref == null || ref.isBlank()) {
            return Optional.empty();
        }
        URI b = parse(base == null ? "" : base.trim());
        URI r = parse(ref.trim());
        if (r == null) {
            return Optional.empty();
        }
        if (!r.isAbsolute() && b != null && b.isAbsolute()) {
            try {
                r = b.resolve(r);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return normalize(r.toString());
    }

    private static URI parse(String s) {
        try {
            return new URI(s);
        } catch (URISyntaxException e) {
            try {
                return new URI(escapeIllegal(s));
            } catch (URISyntaxException e2) {
                return null;
            }
        }
    }

    /** Percent-encodes characters a lenient browser accepts but RFC 3986 does not (spaces, non-ASCII, |, ...). */
    static String escapeIllegal(String s) {
        StringBuilder out = new StringBuilder(s.length() + 16);
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            int c = bytes[i] & 0xff;
            boolean badPercent = c == '%' && (i + 2 >= bytes.length || !isHex((char) bytes[i + 1]) || !isHex((char) bytes[i + 2]));
            if (!badPercent && c > 0x20 && c < 0x7f && "\"<>\\^`{|}".indexOf(c) < 0) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 15));
            }
        }
        return out.toString();
    }

    private static String host(URI uri) {
        String host = uri.getHost();
        if (host == null) {
            String authority = uri.getRawAuthority();
            int at = authority.lastIndexOf('@');
            host = authority.substring(at + 1);
            int colon = host.lastIndexOf(':');
            if (colon > 0 && !host.endsWith("]")) {
                host = host.substring(0, colon);
            }
            host = decode(host);
        }
        if (host.isEmpty()) {
            return null;
        }
        while (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        try {
            host = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
        } catch (IllegalArgumentException e) {
            return null;
        }
        return host.isEmpty() ? null : host.toLowerCase(Locale.ROOT);
    }

    private static String path(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "/";
        }
        List<String> out = new ArrayList<>();
        for (String segment : raw.split("/", -1)) {
            String s = normalizeEscapes(segment);
            if (s.isEmpty() || s.equals(".")) {
                continue;
            }
            if (s.equals("..")) {
                if (!out.isEmpty()) {
                    out.remove(out.size() - 1);
                }
                continue;
            }
            out.add(s);
        }
        if (!out.isEmpty() && out.get(out.size() - 1).equalsIgnoreCase("amp")) {
            out.remove(out.size() - 1);
        }
        if (!out.isEmpty() && out.get(0).equalsIgnoreCase("amp")) {
            out.remove(0);
        }
        return "/" + String.join("/", out);
    }

    private static String query(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        List<String[]> params = new ArrayList<>();
        for (String part : raw.split("[&;]")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = normalizeEscapes(eq < 0 ? part : part.substring(0, eq));
            String value = eq < 0 ? null : normalizeEscapes(part.substring(eq + 1));
            if (name.isEmpty() || TrackingParameters.isTracking(decode(name))
                    || decode(name).equalsIgnoreCase("outputType") && "amp".equalsIgnoreCase(value)) {
                continue;
            }
            params.add(new String[] {name, value});
        }
        params.sort(Comparator.<String[], String>comparing(p -> p[0]).thenComparing(p -> p[1] == null ? "" : p[1]));
        StringBuilder out = new StringBuilder();
        for (String[] p : params) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(p[0]);
            if (p[1] != null) {
                out.append('=').append(p[1]);
            }
        }
        return out.toString();
    }

    /** Decodes %XX of unreserved characters, upper-cases the hex of the others; leaves bad escapes encoded. */
    static String normalizeEscapes(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                int v = Character.digit(s.charAt(i + 1), 16) * 16 + Character.digit(s.charAt(i + 2), 16);
                if (isUnreserved(v)) {
                    out.append((char) v);
                } else {
                    out.append('%').append(HEX.charAt(v >> 4)).append(HEX.charAt(v & 15));
                }
                i += 2;
            } else if (c == '%') {
                out.append("%25");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String decode(String s) {
        try {
            return java.net.URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }

    private static boolean isUnreserved(int c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
