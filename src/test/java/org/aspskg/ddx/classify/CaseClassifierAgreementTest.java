package org.aspskg.ddx.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.TestKnowledge;
import org.aspskg.ddx.cases.CaseStatement;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.cases.SourcePosition;
import org.junit.jupiter.api.Test;
import org.semanticweb.owlapi.model.OWLClass;

/**
 * The compiled classifier (the fast path) against HermiT (the reference): same classes for every
 * example case and for randomly generated cases (fixed seed), and the same verdict on consistency.
 */
class CaseClassifierAgreementTest {
    /**
     * Random cases checked against HermiT: 40 in mvn verify (HermiT takes about 3 s a case over the full
     * TBox with the UBERON sites and the curated features), more with -Dagreement.cases=N.
     */
    private static final int RANDOM_CASES = Integer.getInteger("agreement.cases", 40);

    @Test
    void compiledClassifierAgreesWithHermitOnEveryExampleCase() {
        List<PatientCase> cases =
                TestKnowledge.examples().stream().map(TestKnowledge::read).toList();
        assertAgreement(cases);
    }

    @Test
    void compiledClassifierAgreesWithHermitOnRandomCases() {
        DdxKnowledge k = TestKnowledge.knowledge();
        List<String> stateable = k.tbox().stateableClasses().stream()
                .map(c -> c.getIRI().toString())
                .sorted()
                .toList();
        // the draws depend on the stateable classes: with the sites added in issue 16 the former seed
        // (20261125) gave 2 contradictory cases of 40, below the mix the check needs; this one gives enough
        Random random = new Random(20261205);
        List<PatientCase> consistent = new ArrayList<>();
        List<PatientCase> contradictory = new ArrayList<>();
        for (int i = 0; i < RANDOM_CASES; i++) {
            PatientCase c = randomCase(i, stateable, random);
            try {
                k.classifier().classify(c);
                consistent.add(c);
            } catch (ContradictoryCaseException e) {
                contradictory.add(c);
            }
        }
        assertTrue(
                consistent.size() > RANDOM_CASES / 2 && contradictory.size() >= Math.max(3, RANDOM_CASES / 16),
                "a useful mix: " + consistent.size() + " consistent, " + contradictory.size() + " contradictory");
        assertAgreement(consistent);
        HermitCaseClassifier hermit = k.hermitClassifier();
        for (PatientCase c : contradictory) {
            assertFalse(hermit.isConsistent(c), "compiled finds " + c.statements() + " contradictory, HermiT does not");
        }
    }

    /** HermiT's entailed types of each case against the compiled classifier's. */
    private static void assertAgreement(List<PatientCase> cases) {
        DdxKnowledge k = TestKnowledge.knowledge();
        List<CaseClassification> reference = k.hermitClassifier().classifyAll(cases);
        int withPresentation = 0;
        for (int i = 0; i < cases.size(); i++) {
            CaseClassification compiled = k.classifier().classify(cases.get(i));
            assertEquals(
                    reference.get(i).types(),
                    compiled.types(),
                    cases.get(i).id() + " " + cases.get(i).statements());
            assertEquals(reference.get(i).presentations(), compiled.presentations());
            assertEquals(
                    reference.get(i).features().keySet(), compiled.features().keySet());
            if (!compiled.presentations().isEmpty()) withPresentation++;
        }
        assertTrue(withPresentation > 0, "no case fell into any defined presentation class");
    }

    private static PatientCase randomCase(int n, List<String> stateable, Random random) {
        DdxKnowledge k = TestKnowledge.knowledge();
        List<CaseStatement> statements = new ArrayList<>();
        String source = "random-" + n;
        int line = 1;
        Integer age = null;
        String sex = null;
        if (random.nextInt(3) > 0) {
            age = random.nextInt(90);
            statements.add(CaseStatement.age(age, new SourcePosition(source, line++, 1)));
        }
        if (random.nextInt(3) > 0) {
            sex = random.nextBoolean() ? "female" : "male";
            statements.add(CaseStatement.sex(sex, new SourcePosition(source, line++, 1)));
        }
        Set<String> present = new TreeSet<>();
        int findings = 1 + random.nextInt(6);
        for (int i = 0; i < findings; i++) present.add(stateable.get(random.nextInt(stateable.size())));
        for (String iri : present) {
            statements.add(CaseStatement.present(
                    k.terms().curie(iri), iri, k.terms().label(iri), new SourcePosition(source, line++, 1)));
        }
        int absent = random.nextInt(3);
        for (int i = 0; i < absent; i++) {
            String iri = stateable.get(random.nextInt(stateable.size()));
            statements.add(CaseStatement.absent(
                    k.terms().curie(iri), iri, k.terms().label(iri), new SourcePosition(source, line++, 1)));
        }
        return new PatientCase(
                "https://w3id.org/asps-kg/case/random-" + n, "random-" + n, null, age, sex, statements, source);
    }

    @Test
    void everyStateableClassIsKnownToTheCompiledClassifier() {
        DdxKnowledge k = TestKnowledge.knowledge();
        for (OWLClass c : k.tbox().stateableClasses()) {
            String iri = c.getIRI().toString();
            PatientCase one = new PatientCase(
                    "https://w3id.org/asps-kg/case/one",
                    "one",
                    null,
                    null,
                    null,
                    List.of(CaseStatement.present(iri, iri, iri, SourcePosition.of("x"))),
                    "x");
            k.classifier().classify(one);
        }
        assertTrue(k.tbox().stateableClasses().size() > 50);
        assertEquals(Path.of("ontology", "examples"), TestKnowledge.EXAMPLES);
    }
}
