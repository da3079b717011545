package dev.newsflow.fetcher;

import dev.newsflow.common.sources.SourceDefinition;
import dev.newsflow.common.sources.SourcesConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * When each source's discovery documents are due, which are still running (a slow host never piles up
 * polls), which sources were polled at least once, and whether the sources file changed on disk.
 */
final class SourceSchedule {
    private final Clock clock;
    private final Map<String, State> states = new HashMap<>();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private String fileStamp = "";

    private static final class State {
        String fingerprint;
        Instant nextDue = Instant.EPOCH;
        boolean polledOnce;
    }

    /** What a configuration update changed. */
    record Changes(int added, int changed, int removed) {
    }

    SourceSchedule(Clock clock) {
        this.clock = clock;
    }

    synchronized Changes update(SourcesConfig sources) {
        int added = 0;
        int changed = 0;
        Set<String> ids = new java.util.HashSet<>();
        for (SourceDefinition s : sources.all()) {
            ids.add(s.id());
            String fp = s.toString();
            State st = states.get(s.id());
            if (st == null) {
                st = new State();
                states.put(s.id(), st);
                added++;
            } else if (!st.fingerprint.equals(fp)) {
                st.nextDue = Instant.EPOCH;
                st.polledOnce = false;
                changed++;
            }
            st.fingerprint = fp;
        }
        int before = states.size();
        states.keySet().retainAll(ids);
        return new Changes(added, changed, before - states.size());
    }

    synchronized void ownershipChanged() {
        states.values().forEach(s -> s.nextDue = Instant.EPOCH);
    }

    /** The documents of every due, enabled source that this instance owns; marks those sources polled. */
    synchronized List<Work.Document> due(SourcesConfig sources, Predicate<URI> owned) {
        Instant now = clock.instant();
        List<Work.Document> out = new ArrayList<>();
        for (SourceDefinition s : sources.enabled()) {
            State st = states.get(s.id());
            if (st == null || st.nextDue.isAfter(now)) {
                continue;
            }
            st.nextDue = now.plus(s.every());
            st.polledOnce = true;
            for (Work.Document d : documents(s)) {
                if (owned.test(d.url())) {
                    out.add(d);
                }
            }
        }
        return out;
    }

    static List<Work.Document> documents(SourceDefinition s) {
        List<Work.Document> out = new ArrayList<>();
        s.feeds().forEach(u -> out.add(new Work.Document(s.id(), URI.create(u), FetcherMetrics.Kind.FEED, 0)));
        s.sitemaps().forEach(u -> out.add(new Work.Document(s.id(), URI.create(u), FetcherMetrics.Kind.SITEMAP, 0)));
        s.seeds().forEach(u -> out.add(new Work.Document(s.id(), URI.create(u), FetcherMetrics.Kind.SEED, 0)));
        if (s.robotsSitemaps()) {
            String scheme = "https";
            String authority = s.primaryHost();
            for (String u : concat(s.feeds(), s.sitemaps(), s.seeds())) {
                URI uri = URI.create(u);
                if (uri.getHost().equalsIgnoreCase(s.primaryHost())) {
                    scheme = uri.getScheme();
                    authority = uri.getRawAuthority();
                    break;
                }
            }
            out.add(new Work.Document(s.id(), URI.create(scheme + "://" + authority + "/robots.txt"), FetcherMetrics.Kind.ROBOTS, 0));
        }
        return out;
    }

    @SafeVarargs
    private static List<String> concat(List<String>... lists) {
        List<String> out = new ArrayList<>();
        for (List<String> l : lists) {
            out.addAll(l);
        }
        return out;
    }

    /** Registers a running document; false when the same document is still running. */
    boolean started(Work.Document d) {
        return running.add(d.sourceId() + " " + d.url());
    }

    void finished(Work.Document d) {
        running.remove(d.sourceId() + " " + d.url());
    }

    synchronized boolean allPolledOnce(SourcesConfig sources, Predicate<URI> owned) {
        for (SourceDefinition s : sources.enabled()) {
            State st = states.get(s.id());
            if ((st == null || !st.polledOnce) && documents(s).stream().anyMatch(d -> owned.test(d.url()))) {
                return false;
            }
        }
        return true;
    }

    /** True when the file's modification time or size differs from the last call. */
    synchronized boolean fileChanged(Path file) {
        String stamp;
        try {
            stamp = Files.getLastModifiedTime(file).toMillis() + "/" + Files.size(file);
        } catch (IOException e) {
            stamp = "missing";
        }
        boolean changed = !stamp.equals(fileStamp);
        fileStamp = stamp;
        return changed;
    }
}
