package dev.newsflow.fetcher;

import dev.newsflow.common.sources.SourceDefinition;
import dev.newsflow.common.sources.SourcesConfig;
import dev.newsflow.fetcher.http.HttpFetcher;
import dev.newsflow.fetcher.politeness.HostScheduler;
import dev.newsflow.fetcher.state.UrlStore;
import dev.newsflow.fetcher.state.ValidatorStore;
import dev.newsflow.fetcher.warc.WarcRecorder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** What the fetch workers share (one per service instance). */
record FetchEnv(FetcherConfig config, HttpFetcher http, RobotsGate robots, HostScheduler<Work> scheduler, Publisher publisher,
                FetcherMetrics metrics, UrlStore discovered, UrlStore fetched, ValidatorStore validators,
                Optional<WarcRecorder> warc, OffsetTracker offsets, Supplier<SourcesConfig> sources) {

    boolean allowPrivate(SourceDefinition s) {
        return config.allowPrivateNetwork() || s.allowPrivateNetwork();
    }

    HostScheduler.Rules rules(SourceDefinition s) {
        return new HostScheduler.Rules(s.politeness().minDelay(), s.politeness().maxConcurrency());
    }

    /** Source headers plus nothing else; values are never logged. */
    Map<String, String> headers(SourceDefinition s) {
        return new LinkedHashMap<>(s.headers());
    }
}
