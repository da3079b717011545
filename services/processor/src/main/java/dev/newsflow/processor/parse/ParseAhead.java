package dev.newsflow.processor.parse;

import dev.newsflow.avro.RawPage;
import dev.newsflow.common.kafka.NewsTopics;
import dev.newsflow.processor.enrich.EnrichmentSettings;
import dev.newsflow.processor.enrich.PreparedDetections;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Parsing of raw pages on worker threads ahead of the stream thread ({@code processor.parse-ahead-threads}): the
 * workers decode and parse each polled raw page, and detect its language, so that the stream thread — which alone
 * runs a task's records in order, with its state and its exactly-once commits — mostly finds that work done. See
 * {@link ReadAhead} for why the output cannot differ.
 *
 * @param pages     parse outcomes by raw record
 * @param languages language answers for the enricher, or null when language detection is off
 */
public record ParseAhead(ReadAhead<ParseOutcome> pages, PreparedDetections languages) implements AutoCloseable {
    /** Results computed and not yet used, per worker thread. */
    static final int WINDOW_PER_THREAD = 16;
    /** Polled raw pages waiting for a worker, at most. */
    static final int MAX_BACKLOG = 4096;

    public static ParseAhead start(int threads, NewsTopics topics, PageParser parser, EnrichmentSettings enrich, MeterRegistry meters) {
        String topic = topics.rawPages().name();
        Deserializer<RawPage> deserializer = topics.rawPages().valueSerde().deserializer();
        PreparedDetections languages = enrich.enabled() && enrich.language().enabled()
                ? new PreparedDetections(enrich.language(), 2 * MAX_BACKLOG) : null;
        ReadAhead<ParseOutcome> pages = new ReadAhead<>(topic, value -> {
            ParseOutcome outcome = ParseProcessor.outcome(deserializer, parser, topic, value, Instant.now());
            if (languages != null && outcome instanceof ParseOutcome.Parsed parsed) {
                languages.prepare(parsed.page().getArticle());
            }
            return outcome;
        }, threads, WINDOW_PER_THREAD * threads, MAX_BACKLOG, meters);
        return new ParseAhead(pages, languages);
    }

    @Override
    public void close() {
        pages.close();
    }
}
