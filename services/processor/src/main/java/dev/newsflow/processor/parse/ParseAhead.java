package dev.newsflow.processor.parse;

import dev.newsflow.avro.RawPage;
import dev.newsflow.common.kafka.NewsTopics;
import dev.newsflow.processor.enrich.EnrichmentSettings;
import dev.newsflow.processor.enrich.EnrichAhead;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Parsing of raw pages on worker threads ahead of the stream thread ({@code processor.parse-ahead-threads}): the
 * workers decode and parse each polled raw page (the article-only enrichers included, {@link PageParser}), detect its
 * language and count its keyword terms, so that the stream thread — which alone
 * runs a task's records in order, with its state and its exactly-once commits — mostly finds that work done. See
 * {@link ReadAhead} for why the output cannot differ.
 *
 * @param pages     parse outcomes by raw record
 * @param enrich    language answers and term counts for the enrichers, or null when both are off
 */
public record ParseAhead(ReadAhead<ParseOutcome> pages, EnrichAhead enrich) implements AutoCloseable {
    /** Results computed and not yet used, per worker thread. */
    static final int WINDOW_PER_THREAD = 16;
    /** Polled raw pages waiting for a worker, at most. */
    static final int MAX_BACKLOG = 4096;

    public static ParseAhead start(int threads, NewsTopics topics, PageParser parser, EnrichmentSettings enrich, MeterRegistry meters) {
        String topic = topics.rawPages().name();
        Deserializer<RawPage> deserializer = topics.rawPages().valueSerde().deserializer();
        EnrichAhead prepared = EnrichAhead.of(enrich, 2 * MAX_BACKLOG, 2 * WINDOW_PER_THREAD * threads + 64);
        ReadAhead<ParseOutcome> pages = new ReadAhead<>(topic, value -> {
            ParseOutcome outcome = ParseProcessor.outcome(deserializer, parser, topic, value, Instant.now());
            if (prepared != null && outcome instanceof ParseOutcome.Parsed parsed) {
                prepared.prepare(parsed.page().getArticle());
            }
            return outcome;
        }, threads, WINDOW_PER_THREAD * threads, MAX_BACKLOG, meters);
        return new ParseAhead(pages, prepared);
    }

    @Override
    public void close() {
        pages.close();
    }
}
