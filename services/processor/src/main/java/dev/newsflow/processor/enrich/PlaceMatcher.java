package dev.newsflow.processor.enrich;

import dev.newsflow.avro.Place;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds gazetteer places in a text: longest alias first, on word boundaries, with the case the alias is
 * written in; a name shared by several places goes to the one whose country the text mentions otherwise.
 */
public final class PlaceMatcher {
    private final Gazetteer gazetteer;

    public PlaceMatcher(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    /**
     * Places found, most mentioned first, and the primary country.
     *
     * @param places         up to {@code maxPlaces} places
     * @param primaryCountry ISO code with the most mentions (title mentions count double), or null
     */
    public record Result(List<Place> places, String primaryCountry) {
    }

    public Result match(String title, String body, int maxPlaces) {
        String t = title == null ? "" : title;
        String b = body == null ? "" : body;
        return match(t, Tokens.of(t), b, Tokens.of(b), maxPlaces);
    }

    /** As {@link #match(String, String, int)}, with the texts' tokens already computed. */
    public Result match(String title, List<Tokens.Token> titleTokens, String body, List<Tokens.Token> bodyTokens, int maxPlaces) {
        List<List<Gazetteer.Alias>> titleHits = hits(title, titleTokens);
        List<List<Gazetteer.Alias>> bodyHits = hits(body, bodyTokens);
        Set<String> unambiguous = new HashSet<>();
        for (List<List<Gazetteer.Alias>> hits : List.of(titleHits, bodyHits)) {
            for (List<Gazetteer.Alias> h : hits) {
                if (h.size() == 1) {
                    unambiguous.add(h.get(0).entry().countryCode());
                }
            }
        }
        Map<Gazetteer.Entry, int[]> counts = new LinkedHashMap<>(); // [mentions, countryScore]
        Map<String, Integer> countryScore = new HashMap<>();
        Map<String, Integer> firstSeen = new HashMap<>();
        int order = 0;
        for (int part = 0; part < 2; part++) {
            for (List<Gazetteer.Alias> h : part == 0 ? titleHits : bodyHits) {
                Gazetteer.Entry e = resolve(h, unambiguous);
                counts.computeIfAbsent(e, k -> new int[1])[0]++;
                countryScore.merge(e.countryCode(), part == 0 ? 2 : 1, Integer::sum);
                firstSeen.putIfAbsent(e.countryCode(), order++);
            }
        }
        List<Place> places = new ArrayList<>();
        counts.forEach((e, c) -> places.add(Place.newBuilder().setName(e.name()).setCountryCode(e.countryCode())
                .setKind(e.kind()).setMentions(c[0]).build()));
        places.sort(Comparator.comparingInt(Place::getMentions).reversed()); // stable: ties keep first-mention order
        String primary = countryScore.entrySet().stream()
                .max(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                        .thenComparing(en -> -firstSeen.get(en.getKey())))
                .map(Map.Entry::getKey).orElse(null);
        return new Result(places.size() > maxPlaces ? List.copyOf(places.subList(0, maxPlaces)) : places, primary);
    }

    private static Gazetteer.Entry resolve(List<Gazetteer.Alias> candidates, Set<String> mentionedCountries) {
        for (Gazetteer.Alias a : candidates) {
            if (mentionedCountries.contains(a.entry().countryCode())) {
                return a.entry();
            }
        }
        return candidates.get(0).entry();
    }

    /** Every match, as its candidate list; blocking phrases consume their words and yield nothing. */
    List<List<Gazetteer.Alias>> hits(String text) {
        return hits(text, Tokens.of(text));
    }

    private List<List<Gazetteer.Alias>> hits(String text, List<Tokens.Token> tokens) {
        List<List<Gazetteer.Alias>> out = new ArrayList<>();
        int i = 0;
        while (i < tokens.size()) {
            int matched = 0;
            List<Gazetteer.Alias> found = List.of();
            StringBuilder key = null;
            String phrase = null;
            for (int len = 1; len <= gazetteer.maxTokens() && i + len <= tokens.size(); len++) {
                if (len == 1) {
                    phrase = tokens.get(i).norm(); // most words go no further: no copy of the word
                } else {
                    key = key == null ? new StringBuilder(phrase) : key;
                    phrase = key.append(' ').append(tokens.get(i + len - 1).norm()).toString();
                }
                List<Gazetteer.Alias> candidates = accept(gazetteer.lookup(phrase), text, tokens, i, len);
                if (!candidates.isEmpty()) {
                    matched = len;
                    found = candidates;
                }
                if (!gazetteer.extendable(phrase)) {
                    break; // no longer place name starts with these words
                }
            }
            if (matched == 0) {
                i++;
                continue;
            }
            if (!found.get(0).entry().blocker()) {
                out.add(found);
            }
            i += matched;
        }
        return out;
    }

    private static List<Gazetteer.Alias> accept(List<Gazetteer.Alias> candidates, String text, List<Tokens.Token> tokens, int from, int len) {
        if (candidates.isEmpty()) {
            return candidates;
        }
        List<Gazetteer.Alias> ok = new ArrayList<>(candidates.size());
        for (Gazetteer.Alias a : candidates) {
            if (written(a, tokens, from, len) && (!a.guarded() || !capitalizedNeighbour(text, tokens, from, len))) {
                ok.add(a);
            }
        }
        return ok;
    }

    private static boolean written(Gazetteer.Alias a, List<Tokens.Token> tokens, int from, int len) {
        for (int k = 0; k < len; k++) {
            Tokens.Token t = tokens.get(from + k);
            if (!t.cased()) {
                continue;
            }
            if (a.acronym() && !t.allUpper() || k < a.caps().length && a.caps()[k] && !t.upper()) {
                return false;
            }
        }
        return true;
    }

    /** "Michael Jordan", "Jordan Henderson": a capitalized word right next to the name makes it a person. */
    private static boolean capitalizedNeighbour(String text, List<Tokens.Token> tokens, int from, int len) {
        int last = from + len - 1;
        boolean before = from > 0 && tokens.get(from - 1).upper() && blank(text, tokens.get(from - 1).end(), tokens.get(from).start());
        boolean after = last + 1 < tokens.size() && tokens.get(last + 1).upper() && blank(text, tokens.get(last).end(), tokens.get(last + 1).start());
        return before || after;
    }

    private static boolean blank(String text, int from, int to) {
        return text.substring(from, to).isBlank();
    }
}
