package org.aspskg.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class WebScenariosTest {
    @Test
    void namesGiveTheirFirstThreeLettersAndTheFirstWordWithThreeLettersOfTheSecond() {
        assertEquals(
                Set.of("alv", "alveolar sof", "t2", "t2 hyp", "asp"),
                new TreeSet<>(WebScenarios.prefixes(
                        List.of("Alveolar soft part sarcoma", "T2 hyperintense signal", "ASPS"), List.of())));
    }

    @Test
    void codesGiveWhatAUserTypesOfThemWhetherCuriesOrOboIris() {
        assertEquals(
                Set.of("C3", "MONDO:001", "D0"),
                new TreeSet<>(WebScenarios.prefixes(
                        List.of(),
                        List.of(
                                "NCIT:C3262",
                                "http://purl.obolibrary.org/obo/MONDO_0011655",
                                "MESH:D018234",
                                "https://icd.who.int/browse10/2019/en#/C49"))));
    }

    @Test
    void eachPrefixComesOnceInAShuffledOrderThatIsTheSameEveryRun() {
        List<String> names =
                List.of("synovial sarcoma", "synovial sarcoma, monophasic", "angiosarcoma", "osteosarcoma");
        List<String> first = WebScenarios.prefixes(names, List.of());
        assertEquals(first.size(), new TreeSet<>(first).size());
        assertEquals(first, WebScenarios.prefixes(names, List.of()));
        assertEquals(Set.of("syn", "synovial sar", "ang", "ost"), new TreeSet<>(first));
    }
}
