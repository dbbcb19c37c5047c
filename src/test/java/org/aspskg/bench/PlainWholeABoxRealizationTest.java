package org.aspskg.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.cohort.CohortGenerator;
import org.junit.jupiter.api.Test;
import org.semanticweb.owlapi.model.OWLClass;

/**
 * The benchmarks' plain naive peer (HermiT realizing a whole cohort against the ontology without
 * the helper classes) finds the same case classes as the compiled classifier, so timing it against
 * asps-kg compares two ways to the same presentations.
 */
class PlainWholeABoxRealizationTest {
    @Test
    void plainRealizationOfACohortGivesTheCompiledClassifiersCaseClasses() {
        DdxKnowledge k = DdxKnowledge.loadDefault();
        List<PatientCase> cases = k.cohortGenerator().generate(24, 20_250_101L).stream()
                .map(CohortGenerator.GeneratedCase::patientCase)
                .toList();
        Set<String> caseClasses = new TreeSet<>();
        for (OWLClass c : k.tbox().ontologyCaseClasses())
            caseClasses.add(c.getIRI().toString());

        List<Set<String>> plain = new WholeABoxRealization(k).realizeWholeABoxPlain(cases);

        List<Set<String>> compiled = new ArrayList<>();
        for (PatientCase c : cases) {
            Set<String> types = new TreeSet<>(k.classifier().classify(c).types());
            types.retainAll(caseClasses);
            compiled.add(types);
        }
        assertEquals(compiled, plain);
        // the comparison says something: every case is a PatientCase and some have a presentation
        String patientCase = k.tbox().patientCase().getIRI().toString();
        assertTrue(plain.stream().allMatch(t -> t.contains(patientCase)), plain.toString());
        assertTrue(plain.stream().filter(t -> t.size() > 1).count() >= 3, "too few presentations: " + plain);
    }
}
