package dev.newsflow.processor.bench;

import dev.newsflow.common.sources.ExtractionOverrides;
import dev.newsflow.processor.dedup.BodyFingerprint;
import dev.newsflow.processor.dedup.Resemblance;
import dev.newsflow.processor.dedup.SimHash;
import dev.newsflow.processor.extract.ArticleExtractor;
import dev.newsflow.processor.extract.ExtractionResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Developer tool: distances and containments of each page to its story's original, per kind. */
public final class DistanceSurvey {
    public static void main(String[] args) throws Exception {
        DedupDataset ds = DedupDataset.load(Path.of(args[0]));
        ArticleExtractor ex = new ArticleExtractor();
        Map<String, BodyFingerprint> fp = new HashMap<>();
        Map<String, String> original = new HashMap<>();
        for (DedupDataset.Fetch f : ds.fetches()) {
            ExtractionResult r = ex.extract(new String(f.html(ds.dir()), StandardCharsets.UTF_8), f.url(), ExtractionOverrides.NONE);
            String body = r instanceof ExtractionResult.Found found ? found.article().bodyText() : "";
            fp.put(f.page(), BodyFingerprint.of(body));
            DedupDataset.Gold g = ds.gold().get(f.page());
            if (g.kind().equals("original")) {
                original.put(g.story(), f.page());
            }
        }
        for (DedupDataset.Fetch f : ds.fetches()) {
            DedupDataset.Gold g = ds.gold().get(f.page());
            String o = original.get(g.story());
            BodyFingerprint a = fp.get(f.page());
            if (o != null && !o.equals(f.page())) {
                BodyFingerprint b = fp.get(o);
                Resemblance r = Resemblance.of(a.shingles(), b.shingles());
                System.out.printf("%s %s words=%d/%d dist=%d cA=%.3f cB=%.3f j=%.3f%n", g.kind(), f.page(), a.words(), b.words(),
                        SimHash.distance(a.simhash(), b.simhash()), r.containedA(), r.containedB(), r.jaccard());
            }
        }
        // hard negatives: best match among all other stories
        for (DedupDataset.Fetch f : ds.fetches()) {
            DedupDataset.Gold g = ds.gold().get(f.page());
            BodyFingerprint a = fp.get(f.page());
            int bestD = 99;
            double bestMin = 0;
            double bestMax = 0;
            for (DedupDataset.Fetch o : ds.fetches()) {
                if (ds.gold().get(o.page()).story().equals(g.story())) {
                    continue;
                }
                BodyFingerprint b = fp.get(o.page());
                if (a.words() < 50 || b.words() < 50) {
                    continue;
                }
                bestD = Math.min(bestD, SimHash.distance(a.simhash(), b.simhash()));
                Resemblance r = Resemblance.of(a.shingles(), b.shingles());
                bestMin = Math.max(bestMin, r.minContainment());
                bestMax = Math.max(bestMax, r.maxContainment());
            }
            System.out.printf("NEG %s %s words=%d minDist=%d maxMinC=%.3f maxMaxC=%.3f%n", g.kind(), f.page(), a.words(), bestD, bestMin, bestMax);
        }
    }
}
