package dev.newsflow.sink;

import dev.newsflow.avro.Article;
import dev.newsflow.avro.Place;
import dev.newsflow.avro.Sighting;
import dev.newsflow.avro.SightingKind;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/** Articles and sightings for tests, made up here. */
final class TestRecords {
    static final Instant T0 = Instant.parse("2026-11-20T08:00:00Z");

    private TestRecords() {
    }

    static String id(int n) {
        return String.format(Locale.ROOT, "a%015x", n);
    }

    static Article article(int n, int revision) {
        String url = "https://www.example-news.test/world/2026/11/20/story-" + n;
        return Article.newBuilder()
                .setArticleId(id(n))
                .setRevision(revision)
                .setPreviousContentHash(revision > 1 ? "hash-" + n + "-" + (revision - 1) : null)
                .setStoryKey("example-news.test/world/2026/11/20/story-" + n)
                .setCanonicalUrl(url)
                .setUrls(n % 2 == 0 ? List.of(url, url.replace("www.example-news.test", "mirror.example-news.test")) : List.of(url))
                .setSourceId(n % 3 == 0 ? "other" : "example")
                .setHost("www.example-news.test")
                .setSiteName("Example News")
                .setTitle("Story " + n + " about harbour cranes" + (revision > 1 ? " (updated)" : ""))
                .setDescription("Standfirst " + n)
                .setBodyText("Dockworkers in the harbour of town " + n + " report that the cranes stopped.\n\nRevision " + revision
                        + (n == 7 ? " Ain al-Asad airbase was mentioned." : ""))
                .setBodyHtml("<p>Body " + n + "</p>")
                .setAuthors(List.of("Jane Doe", "Omar Said"))
                .setPublishedAt(T0.plusSeconds(60L * n))
                .setPublishedAtEvidence("json-ld:datePublished")
                .setPublishedAtConfidence(n == 4 ? null : 0.95)
                .setModifiedAt(n == 7 ? T0.plusSeconds(86_400) : null)
                .setModifiedAtEvidence(n == 7 ? "json-ld:dateModified" : null)
                .setLanguage("en")
                .setSection("World")
                .setTags(List.of("harbour", "labour"))
                .setLeadImage("https://www.example-news.test/img/" + n + ".jpg")
                .setWordCount(14)
                .setContentHash("hash-" + n + "-" + revision)
                .setSimhash(0x1234_5678_9abc_def0L + n)
                .setDuplicateOf(n == 9 ? id(8) : null)
                .setDuplicateDistance(n == 9 ? 2 : null)
                .setFetchedAt(T0.plusSeconds(3600L + 60L * n + revision))
                .setProcessedAt(T0.plusSeconds(3601L + 60L * n + revision))
                .setExtractorVersion("test-1")
                .setLanguageConfidence(n % 4 == 0 ? null : 0.97)
                .setPlaces(places(n))
                .setPrimaryCountry(places(n) == null || places(n).isEmpty() ? null : "IQ")
                .setCategory(n == 7 ? "conflict" : n % 2 == 0 ? "business" : "world")
                .setKeywords(List.of("harbour", "cranes", "dockworkers"))
                .setSummary("Dockworkers in the harbour of town " + n + " report that the cranes stopped.")
                .setReadingTimeSeconds(4)
                .setPublisherName("Example News Ltd")
                .setPublisherCountry("GB")
                .setPublisherLanguage("en")
                .setSourceTags(List.of("wire", "uk"))
                .build();
    }

    /**
     * Places of article n: Ain al-Asad, Iraq and Baghdad for 7, Baghdad for other multiples of 3, null (place
     * enrichment off) for multiples of 4, none otherwise.
     */
    static List<Place> places(int n) {
        if (n == 7) {
            return List.of(place("Iraq", "country", 3), place("Ain al-Asad", "base", 2), place("Baghdad", "capital", 1));
        }
        if (n % 4 == 0) {
            return null;
        }
        return n % 3 == 0 ? List.of(place("Baghdad", "capital", 2)) : List.of();
    }

    private static Place place(String name, String kind, int mentions) {
        return Place.newBuilder().setName(name).setCountryCode("IQ").setKind(kind).setMentions(mentions).build();
    }

    static Sighting sighting(int n, SightingKind kind, String host) {
        return Sighting.newBuilder()
                .setArticleId(id(n))
                .setUrl("https://" + host + "/world/2026/11/20/story-" + n)
                .setHost(host)
                .setKind(kind)
                .setSourceId("example")
                .setStoryKey("example-news.test/world/2026/11/20/story-" + n)
                .setDistance(null)
                .setSeenAt(T0.plusSeconds(7200L + n))
                .build();
    }
}
