package dev.newsflow.processor.canonical;

import java.util.Locale;
import java.util.Set;

/**
 * Query parameters that only say how a reader arrived, never which story they read. They are dropped from
 * story keys and canonical URLs. The list is documented in {@code docs/story-keys.md}; keep both in sync.
 */
public final class TrackingParameters {
    /** Any parameter whose lower-cased name starts with one of these. */
    static final Set<String> PREFIXES = Set.of("utm_", "mtm_", "pk_", "hsa_", "_hs", "oly_", "vero_", "__s");

    /** Exact lower-cased names. */
    static final Set<String> NAMES = Set.of(
            "fbclid", "gclid", "gclsrc", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid", "igshid",
            "li_fat_id", "mc_cid", "mc_eid", "mkt_tok", "_ga", "_gl", "ga_source", "ga_medium", "ga_campaign",
            "cmpid", "ocid", "ncid", "icid", "sr_share", "spm", "s_cid", "wt.mc_id", "wt_mc", "at_medium", "at_campaign",
            "at_custom1", "at_custom2", "at_custom3", "at_custom4", "rss", "feed", "ref_src", "share", "smid", "xtor",
            "cid_source", "amp", "amp_js_v", "usqp", "__twitter_impression", "__tn__", "cn-reloaded");

    private TrackingParameters() {
    }

    /** Whether the query parameter named {@code name} (raw, possibly percent-encoded) is tracking only. */
    public static boolean isTracking(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (NAMES.contains(n)) {
            return true;
        }
        for (String prefix : PREFIXES) {
            if (n.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
