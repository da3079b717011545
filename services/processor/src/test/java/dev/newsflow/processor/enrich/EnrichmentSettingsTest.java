package dev.newsflow.processor.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.common.config.ConfigReport;
import dev.newsflow.common.config.ConfigNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnrichmentSettingsTest {
    @Test
    void shouldUseDefaultsForAnEmptySection() {
        ConfigNode root = ConfigReport.empty(Map.of());
        assertThat(EnrichmentSettings.from(root.section("enrich"))).isEqualTo(EnrichmentSettings.defaults());
    }

    @Test
    void shouldReadTheQuickLanguageSampleLengthWhereZeroTurnsTheQuickStepOff() {
        ConfigNode root = ConfigReport.parse("newsflow.yml", """
                enrich:
                  language: { quick-chars: 120, remember: 0 }
                """, Map.of());

        assertThat(EnrichmentSettings.from(root.section("enrich")).language().quickChars()).isEqualTo(120);
        assertThat(EnrichmentSettings.from(root.section("enrich")).language().remember()).isZero();
        assertThat(root.report().problems()).isEmpty();
        assertThat(EnrichmentSettings.defaults().language().quickChars()).isZero();
        assertThat(EnrichmentSettings.defaults().language().remember()).isEqualTo(4096);
    }

    @Test
    void shouldSwitchEnrichersOffAndReportEveryBadValue() {
        ConfigNode root = ConfigReport.parse("newsflow.yml", """
                enrich:
                  keywords: { enabled: false, count: 5 }
                  language: { min-confidence: 1.5 }
                  places: { max-places: 0, colour: red }
                """, Map.of());
        EnrichmentSettings s = EnrichmentSettings.from(root.section("enrich"));

        assertThat(s.keywords().enabled()).isFalse();
        assertThat(root.report().problems()).extracting(Object::toString)
                .anySatisfy(p -> assertThat(p).contains("enrich.language.min-confidence").contains("between 0 and 1"))
                .anySatisfy(p -> assertThat(p).contains("enrich.places.max-places"))
                .anySatisfy(p -> assertThat(p).contains("enrich.places.colour").contains("not a known key"));
    }
}
