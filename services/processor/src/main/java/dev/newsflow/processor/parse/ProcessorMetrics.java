package dev.newsflow.processor.parse;

import dev.newsflow.avro.Article;
import dev.newsflow.avro.ParsedPage;
import io.micrometer.core.instrument.MeterRegistry;

/** Meters of the parse stage: outcomes, dead letters by stage and reason, extraction hit rates. */
final class ProcessorMetrics {
    private final MeterRegistry meters;

    ProcessorMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void parsed(ParsedPage page) {
        meters.counter("news.parse.outcomes", "outcome", "parsed").increment();
        Article a = page.getArticle();
        found("title", a.getTitle() != null);
        found("body", !a.getBodyText().isEmpty());
        found("date", a.getPublishedAt() != null);
        found("author", !a.getAuthors().isEmpty());
    }

    void deadLetter(String stage, String reason) {
        meters.counter("news.parse.outcomes", "outcome", "dead-lettered").increment();
        meters.counter("news.dead.letters", "service", "processor", "stage", stage, "reason", reason).increment();
    }

    private void found(String field, boolean found) {
        meters.counter("news.extract.fields", "field", field, "found", String.valueOf(found)).increment();
    }
}
