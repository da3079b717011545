package dev.newsflow.processor.parse;

import dev.newsflow.avro.Article;
import dev.newsflow.avro.ParsedPage;
import dev.newsflow.common.sources.SourceDefinition;
import dev.newsflow.processor.metrics.SourceLabels;
import dev.newsflow.processor.metrics.StageTimers;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.List;

/**
 * Meters of the parse stage: outcomes and extraction hit rates per source (configured ids, else unknown), dead
 * letters by stage and reason, and the stage's processing time. Dead-letter counters of the known reasons and the
 * outcomes of every configured source are registered at zero so that Prometheus sees the first increment.
 */
final class ProcessorMetrics {
    private static final List<String[]> KNOWN_FAILURES = List.of(new String[] {"deserialize", "bad-avro"},
            new String[] {"deserialize", "null-value"}, new String[] {"parse", "parse-error"}, new String[] {"parse", "http-status"},
            new String[] {"parse", "not-html"}, new String[] {"parse", "empty-body"}, new String[] {"parse", "too-large"},
            new String[] {"parse", "binary"});

    private final MeterRegistry meters;
    private final SourceLabels sources;
    private final Timer parseTime;

    ProcessorMetrics(MeterRegistry meters, SourceLabels sources) {
        this.meters = meters;
        this.sources = sources;
        for (String[] f : KNOWN_FAILURES) {
            meters.counter("news.dead.letters", "service", "processor", "stage", f[0], "reason", f[1]);
        }
        for (SourceDefinition s : sources.current().all()) {
            meters.counter("news.parse.outcomes", "outcome", "parsed", "source", s.id());
            meters.counter("news.parse.outcomes", "outcome", "dead-lettered", "source", s.id());
        }
        meters.counter("news.parse.outcomes", "outcome", "dead-lettered", "source", SourceLabels.UNKNOWN);
        this.parseTime = StageTimers.of(meters, "parse");
    }

    Timer parseTime() {
        return parseTime;
    }

    void parsed(ParsedPage page) {
        String source = sources.of(page.getSourceId());
        meters.counter("news.parse.outcomes", "outcome", "parsed", "source", source).increment();
        Article a = page.getArticle();
        found(source, "title", a.getTitle() != null);
        found(source, "body", !a.getBodyText().isEmpty());
        found(source, "date", a.getPublishedAt() != null);
        found(source, "author", !a.getAuthors().isEmpty());
    }

    void deadLetter(String source, String stage, String reason) {
        meters.counter("news.parse.outcomes", "outcome", "dead-lettered", "source", sources.of(source)).increment();
        meters.counter("news.dead.letters", "service", "processor", "stage", stage, "reason", reason).increment();
    }

    private void found(String source, String field, boolean found) {
        meters.counter("news.extract.fields", "field", field, "found", String.valueOf(found), "source", source).increment();
    }
}
