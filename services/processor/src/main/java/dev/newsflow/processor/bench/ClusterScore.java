package dev.newsflow.processor.bench;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores a page clustering against gold story clusters exactly as the story-dedup README defines it: pairwise
 * precision/recall/F1 over all unordered page pairs, recall per kind (mirror, tracking, syndicated, revision:
 * same cluster as the story's original page; distinct-same-template: cluster holds no page of another story),
 * false merges (predicted pairs of different stories) and stories split. A page without prediction is a
 * cluster of its own.
 *
 * @param precision     TP / predicted pairs (1 when none)
 * @param recall        TP / gold pairs
 * @param f1            2PR / (P + R)
 * @param recallByKind  kind → share of pages placed correctly
 * @param countByKind   kind → pages of that kind
 * @param falseMerges   predicted pairs whose gold stories differ
 * @param storiesSplit  gold stories with ≥ 2 pages spread over more than one predicted cluster
 */
public record ClusterScore(double precision, double recall, double f1, Map<String, Double> recallByKind, Map<String, Integer> countByKind,
                           long falseMerges, int storiesSplit) {
    static final List<String> KINDS = List.of("mirror", "tracking", "syndicated", "revision", "distinct-same-template");

    public static ClusterScore of(Map<String, DedupDataset.Gold> gold, Map<String, String> predicted) {
        Map<String, String> cluster = new HashMap<>();
        for (String page : gold.keySet()) {
            cluster.put(page, predicted.getOrDefault(page, "\u0000own:" + page));
        }
        Map<String, Map<String, Integer>> storiesByCluster = new HashMap<>();
        Map<String, Integer> clusterSize = new HashMap<>();
        Map<String, Integer> storySize = new HashMap<>();
        Map<String, Set<String>> clustersByStory = new HashMap<>();
        for (Map.Entry<String, DedupDataset.Gold> e : gold.entrySet()) {
            String c = cluster.get(e.getKey());
            String s = e.getValue().story();
            storiesByCluster.computeIfAbsent(c, k -> new HashMap<>()).merge(s, 1, Integer::sum);
            clusterSize.merge(c, 1, Integer::sum);
            storySize.merge(s, 1, Integer::sum);
            clustersByStory.computeIfAbsent(s, k -> new HashSet<>()).add(c);
        }
        long tp = 0;
        for (Map<String, Integer> byStory : storiesByCluster.values()) {
            for (int n : byStory.values()) {
                tp += pairs(n);
            }
        }
        long predictedPairs = clusterSize.values().stream().mapToLong(ClusterScore::pairs).sum();
        long goldPairs = storySize.values().stream().mapToLong(ClusterScore::pairs).sum();
        double p = predictedPairs == 0 ? 1 : (double) tp / predictedPairs;
        double r = goldPairs == 0 ? 1 : (double) tp / goldPairs;
        double f1 = p + r == 0 ? 0 : 2 * p * r / (p + r);
        Map<String, String> originalOf = new HashMap<>();
        gold.forEach((page, g) -> {
            if (g.kind().equals("original")) {
                originalOf.put(g.story(), page);
            }
        });
        Map<String, Double> recallByKind = new LinkedHashMap<>();
        Map<String, Integer> countByKind = new LinkedHashMap<>();
        for (String kind : KINDS) {
            int n = 0;
            int ok = 0;
            for (Map.Entry<String, DedupDataset.Gold> e : gold.entrySet()) {
                if (!e.getValue().kind().equals(kind)) {
                    continue;
                }
                n++;
                String c = cluster.get(e.getKey());
                if (kind.equals("distinct-same-template")) {
                    ok += storiesByCluster.get(c).size() == 1 ? 1 : 0;
                } else {
                    String original = originalOf.get(e.getValue().story());
                    ok += original != null && cluster.get(original).equals(c) ? 1 : 0;
                }
            }
            if (n > 0) {
                recallByKind.put(kind, (double) ok / n);
                countByKind.put(kind, n);
            }
        }
        int split = 0;
        for (Map.Entry<String, Set<String>> e : clustersByStory.entrySet()) {
            if (storySize.get(e.getKey()) >= 2 && e.getValue().size() > 1) {
                split++;
            }
        }
        return new ClusterScore(p, r, f1, recallByKind, countByKind, predictedPairs - tp, split);
    }

    private static long pairs(long n) {
        return n * (n - 1) / 2;
    }
}
