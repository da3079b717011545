package dev.newsflow.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DemoCatalogTest {
    private final DemoCatalog catalog = DemoCatalog.load();

    @Test
    void shouldHoldAtLeast24ArticlesCoveringEverySectionAndLayout() {
        List<DemoStory> stories = catalog.stories();
        assertThat(stories).hasSizeGreaterThanOrEqualTo(24);
        assertThat(stories.stream().map(DemoStory::section).collect(Collectors.toSet()))
                .containsExactlyInAnyOrderElementsOf(DemoCatalog.SECTIONS.keySet());
        assertThat(stories.stream().map(DemoStory::layout).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(DemoStory.Layout.values());
        assertThat(stories.stream().map(DemoStory::path).distinct().count()).isEqualTo(stories.size());
        assertThat(stories.stream().map(DemoStory::title).distinct().count()).isEqualTo(stories.size());
    }

    @Test
    void shouldGiveEveryArticleAPathBylineAndFourToNineParagraphs() {
        for (DemoStory s : catalog.stories()) {
            assertThat(s.path()).matches("/[a-z]+/\\d{4}/\\d{2}/\\d{2}/[a-z0-9-]+");
            assertThat(s.paragraphs()).hasSizeBetween(4, 9);
            assertThat(s.authors()).hasSizeBetween(1, 2);
            assertThat(s.tags()).isNotEmpty();
            assertThat(s.modified()).isAfterOrEqualTo(s.published());
            DemoArticle a = s.toArticle();
            assertThat(a.bodyText().split("\n\n")).hasSize(s.paragraphs().size());
            assertThat(a.publishedAt()).isEqualTo(s.published().toInstant());
        }
    }

    @Test
    void shouldVaryArticleShapes() {
        Set<Integer> lengths = catalog.stories().stream().map(s -> s.paragraphs().size()).collect(Collectors.toSet());
        assertThat(lengths).hasSizeGreaterThanOrEqualTo(4);
        assertThat(catalog.stories()).anyMatch(s -> s.authors().size() == 2);
        assertThat(catalog.stories()).anyMatch(s -> s.image() != null);
        assertThat(catalog.stories()).anyMatch(s -> s.body().stream().anyMatch(DemoStory.Subheading.class::isInstance));
        assertThat(catalog.stories()).anyMatch(s -> s.body().stream().anyMatch(DemoStory.BulletList.class::isInstance));
        assertThat(catalog.stories()).anyMatch(s -> s.body().stream().anyMatch(DemoStory.PullQuote.class::isInstance));
        assertThat(catalog.stories()).anyMatch(s -> s.paragraphs().stream().anyMatch(p -> p.contains("“")));
        Set<String> offsets = catalog.stories().stream().map(s -> s.published().getOffset().getId()).collect(Collectors.toSet());
        assertThat(offsets).hasSizeGreaterThanOrEqualTo(3);
    }

    @Test
    void shouldRenderTheSamePageUnderATurkishLocale() {
        DemoStory story = catalog.stories().get(0);
        String base = "http://" + DemoSite.PRIMARY_HOST + ":8080";
        String english = new ArticlePage(catalog).render(story, base, base);
        Locale saved = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            assertThat(new ArticlePage(catalog).render(story, base, base)).isEqualTo(english);
        } finally {
            Locale.setDefault(saved);
        }
    }

    @Test
    void shouldRelateStoriesBySharedTagsFirst() {
        DemoStory budget = catalog.stories().stream().filter(s -> s.slug().equals("in-defence-of-the-boring-budget")).findFirst().orElseThrow();
        List<DemoStory> related = catalog.related(budget, 4);
        assertThat(related).hasSize(4).doesNotContain(budget);
        assertThat(related.get(0).slug()).isEqualTo("coalition-agrees-budget-after-all-night-talks");
    }
}
