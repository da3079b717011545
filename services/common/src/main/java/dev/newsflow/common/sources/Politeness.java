package dev.newsflow.common.sources;

import java.time.Duration;

/**
 * How gently a source's hosts are fetched.
 *
 * @param minDelay       minimum time between two requests to the same host
 * @param maxConcurrency requests in flight per host at most
 * @param respectRobots  whether robots.txt is obeyed (only a source you own may turn it off)
 */
public record Politeness(Duration minDelay, int maxConcurrency, boolean respectRobots) {
    public static final Politeness DEFAULT = new Politeness(Duration.ofSeconds(2), 1, true);
}
