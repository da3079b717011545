package dev.newsflow.processor.enrich;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsflow.common.sources.SourceDefinition;
import java.util.List;

/**
 * Publisher facts of one configured source, as carried on the source-metadata topic (JSON, keyed by source id).
 *
 * @param id       source id
 * @param name     publisher name, or null
 * @param country  ISO 3166-1 alpha-2 country, or null
 * @param language ISO 639-1 main language, or null
 * @param tags     operator tags
 */
public record SourceMetadata(String id, String name, String country, String language, List<String> tags) {
    private static final ObjectMapper JSON = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    public SourceMetadata {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public static SourceMetadata of(SourceDefinition s) {
        return new SourceMetadata(s.id(), s.name(), s.country(), s.language(), s.tags());
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write source metadata", e);
        }
    }

    /** Parses the topic value; null for a tombstone or a value that is not valid metadata (never throws). */
    public static SourceMetadata fromJson(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            return JSON.readValue(json, SourceMetadata.class);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
