package dev.newsflow.sink.store;

import java.net.URI;
import java.util.Locale;

/** Lower-case host of a URL, or an empty string when it has none. */
public final class HostOf {
    private HostOf() {
    }

    public static String url(String url) {
        if (url == null) {
            return "";
        }
        try {
            String host = URI.create(url.trim()).getHost();
            return host == null ? "" : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
