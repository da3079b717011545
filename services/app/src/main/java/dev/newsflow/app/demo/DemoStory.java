package dev.newsflow.app.demo;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One article of the demo outlet as written in {@code demo/stories.json}: metadata plus typed body blocks.
 * Times keep their original offset because the page shows local time and the path uses the local date.
 */
record DemoStory(String slug, String section, Layout layout, String title, String standfirst, List<String> authors,
                 List<String> tags, OffsetDateTime published, OffsetDateTime modified, Image image, List<Block> body) {

    /** The page templates; each places metadata and body differently so extraction is exercised. */
    enum Layout { STANDARD, FEATURE, COLUMN }

    /** A lead image: the site serves a generated SVG placeholder for it. */
    record Image(String alt, String caption, String credit) {
    }

    /** A body element. Only paragraphs count towards {@link DemoArticle#bodyText()}. */
    sealed interface Block permits Paragraph, Subheading, BulletList, PullQuote {
    }

    record Paragraph(String text) implements Block {
    }

    record Subheading(String text) implements Block {
    }

    record BulletList(List<String> items) implements Block {
    }

    record PullQuote(String text, String by) implements Block {
    }

    DemoStory {
        authors = List.copyOf(authors);
        tags = List.copyOf(tags);
        body = List.copyOf(body);
    }

    String path() {
        return "/" + section + "/" + published.format(DateTimeFormatter.ofPattern("yyyy/MM/dd", Locale.ROOT)) + "/" + slug;
    }

    List<String> paragraphs() {
        return body.stream().filter(Paragraph.class::isInstance).map(b -> ((Paragraph) b).text()).toList();
    }

    String bodyText() {
        return paragraphs().stream().collect(Collectors.joining("\n\n"));
    }

    DemoArticle toArticle() {
        return new DemoArticle(path(), title, section, authors, published.toInstant(), bodyText());
    }
}
