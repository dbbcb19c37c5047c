package org.aspskg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;
import org.aspskg.ontology.AspsVocabulary;
import org.junit.jupiter.api.Test;

/** {@code asps-kg reason}: the inferred hierarchy from HermiT and from ELK. */
class ReasonCommandTest {
    private static Set<String> inferredEdges(CliRun r) {
        return r.out()
                .lines()
                .skip(1)
                .filter(l -> l.endsWith("\tinferred"))
                .map(l -> l.substring(0, l.lastIndexOf('\t')))
                .collect(Collectors.toSet());
    }

    @Test
    void hermitMarksTheInferredParentsOfAsps() {
        CliRun r = CliRun.of("reason", "--format", "tsv");
        assertEquals(0, r.exit(), r.err());
        assertEquals("child\tparent\tstatus", r.out().lines().findFirst().orElse(""));
        assertTrue(inferredEdges(r)
                .contains(AspsVocabulary.iri("AlveolarSoftPartSarcoma") + "\t"
                        + AspsVocabulary.iri("HypervascularLesion")));
        assertTrue(r.err().startsWith("HermiT: "), r.err());
    }

    @Test
    void elkInfersNothingHermitDoesNotAndReportsWhatItIgnores() {
        CliRun hermit = CliRun.of("reason", "--format", "tsv");
        CliRun elk = CliRun.of("reason", "--reasoner", "elk", "--format", "tsv");
        assertEquals(0, elk.exit(), elk.err());
        Set<String> elkEdges = inferredEdges(elk);
        assertTrue(!elkEdges.isEmpty());
        assertTrue(inferredEdges(hermit).containsAll(elkEdges), "ELK inferred a subsumption HermiT did not");
        assertTrue(elk.err().contains("logical axioms outside OWL 2 EL"), elk.err());
        assertTrue(elk.err().contains("direct subsumptions that ELK does not"), elk.err());
    }

    @Test
    void treeShowsInferredEdgesIndentedUnderTheirParent() {
        CliRun r = CliRun.of("reason");
        assertEquals(0, r.exit(), r.err());
        var lines = r.out().lines().toList();
        int parent = lines.indexOf(lines.stream()
                .filter(l -> l.strip().startsWith("hypervascular lesion <"))
                .findFirst()
                .orElseThrow());
        String indent = lines.get(parent).substring(0, lines.get(parent).indexOf('h')) + "  ";
        assertTrue(
                lines.stream()
                        .skip(parent + 1)
                        .takeWhile(l -> l.startsWith(indent))
                        .anyMatch(l ->
                                l.equals(indent + "alveolar soft part sarcoma <AlveolarSoftPartSarcoma>  [inferred]")),
                String.join("\n", lines));
    }

    @Test
    void unknownReasonerIsAnErrorWithTheChoices() {
        CliRun r = CliRun.of("reason", "--reasoner", "pellet");
        assertEquals(Main.EXIT_USER_ERROR, r.exit());
        assertTrue(r.err().contains("unknown reasoner 'pellet'") && r.err().contains("Use hermit or elk."), r.err());
    }
}
