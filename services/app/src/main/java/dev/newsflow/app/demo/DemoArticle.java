package dev.newsflow.app.demo;

import java.time.Instant;
import java.util.List;

/**
 * What the demo site publishes for one article, for tests to compare against what newsflow extracted.
 *
 * @param path        the URL path, {@code /<section>/<yyyy>/<mm>/<dd>/<slug>}, identical on both hosts
 * @param title       the headline
 * @param section     the section slug ({@code world}, {@code politics}, ...)
 * @param authors     the byline names in order
 * @param publishedAt the first publication time
 * @param bodyText    the body paragraphs ({@code <p>} elements of the article body only: no subheadings, list
 *                    items, pull quotes or captions) joined by blank lines
 */
public record DemoArticle(String path, String title, String section, List<String> authors, Instant publishedAt,
                          String bodyText) {
    public DemoArticle {
        authors = List.copyOf(authors);
    }
}
