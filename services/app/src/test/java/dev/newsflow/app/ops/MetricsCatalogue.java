package dev.newsflow.app.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The meter tables of docs/metrics.md: rows whose first cell is a {@code news.*} meter name. */
final class MetricsCatalogue {
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");

    /** One documented meter; {@code labels} holds every name in backticks in its labels column. */
    record Entry(String meter, String prometheus, boolean planned, Set<String> labels) {
        /** True when {@code series} is this meter's series or one of the series a timer/histogram exports. */
        boolean covers(String series) {
            return series.equals(prometheus) || List.of("_bucket", "_count", "_sum", "_max").stream().anyMatch(s -> series.equals(prometheus + s));
        }
    }

    private MetricsCatalogue() {
    }

    static List<Entry> load() {
        List<Entry> entries = new ArrayList<>();
        boolean planned = false;
        for (String line : RepoFiles.read("docs/metrics.md").split("\n")) {
            if (line.startsWith("## ")) {
                planned = line.trim().equals("## Planned");
            }
            if (!line.startsWith("| `")) {
                continue;
            }
            String[] cells = line.split("\\|");
            Matcher meter = CODE.matcher(cells[1]);
            Matcher series = CODE.matcher(cells[2]);
            if (meter.find() && series.find() && meter.group(1).matches("[a-z]+(\\.[a-z]+)+")) {
                Set<String> labels = new TreeSet<>();
                Matcher label = CODE.matcher(cells.length > 4 ? cells[4] : "");
                while (label.find()) {
                    labels.add(label.group(1));
                }
                entries.add(new Entry(meter.group(1), series.group(1).replaceAll("\\{.*", ""), planned, labels));
            }
        }
        return entries;
    }

    static List<Entry> existing() {
        return load().stream().filter(e -> !e.planned()).toList();
    }

    static List<Entry> planned() {
        return load().stream().filter(Entry::planned).toList();
    }
}
