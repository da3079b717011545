package dev.newsflow.common.sources;

import java.util.List;

/**
 * Per-source CSS selectors that win over the generic extraction (each validated at load time).
 *
 * @param remove elements removed before extraction (share bars, newsletter boxes, ...)
 * @param body   the element holding the article body, or null
 * @param title  the element holding the headline, or null
 * @param date   the element (or its {@code datetime}/{@code content} attribute) holding the publication date, or null
 * @param author elements holding author names, or null
 */
public record ExtractionOverrides(List<String> remove, String body, String title, String date, String author) {
    public static final ExtractionOverrides NONE = new ExtractionOverrides(List.of(), null, null, null, null);

    public ExtractionOverrides {
        remove = List.copyOf(remove);
    }

    public boolean isEmpty() {
        return remove.isEmpty() && body == null && title == null && date == null && author == null;
    }
}
