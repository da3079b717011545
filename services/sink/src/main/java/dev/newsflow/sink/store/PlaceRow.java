package dev.newsflow.sink.store;

/** One place an article mentions, as stored in the {@code articles.places} JSON array (keys in snake case). */
public record PlaceRow(String name, String countryCode, String kind, int mentions) {
}
