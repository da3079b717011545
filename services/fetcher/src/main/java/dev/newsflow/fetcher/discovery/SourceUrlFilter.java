package dev.newsflow.fetcher.discovery;

import dev.newsflow.common.sources.SourceDefinition;
import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a discovered URL is fetched for a source. Links found on seed pages must be on one of the
 * source's hosts or mirrors, match an {@code allow} pattern (when there are any) and no {@code deny}
 * pattern. Feed and sitemap items are the publisher's own announcements: only {@code deny} applies.
 */
public final class SourceUrlFilter {
    private SourceUrlFilter() {
    }

    public static boolean accepts(SourceDefinition source, URI url, boolean fromSeed) {
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        if (fromSeed && !source.allHosts().contains(host)) {
            return false;
        }
        String s = url.toString();
        for (Pattern deny : source.deny()) {
            if (deny.matcher(s).find()) {
                return false;
            }
        }
        if (!fromSeed || source.allow().isEmpty()) {
            return true;
        }
        for (Pattern allow : source.allow()) {
            if (allow.matcher(s).find()) {
                return true;
            }
        }
        return false;
    }
}
