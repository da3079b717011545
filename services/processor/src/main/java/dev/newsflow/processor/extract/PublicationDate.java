package dev.newsflow.processor.extract;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A date found in a page, with where it came from.
 *
 * @param day        the calendar day as the page states it (its own time zone)
 * @param instant    the instant, when the page gives a time and zone; else the start of {@code day} in UTC
 * @param evidence   the source, e.g. {@code json-ld:datePublished}, {@code meta:article:published_time}, {@code text}
 * @param confidence 0..1, how much this kind of source is usually right
 */
public record PublicationDate(LocalDate day, Instant instant, String evidence, double confidence) {

    /** Whether the page gave a time of day (else {@code instant} is only the start of {@code day} in UTC). */
    public boolean hasTime() {
        return !instant.equals(day.atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    static PublicationDate ofDay(LocalDate day, String evidence, double confidence) {
        return new PublicationDate(day, day.atStartOfDay().toInstant(ZoneOffset.UTC), evidence, confidence);
    }
}
