package dev.newsflow.app.proof;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** One line of {@code hostile/cases.tsv}. */
record HostileCase(String id, String via, String body, String expected, String what) {

    static List<HostileCase> load() {
        String text = new String(HostileBodies.resource("/hostile/cases.tsv"), StandardCharsets.UTF_8);
        List<HostileCase> cases = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            if (f.length != 5) {
                throw new IllegalArgumentException("cases.tsv: expected 5 tab-separated fields in: " + line);
            }
            cases.add(new HostileCase(f[0], f[1], f[2], f[3], f[4]));
        }
        return cases;
    }

    /** The part after {@code http:}/{@code sitemap:}, without an {@code @host} suffix. */
    String behaviour() {
        int colon = via.indexOf(':');
        return colon < 0 ? "" : via.substring(colon + 1);
    }

    String behaviourName() {
        String b = behaviour();
        return b.contains("@") ? b.substring(0, b.indexOf('@')) : b;
    }

    boolean expectsDeadLetter() {
        return expected.startsWith("dlq:");
    }

    /** {@code fetch/too-large} of {@code dlq:fetch/too-large}. */
    String deadLetter() {
        return expected.substring(4);
    }
}
