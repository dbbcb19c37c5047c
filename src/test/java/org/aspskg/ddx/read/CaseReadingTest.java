package org.aspskg.ddx.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.TestKnowledge;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.rank.DifferentialRanking;
import org.aspskg.ontology.AspsVocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Reading cases: names resolved, every problem located and explained, the two formats equivalent. */
class CaseReadingTest {

    private static List<String> problems(Runnable read) {
        CaseInputException e = assertThrows(CaseInputException.class, read::run);
        return e.problems().stream().map(CaseInputException.Problem::toString).toList();
    }

    private static void json(String text) {
        TestKnowledge.json(text);
    }

    private static void turtle(String text) {
        TestKnowledge.knowledge().turtleReader().read(text, "case.ttl");
    }

    @Test
    void findingsAreNamedByLabelSynonymCurieOrIriWhateverTheCase() {
        PatientCase c = TestKnowledge.json("""
                {"id": "names", "findings": ["Flow Voids on MRI", "vascular signal voids", "aspskg:Thigh",
                  "https://w3id.org/asps-kg/DeepSoftTissue", "TFE3  nuclear positive", "PASPositiveDiastaseResistantInclusions"],
                 "absent": ["calcification on CT"]}""");
        assertEquals(
                List.of(
                        "PRESENT FlowVoid",
                        "PRESENT FlowVoid",
                        "PRESENT Thigh",
                        "PRESENT DeepSoftTissue",
                        "PRESENT TFE3NuclearImmunoreactivity",
                        "PRESENT PASPositiveDiastaseResistantInclusions",
                        "ABSENT CalcificationOnCT"),
                c.statements().stream()
                        .map(s -> s.kind() + " " + s.term().replace(AspsVocabulary.NS, ""))
                        .toList());
        assertEquals(AspsVocabulary.CASE_NS + "names", c.iri());
    }

    @Test
    void unknownFindingIsRefusedInStrictModeWithTheClosestKnownNamesSuggested() {
        assertEquals(
                List.of(
                        "test.json:1:26: unknown finding 'flow viods'; did you mean 'flow voids' (aspskg:FlowVoid), "
                                + "'lower body' (UBERON:0002417), 'slow growth' (aspskg:SlowGrowth)?",
                        "test.json:1:40: unknown finding 'TFE3 postive'; did you mean 'TFE3 positive' "
                                + "(aspskg:TFE3NuclearImmunoreactivity), 'TLE1 positive' (aspskg:TLE1NuclearImmunoreactivity), "
                                + "'TFE3 negative' (aspskg:TFE3ImmunostainNegative)?"),
                problems(() ->
                        TestKnowledge.jsonStrict("{\"id\": \"u\", \"findings\": [\"flow viods\", \"TFE3 postive\"]}")));
    }

    @Test
    void nameOfSomethingThatIsNotAFindingIsRejectedInStrictModeSayingWhatItIs() {
        List<String> p = problems(() -> TestKnowledge.jsonStrict("{\"findings\": [\"MRI\"]}"));
        assertEquals(1, p.size());
        assertEquals(
                true,
                p.get(0)
                        .startsWith("test.json:1:15: 'MRI' names magnetic resonance imaging "
                                + "(aspskg:MagneticResonanceImaging), which is not a finding, anatomical site or demographic group; "
                                + "did you mean "),
                p.get(0));
    }

    @Test
    void jsonProblemsAreAllReportedWithLineAndColumn() {
        assertEquals(
                List.of(
                        "test.json:2:3: unknown key \"findngs\"; did you mean \"findings\"?",
                        "test.json:3:10: \"age\" is a whole number of years, not \"twenty\"",
                        "test.json:4:10: \"sex\" is one of \"female\", \"male\", not \"f\"",
                        "test.json:5:25: each entry of \"findings\" is a non-empty name, not 3",
                        "test.json:6:13: \"absent\" is a list of names: [\"...\", ...]"),
                problems(() -> json("""
                        {"id": "j",
                          "findngs": ["thigh"],
                          "age": "twenty",
                          "sex": "f",
                          "findings": ["thigh", 3],
                          "absent": "calcification"}""")));
        assertEquals(
                List.of("test.json:2:1: JSON syntax: Unexpected end-of-input: expected close marker for Object "
                        + "(start marker at [line: 1, column: 1])"),
                problems(() -> json("{\"findings\": [\"thigh\"]\n")));
    }

    @Test
    void textAfterTheCasesClosingBraceIsRefusedNotIgnored() {
        assertEquals(
                List.of(
                        "test.json:1:25: text after the case's closing '}': a case file or request holds one JSON object"),
                problems(() -> json("{\"findings\": [\"thigh\"]} {\"findings\": [\"thigh\"]}")));
        List<String> garbage = problems(() -> json("{\"findings\": [\"thigh\"]} trailing"));
        assertEquals(1, garbage.size(), garbage.toString());
        assertTrue(garbage.get(0).startsWith("test.json:1:"), garbage.toString());
        assertTrue(garbage.get(0).contains("JSON syntax"), garbage.toString());
    }

