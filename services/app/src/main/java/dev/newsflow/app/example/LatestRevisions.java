package dev.newsflow.app.example;

import java.util.HashMap;
import java.util.Map;

/**
 * Keeps only the newest version of each article: records of {@code news.articles} with the same key (article id)
 * are versions of one story; a higher {@code revision} replaces a lower one, and a republished record of the same
 * revision (a URL was added) replaces the earlier one. Older revisions arriving later are stale.
 */
public final class LatestRevisions {
    private final Map<String, Integer> newest = new HashMap<>();

    /** Records the revision and says whether it is at least as new as everything seen for the article. */
    public boolean offer(String articleId, int revision) {
        Integer seen = newest.get(articleId);
        if (seen != null && seen > revision) {
            return false;
        }
        newest.put(articleId, revision);
        return true;
    }
}
