package dev.newsflow.common.sources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.common.config.ConfigProblem;
import org.junit.jupiter.api.Test;

class SourcesLoaderTest {

    @Test
    void shouldLoadValidSourceWithMirrorsAndStoryId() {
        SourcesConfig config = SourcesLoader.parse("s.yml", """
                sources:
                  - id: presstv
                    name: Press TV
                    country: ir
                    language: en
                    hosts: [www.presstv.ir]
                    mirrors: [www.presstv.co.uk, WWW.PRESSTV.COM]
                    feeds: [https://www.presstv.ir/rss.xml]
                    story-id: '/Detail/\\d{4}/\\d{2}/\\d{2}/(\\d+)/'
                    schedule: { every: 5m }
                    extraction: { remove: ['.share-buttons'] }
                """).orThrow();
        SourceDefinition s = config.byId("presstv").orElseThrow();
        assertThat(s.country()).isEqualTo("IR");
        assertThat(s.mirrors()).containsExactly("www.presstv.co.uk", "www.presstv.com");
        assertThat(config.byHost("www.presstv.com")).contains(s);
        assertThat(s.storyId()).isPresent();
        assertThat(s.extraction().remove()).containsExactly(".share-buttons");
    }

    @Test
    void shouldReportEveryErrorWithLine() {
        SourcesLoader.Loaded loaded = SourcesLoader.parse("s.yml", """
                sources:
                  - id: Bad Id
                    hosts: [http://example.com/]
                    feeds: [ftp://x]
                    story-id: '('
                    extraction: { body: 'div[' }
                    colour: blue
                """);
        assertThat(loaded.report().problems()).extracting(ConfigProblem::line).contains(2, 3, 4, 5, 6, 7);
        assertThat(loaded.report().problems()).extracting(ConfigProblem::path)
                .contains("sources[0].id", "sources[0].hosts", "sources[0].feeds", "sources[0].story-id", "sources[0].extraction.body",
                        "sources[0].colour");
    }

    @Test
    void shouldRejectHostClaimedByTwoSources() {
        SourcesLoader.Loaded loaded = SourcesLoader.parse("s.yml", """
                sources:
                  - { id: a, hosts: [a.example], feeds: ['https://a.example/rss'] }
                  - { id: b, hosts: [b.example], mirrors: [a.example], feeds: ['https://b.example/rss'] }
                """);
        assertThat(loaded.report().problems()).singleElement().extracting(ConfigProblem::message).asString()
                .contains("already claimed by source 'a'");
    }
}
