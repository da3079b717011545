package dev.newsflow.processor.enrich;

import java.util.Collection;
import java.util.List;

/** How many documents of a language were seen, and in how many of them each term occurred. */
public interface DocumentFrequencies {
    long documents(String language);

    long frequency(String language, String term);

    /** Counts one more document of {@code language} containing each of {@code distinctTerms}. */
    void add(String language, Collection<String> distinctTerms);

    /** As {@link #add}, then each term's document count in the order given (0 for a term pruned meanwhile). */
    long[] addAndCount(String language, List<String> distinctTerms);
}
