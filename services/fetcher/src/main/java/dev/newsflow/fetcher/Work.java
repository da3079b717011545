package dev.newsflow.fetcher;

import java.net.URI;
import java.util.Locale;
import org.apache.kafka.common.TopicPartition;

/** A unit of work in the host queues: an article page from the request topic, or a discovery document. */
sealed interface Work permits Work.Page, Work.Document {

    URI url();

    /** The politeness key: host plus port (so two loopback servers are two hosts). */
    default String hostKey() {
        return hostKey(url());
    }

    static String hostKey(URI u) {
        return u.getHost().toLowerCase(Locale.ROOT) + ":" + (u.getPort() > 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80);
    }

    /** An article page; finished only when its raw page or dead letter is durable. */
    record Page(FetchRequest request, TopicPartition partition, long offset, int attempt) implements Work {
        @Override
        public URI url() {
            return request.url();
        }

        Page retry() {
            return new Page(request, partition, offset, attempt + 1);
        }
    }

    /**
     * A feed, sitemap, robots.txt-listed sitemap or seed page of a source.
     *
     * @param depth nesting below the configured URL (sitemap index children, autodiscovered feeds)
     */
    record Document(String sourceId, URI url, FetcherMetrics.Kind kind, int depth) implements Work {
    }
}
