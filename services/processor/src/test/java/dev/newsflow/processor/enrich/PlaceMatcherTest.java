package dev.newsflow.processor.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import dev.newsflow.avro.Place;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PlaceMatcherTest {
    final PlaceMatcher matcher = new PlaceMatcher(Gazetteer.standard());

    Map<String, Place> places(String title, String body) {
        return matcher.match(title, body, 50).places().stream().collect(Collectors.toMap(Place::getName, p -> p));
    }

    @Test
    void shouldFindIraqiBasesProvincesAndCitiesWithTheirCountry() {
        String body = "Rockets struck the Ain al-Asad airbase in western Anbar province on Monday. Iraqi officials in Baghdad said "
                + "another attack hit a convoy in Diyala. The Ain al-Assad base hosts US troops.";
        PlaceMatcher.Result r = matcher.match("Rockets hit Ain al-Asad base in Iraq", body, 20);
        Map<String, Place> byName = r.places().stream().collect(Collectors.toMap(Place::getName, p -> p));

        assertThat(byName).containsKeys("Ain al-Asad", "Anbar", "Baghdad", "Diyala", "Iraq", "United States");
        assertThat(byName.get("Ain al-Asad").getMentions()).isEqualTo(3);
        assertThat(byName.get("Ain al-Asad").getKind()).isEqualTo("base");
        assertThat(byName.get("Anbar").getCountryCode()).isEqualTo("IQ");
        assertThat(byName.get("Iraq").getMentions()).isEqualTo(2); // "Iraq" in the title, "Iraqi" in the body
        assertThat(r.primaryCountry()).isEqualTo("IQ");
        assertThat(r.places().get(0).getName()).isEqualTo("Ain al-Asad");
    }

    @Test
    void shouldCountGazaAndTheGazaStripAsPalestinianPlaces() {
        Map<String, Place> p = places("Aid trucks enter Gaza", "Trucks crossed into the Gaza Strip at Rafah. Gaza City hospitals are full.");

        assertThat(p.get("Gaza").getMentions()).isEqualTo(2);
        assertThat(p.get("Gaza Strip").getCountryCode()).isEqualTo("PS");
        assertThat(p.get("Rafah").getCountryCode()).isEqualTo("PS");
    }

    @Test
    void shouldNotTakePeopleOrPronounsForPlaces() {
        Map<String, Place> p = places("", "Michael Jordan told us he would visit. Jordan Henderson scored. Let us see what chad thinks.");

        assertThat(p).doesNotContainKeys("Jordan", "United States", "Chad");
    }

    @Test
    void shouldNotTakeFirstNamesThatAreAlsoCitiesForPlaces() {
        assertThat(places("", "Striker Sam Okafor and Sofia Lind scored; Paris Hilton and Sydney Sweeney watched.")).isEmpty();
        assertThat(places("", "The summit in Paris, the French capital, ended.").get("Paris").getCountryCode()).isEqualTo("FR");
    }

    @Test
    void shouldTakeAGuardedNameAsAPlaceAtASentenceBoundary() {
        assertThat(places("", "The minister flew to Jordan. The talks begin today.")).containsKey("Jordan");
    }

    @Test
    void shouldMatchAcronymsOnlyInCapitals() {
        assertThat(places("", "The US and the UK signed the deal.")).containsKeys("United States", "United Kingdom");
        assertThat(places("", "Tell us about it.")).isEmpty();
    }

    @Test
    void shouldIgnoreRegionsThatMerelyContainACountryName() {
        assertThat(places("", "Growth in Latin America and the Middle East slowed, New Mexico said.")).isEmpty();
    }

    @Test
    void shouldDisambiguateSharedNamesByTheOtherCountriesMentioned() {
        assertThat(places("", "Fighting resumed in Tripoli, the Libyan capital.").get("Tripoli").getCountryCode()).isEqualTo("LY");
        assertThat(places("", "Protests in Tripoli spread to Beirut.").get("Tripoli").getCountryCode()).isEqualTo("LB");
        assertThat(places("", "Voters in Georgia lined up in Atlanta.")).extractingByKey("Georgia")
                .extracting(Place::getCountryCode).isEqualTo("US");
        assertThat(places("", "Georgia held elections; Tbilisi was calm.")).extractingByKey("Georgia")
                .extracting(Place::getCountryCode).isEqualTo("GE");
    }

    @Test
    void shouldMatchAlternateSpellingsDiacriticsAndNativeScripts() {
        assertThat(places("", "Talks in Türkiye and TURKEY, then Kiev and Kyiv.")).satisfies(p -> {
            assertThat(p.get("Turkey").getMentions()).isEqualTo(2);
            assertThat(p.get("Kyiv").getMentions()).isEqualTo(2);
        });
        assertThat(places("", "انفجار في بغداد وسط العراق")).containsKeys("Baghdad", "Iraq");
        assertThat(places("", "Переговоры в Москве и Москва")).containsKey("Moscow");
    }

    @Test
    void shouldRankByMentionsAndCapTheList() {
        List<Place> top = matcher.match("", "Iran, Iran, Iran, Syria, Syria, Lebanon.", 2).places();

        assertThat(top).extracting(Place::getName).containsExactly("Iran", "Syria");
    }

    @Test
    void shouldHaveNoPrimaryCountryWithoutPlaces() {
        assertThat(matcher.match("Weather", "Sunny tomorrow.", 10).primaryCountry()).isNull();
    }
}
