package dev.newsflow.fetcher.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Resolves a host to the addresses the fetcher may connect to: the configured {@code resolve} overrides
 * (like curl's --resolve) first, then DNS; every address is checked by {@link AddressPolicy}. The
 * connection is then made to the returned address itself, so a second DNS answer (rebinding) never
 * reaches the socket.
 */
public final class SafeResolver {
    private final Map<String, InetAddress> overrides;
    private final BiPredicate<InetAddress, Boolean> policy;

    public SafeResolver(Map<String, InetAddress> overrides) {
        this(overrides, AddressPolicy::allowed);
    }

    /** With a custom address policy (tests use it to treat one loopback address as "public"). */
    public SafeResolver(Map<String, InetAddress> overrides, BiPredicate<InetAddress, Boolean> policy) {
        this.overrides = Map.copyOf(overrides);
        this.policy = policy;
    }

    public InetAddress resolve(String host, boolean allowPrivateNetwork) throws FetchFailure {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        List<InetAddress> candidates = new ArrayList<>();
        InetAddress pinned = overrides.get(h);
        if (pinned != null) {
            candidates.add(pinned);
        } else {
            try {
                candidates.addAll(List.of(InetAddress.getAllByName(h)));
            } catch (UnknownHostException e) {
                throw new FetchFailure(Outcome.DNS_ERROR, "host does not resolve: " + h, e);
            }
        }
        for (InetAddress a : candidates) {
            if (policy.test(a, allowPrivateNetwork)) {
                return a;
            }
        }
        throw new FetchFailure(Outcome.BLOCKED_ADDRESS, "host " + h + " resolves only to non-public addresses ("
                + AddressPolicy.classify(candidates.get(0)).name().toLowerCase(Locale.ROOT) + ")");
    }
}
