package dev.newsflow.processor.enrich;

import dev.newsflow.avro.Article;

/** Places and countries mentioned in title and body, and the article's primary country. */
public final class PlaceEnricher implements ArticleEnricher {
    private final PlaceMatcher matcher;
    private final int maxPlaces;
    private final int maxChars;

    public PlaceEnricher(Gazetteer gazetteer, int maxPlaces, int maxChars) {
        this.matcher = new PlaceMatcher(gazetteer);
        this.maxPlaces = maxPlaces;
        this.maxChars = maxChars;
    }

    @Override
    public Article enrich(Article draft, EnrichmentContext ctx) {
        String body = draft.getBodyText();
        if (body.length() > maxChars) {
            body = body.substring(0, maxChars);
        }
        String title = draft.getTitle() == null ? "" : draft.getTitle();
        PlaceMatcher.Result r = matcher.match(title, ctx.tokens(title), body, ctx.tokens(body), maxPlaces);
        return Article.newBuilder(draft).setPlaces(r.places()).setPrimaryCountry(r.primaryCountry()).build();
    }
}
