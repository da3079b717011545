package dev.newsflow.processor.bench;

import dev.newsflow.avro.Article;
import dev.newsflow.avro.Sighting;
import dev.newsflow.avro.SightingKind;
import dev.newsflow.processor.dedup.ContentHash;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the processor's output the way a downstream consumer would: each fetch is attributed to the article its
 * sighting names (matched by URL and fetch time), and articles linked by {@code duplicateOf} or a DUPLICATE
 * sighting form one cluster. A fetch without sighting (dead-lettered by parse) is a cluster of its own.
 */
final class BenchClusters {
    private BenchClusters() {
    }

    static Map<String, String> predictions(List<DedupDataset.Fetch> fetches, Collection<Sighting> sightings, Collection<Article> articles) {
        Map<String, String> pageByFetch = new HashMap<>();
        for (DedupDataset.Fetch f : fetches) {
            pageByFetch.putIfAbsent(f.url() + "\n" + f.fetchedAt().toEpochMilli(), f.page());
        }
        Map<String, String> parent = new HashMap<>();
        Map<String, String> articleOfPage = new HashMap<>();
        for (Sighting s : sightings) {
            if (s.getKind() == SightingKind.DUPLICATE) {
                union(parent, s.getArticleId(), ContentHash.articleId(s.getStoryKey()));
                continue;
            }
            String page = pageByFetch.get(s.getUrl() + "\n" + s.getSeenAt().toEpochMilli());
            if (page != null) {
                articleOfPage.put(page, s.getArticleId());
            }
        }
        for (Article a : articles) {
            if (a.getDuplicateOf() != null) {
                union(parent, a.getArticleId(), a.getDuplicateOf());
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (DedupDataset.Fetch f : fetches) {
            String id = articleOfPage.get(f.page());
            out.put(f.page(), id == null ? "page:" + f.page() : find(parent, id));
        }
        return out;
    }

    /** The clustering as a set of page sets, for comparing two runs regardless of cluster ids. */
    static Set<Set<String>> partition(Map<String, String> predictions) {
        Map<String, Set<String>> byCluster = new HashMap<>();
        predictions.forEach((page, cluster) -> byCluster.computeIfAbsent(cluster, c -> new TreeSet<>()).add(page));
        return new HashSet<>(byCluster.values());
    }

    private static String find(Map<String, String> parent, String id) {
        String root = id;
        while (parent.containsKey(root)) {
            root = parent.get(root);
        }
        return root;
    }

    private static void union(Map<String, String> parent, String a, String b) {
        String ra = find(parent, a);
        String rb = find(parent, b);
        if (!ra.equals(rb)) {
            // the smaller id becomes the root, so the result does not depend on the order links were read in
            if (ra.compareTo(rb) < 0) {
                parent.put(rb, ra);
            } else {
                parent.put(ra, rb);
            }
        }
    }
}
