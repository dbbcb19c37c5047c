package org.aspskg.ddx.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.aspskg.ddx.TestKnowledge;
import org.aspskg.ddx.cases.PatientCase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A case that contradicts itself given the ontology is rejected, naming the clashing statements
 * on both sides — by the compiled classifier and, the same ones, by HermiT.
 */
class ContradictoryCaseTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "same finding present and absent | {\"id\": \"c1\", \"findings\": [\"thigh\", \"flow voids\"], \"absent\": [\"flow voids on MRI\"]} | 'flow voids' | \"flow voids\" | absent 'flow voids on MRI' | \"flow voids on MRI\"",
                "TFE3 positive and negative      | {\"id\": \"c2\", \"findings\": [\"TFE3 positive\", \"deep soft tissue\", \"TFE3 negative\"]} | 'TFE3 positive' | \"TFE3 positive\" | 'TFE3 negative' | \"TFE3 negative\"",
                "site absent from its part       | {\"id\": \"c3\", \"findings\": [\"thigh\"], \"absent\": [\"lower limb\"]} | 'thigh' | \"thigh\" | absent 'lower limb' | \"lower limb\"",
                "general finding absent          | {\"id\": \"c4\", \"findings\": [\"necrosis on CT\"], \"absent\": [\"necrosis\"]} | 'necrosis on CT' | \"necrosis on CT\" | absent 'necrosis' | \"necrosis\"",
                "group against the age           | {\"id\": \"c5\", \"age\": 12, \"findings\": [\"thigh\", \"young adults\"]} | 'young adults' | \"young adults\" | age 12 | 12",
            })
    void contradictoryCaseIsRejectedNamingBothClashingStatements(
            String what, String json, String one, String oneToken, String other, String otherToken) {
        PatientCase c = TestKnowledge.json(json);
        Set<String> expected = Set.of(
                one + " at test.json:1:" + (json.indexOf(oneToken) + 1),
                other + " at test.json:1:" + (json.indexOf(otherToken) + 1));
        ContradictoryCaseException compiled =
                assertThrows(ContradictoryCaseException.class, () -> TestKnowledge.rank(c));
        assertEquals(expected, sides(compiled), what);
        assertTrue(compiled.getMessage().startsWith("case " + c.id() + " is contradictory: "), compiled.getMessage());

        // HermiT's justification search (expand, then contract with a fresh reasoner per subset) takes minutes
        // per case over today's TBox: it runs with -Dhermit.justifications=true, not in every mvn verify.
        if (!Boolean.getBoolean("hermit.justifications")) return;
        ContradictoryCaseException hermit = assertThrows(
                ContradictoryCaseException.class,
                () -> TestKnowledge.knowledge().hermitClassifier().classify(c));
        assertEquals(expected, sides(hermit), "HermiT's justification names the same statements");
    }

    /** Each side of the clash as "statement at position", sides joined when a side has several statements. */
    private static Set<String> sides(ContradictoryCaseException e) {
        return Stream.of(e.one(), e.other())
                .map(side -> side.stream()
                        .map(s -> s.describe().replaceAll(" \\([^)]*\\) at", " at"))
                        .collect(Collectors.joining(" with ")))
                .collect(Collectors.toSet());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "{\"id\": \"ok1\", \"findings\": [\"TFE3 negative\"], \"absent\": [\"TFE3 positive\"]}",
                "{\"id\": \"ok2\", \"findings\": [\"deep soft tissue\", \"superficial soft tissue\"]}",
                "{\"id\": \"ok3\", \"findings\": [\"necrosis\"], \"absent\": [\"necrosis on CT\"]}",
            })
    void statementsThatOnlyLookOppositeAreNotContradictions(String json) {
        PatientCase c = TestKnowledge.json(json);
        TestKnowledge.rank(c);
        assertTrue(TestKnowledge.knowledge().hermitClassifier().isConsistent(c));
    }
}
