package org.aspskg.ddx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.aspskg.ddx.rank.DifferentialRanking;
import org.aspskg.ontology.AspsVocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The vignettes in ontology/examples/ rank the diagnosis their file is named after first. */
class ExampleCasesTest {
    /** File name prefix → the diagnosis the vignette is written for. */
    private static final Map<String, String> EXPECTED = Map.of(
            "asps-", AspsVocabulary.iri("AlveolarSoftPartSarcoma"),
            "synovial-sarcoma-", AspsVocabulary.iri("SynovialSarcoma"),
            "osteosarcoma-", AspsVocabulary.iri("Osteosarcoma"),
            "angiosarcoma-", AspsVocabulary.iri("Angiosarcoma"),
            "mfh-", AspsVocabulary.iri("MalignantFibrousHistiocytoma"),
            "vascular-malformation-", AspsVocabulary.iri("VascularMalformation"));

    static List<Path> examples() {
        return TestKnowledge.examples();
    }

    private static String expectedTop(Path file) {
        String name = file.getFileName().toString();
        return EXPECTED.entrySet().stream()
                .filter(e -> name.startsWith(e.getKey()))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not named after a diagnosis"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void exampleRanksTheDiagnosisItIsNamedAfterFirst(Path file) {
        DifferentialRanking r = TestKnowledge.rank(file);
        assertEquals(
                expectedTop(file),
                r.top().disease(),
                () -> file + ": "
                        + r.hypotheses().stream()
                                .map(h -> h.label() + " " + h.log10LikelihoodRatio())
                                .toList());
        assertTrue(
                r.top().log10LikelihoodRatio() > r.hypotheses().get(1).log10LikelihoodRatio(),
                file + ": the first is tied with the second");
    }

    @Test
    void examplesCoverEveryHypothesisAndTheRequiredPresentations() {
        List<Path> files = examples();
        assertTrue(files.size() >= 10, "examples: " + files.size());
        Set<String> tops =
                files.stream().map(ExampleCasesTest::expectedTop).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(TestKnowledge.knowledge().associations().hypotheses()), tops);
        Set<String> names = files.stream().map(f -> f.getFileName().toString()).collect(Collectors.toSet());
        assertTrue(
                names.stream()
                        .anyMatch(n -> n.startsWith("asps-") && n.contains("child") && n.contains("head-and-neck")),
                "children head and neck");
        assertTrue(names.stream().anyMatch(n -> n.startsWith("asps-") && n.contains("uterus")), "uterine");
        assertTrue(names.stream().anyMatch(n -> n.contains("-tfe3-negative")), "TFE3-negative");
        assertTrue(
                names.stream().anyMatch(n -> n.endsWith(".ttl"))
                        && names.stream().anyMatch(n -> n.endsWith(".json")),
                "both formats");
    }

    @Test
    void childCaseUsesTheChildrensHeadAndNeckAssociationNotTheAdultSites() {
        DifferentialRanking r = TestKnowledge.rank(TestKnowledge.EXAMPLES.resolve("asps-child-head-and-neck.json"));
        String derived = org.aspskg.ontology.LikelihoodRatioDerivation.DERIVED_NS;
        for (var h : r.hypotheses()) {
            Set<String> used = h.evidence().stream()
                    .map(e -> e.association().iri().replace(derived, "") + "|" + (e.observed() ? "present" : "absent"))
                    .collect(Collectors.toCollection(TreeSet::new));
            // (a hypothesis that pools subtypes shows the nodes of its most probable subtype)
            String local = h.evidence().get(0).association().disease().replace(AspsVocabulary.NS, "");
            assertTrue(used.contains(local + "-HeadAndNeck-in-InfantOrChildGroup|present"), local + ": " + used);
            assertTrue(
                    used.stream().noneMatch(u -> u.startsWith(local + "-HeadAndNeck|")),
                    local + ": the children's row replaces the general one: " + used);
            assertTrue(used.stream().noneMatch(u -> u.contains("-in-AdultGroup")), local + ": no adult rows: " + used);
        }
        Set<String> asps = r.top().evidence().stream()
                .filter(e -> e.observed())
                .map(e -> e.association().feature().replace(AspsVocabulary.NS, ""))
                .collect(Collectors.toCollection(TreeSet::new));
        assertTrue(
                asps.containsAll(Set.of(
                        "AlveolarGrowthPattern",
                        "DeepSoftTissue",
                        "Hypervascularity",
                        "PASPositiveDiastaseResistantInclusions",
                        "TFE3NuclearImmunoreactivity")),
                asps.toString());
    }
}