    @Test
    void deeplyNestedInputIsRefusedWithAMessageNotAStackOverflow() {
        String deep = "@prefix a: <https://w3id.org/asps-kg/> .\n<https://w3id.org/asps-kg/case/x> a:p "
                + "(".repeat(50_000) + ")".repeat(50_000) + " .\n";
        List<String> p = problems(() -> turtle(deep));
        assertEquals(1, p.size(), p.toString());
        assertTrue(p.get(0).startsWith("case.ttl"), p.toString());
        assertTrue(p.get(0).contains("nested too deeply to read"), p.toString());
        AspsKgException json = assertThrows(
                AspsKgException.class, () -> json("{\"findings\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}"));
        assertTrue(json.getMessage().contains("nesting depth"), json.getMessage());
    }

    @Test
    void jsonCaseIsCheckedAgainstTheCaseShapesWithTheStatementsKeysAndPositions() {
        assertEquals(
                List.of(
                        "test.json:1:9: \"age\" 200: the age is one whole number of years from 0 to 150",
                        "test.json:1:21: \"sex\": a case states at most one sex"),
                problems(() -> json("{\"age\": 200, \"sex\": \"male\", \"findings\": [\"flow voids\", \"female\"]}")));
    }

    @Test
    void turtleProblemsAreReportedWithTheLineOfTheOffendingTriple() {
        assertEquals(
                List.of(
                        "case.ttl:5:23: SHACL: the age is one whole number of years from 0 to 150 on aspskg:ageInYears (value 200)",
                        "case.ttl:6:27: unknown finding 'aspskg:FlowVoids'; did you mean 'flow voids' (aspskg:FlowVoid), "
                                + "'clunis' (aspskg:Buttock), 'fast flow' (aspskg:HypervascularityOnDoppler)?",
                        "case.ttl:7:26: SHACL: each value of has finding is a node typed with one finding class of the "
                                + "ontology on aspskg:hasFinding (value [ a aspskg:Thigh ])",
                        "case.ttl:8:42: SHACL: a case uses only rdf:type, rdfs:label, rdfs:comment, aspskg:ageInYears, "
                                + "aspskg:hasFinding, aspskg:hasLesionSite and aspskg:inDemographicGroup on "
                                + "aspskg:hasFindng (value [ a aspskg:FlowVoid ])",
                        "case.ttl:9:52: SHACL: a case states at most one sex on aspskg:inDemographicGroup"),
                problems(() -> turtle("""
                        @prefix aspskg: <https://w3id.org/asps-kg/> .
                        @prefix case:   <https://w3id.org/asps-kg/case/> .

                        case:x a aspskg:PatientCase ;
                            aspskg:ageInYears 200 ;
                            aspskg:hasFinding [ a aspskg:FlowVoids ] ,
                                [ a aspskg:Thigh ] ;
                            aspskg:hasFindng [ a aspskg:FlowVoid ] ;
                            aspskg:inDemographicGroup [ a aspskg:MaleGroup ] , [ a aspskg:FemaleGroup ] .
                        """)));
        assertEquals(
                List.of("case.ttl:2:1: Turtle syntax: Undefined prefix: case"),
                problems(() ->
                        turtle("@prefix aspskg: <https://w3id.org/asps-kg/> .\ncase:x a aspskg:PatientCase .\n")));
    }

    @Test
    void absentFindingMustNameAFindingOnTheMatchingProperty() {
        List<String> p = problems(() -> turtle("""
                @prefix owl: <http://www.w3.org/2002/07/owl#> .
                @prefix aspskg: <https://w3id.org/asps-kg/> .
                <https://w3id.org/asps-kg/case/y> a aspskg:PatientCase ;
                    aspskg:hasFinding [ a aspskg:FlowVoid ] ;
                    a [ a owl:Class ; owl:complementOf [ a owl:Restriction ;
                        owl:onProperty aspskg:hasFinding ; owl:someValuesFrom aspskg:Thigh ] ] .
                """));
        assertEquals(1, p.size(), p.toString());
        assertEquals(true, p.get(0).startsWith("case.ttl:6:") && p.get(0).contains("absent finding"), p.get(0));
    }

    static List<Path> jsonExamples() {
        return TestKnowledge.examples().stream()
                .filter(f -> f.toString().endsWith(".json"))
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonExamples")
    void jsonAndTurtleFormsOfACaseGiveTheSameRanking(Path file) {
        PatientCase fromJson = TestKnowledge.read(file);
        StringWriter ttl = new StringWriter();
        RDFDataMgr.write(
                ttl, TestKnowledge.knowledge().caseRdf().graph(fromJson).model(), Lang.TURTLE);
        List<PatientCase> fromTurtle = TestKnowledge.knowledge().turtleReader().read(ttl.toString(), "converted.ttl");
        assertEquals(1, fromTurtle.size());
        assertEquals(fromJson.iri(), fromTurtle.get(0).iri());
        assertEquals(
                TestKnowledge.signature(TestKnowledge.rank(fromJson)),
                TestKnowledge.signature(TestKnowledge.rank(fromTurtle.get(0))));
    }

    @Test
    void handWrittenTurtleExampleRanksAsItsJsonTwin() {
        DifferentialRanking turtle =
                TestKnowledge.rank(TestKnowledge.EXAMPLES.resolve("asps-buttock-lung-metastases.ttl"));
        DifferentialRanking json =
                TestKnowledge.rank(Path.of("src/test/resources/ddx/asps-buttock-lung-metastases.json"));
        assertEquals(TestKnowledge.signature(json), TestKnowledge.signature(turtle));
    }
}
