package dev.newsflow.fetcher;

/**
 * A snapshot of what the fetcher did since it started (for the demo summary and tests).
 *
 * @param pagesFetched   raw pages published
 * @param pagesFailed    page fetches dead-lettered
 * @param feedsPolled    discovery documents (feeds, sitemaps, seeds) fetched, whatever the outcome
 * @param urlsDiscovered article URLs found in discovery documents
 * @param urlsEnqueued   new article URLs sent to the fetch-request topic
 * @param robotsDenied   requests refused by robots.txt
 * @param retries        page fetch retries after transient failures
 * @param pagesSkipped   fetch requests skipped because the page was already fetched (restart, redelivery)
 * @param queued         fetches queued or running now
 * @param openCircuits   hosts whose circuit breaker is open now
 */
public record FetcherStats(long pagesFetched, long pagesFailed, long feedsPolled, long urlsDiscovered, long urlsEnqueued,
                           long robotsDenied, long retries, long pagesSkipped, int queued, int openCircuits) {
}
