package dev.newsflow.processor.enrich;

import dev.newsflow.avro.Article;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pure part of keyword extraction — term frequencies and spellings ({@link KeywordEnricher.Terms}) — computed
 * ahead of the stream thread by the parse workers ({@code processor.parse-ahead-threads}) for the draft articles they
 * parse. The {@link KeywordEnricher} takes them for the article it enriches: found by the identity of the article's
 * body text (the same {@code String} instance travels from the worker's draft through the enrichers before keywords)
 * and used only when the title is equal too, so they are exactly what it would count itself; an article without
 * them is counted as before. The learned state — document frequencies, scores — stays on the stream thread.
 * At most {@code capacity} entries wait; when they pile up unused (a worker's page parsed again inline), they are
 * dropped. Safe for concurrent use: workers {@link #prepare}, stream threads {@link #take}.
 */
public final class PreparedTerms {
    private final Map<BodyIdentity, KeywordEnricher.Terms> ready = new ConcurrentHashMap<>();
    private final int maxChars;
    private final int capacity;

    /** The body text instance as a map key: equal only to itself (no hashing of the text). */
    private record BodyIdentity(String body) {
        @Override
        public boolean equals(Object o) {
            return o instanceof BodyIdentity other && other.body == body;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(body);
        }
    }

    public PreparedTerms(EnrichmentSettings.Keywords settings, int capacity) {
        this.maxChars = settings.maxChars();
        this.capacity = capacity;
    }

    /** Counts the terms of this draft on the calling worker thread. */
    public void prepare(Article draft) {
        if (ready.size() >= capacity) {
            ready.clear();
        }
        String title = KeywordEnricher.title(draft);
        String body = KeywordEnricher.body(draft, maxChars);
        ready.put(new BodyIdentity(draft.getBodyText()),
                KeywordEnricher.Terms.of(title, Tokens.of(title), body, Tokens.of(body)).withAllSpellings());
    }

    /** The terms prepared for this article's body and title (each used once), or null. */
    KeywordEnricher.Terms take(Article article) {
        KeywordEnricher.Terms t = ready.remove(new BodyIdentity(article.getBodyText()));
        return t != null && t.title.equals(KeywordEnricher.title(article)) ? t : null;
    }

    int waiting() {
        return ready.size();
    }
}
