package org.aspskg.ddx.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.aspskg.ddx.TestKnowledge;
import org.aspskg.ddx.cases.CaseReading;
import org.aspskg.ddx.cases.CaseStatement;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.render.RankingFormat;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.text.PhraseReading;
import org.junit.jupiter.api.Test;

/** A case as free text or loosely written phrases: read, shown back, ranked like the equivalent exact case. */
class FreeTextCaseTest {
    private static final String TEXT = "24-year-old woman, deep thigh mass, T2 hyperintense with flow voids, "
            + "TFE3 strongly positive, no calcification";
    private static final String EXACT = """
            {"id": "text", "age": 24, "sex": "female",
             "findings": ["deep soft tissue", "thigh", "hyperintense on T2", "flow voids on MRI",
                          "strong nuclear TFE3 immunostaining"],
             "absent": ["calcification"]}""";

    private static List<String> statements(PatientCase c) {
        return c.statements().stream()
                .map(s -> s.kind() + " "
                        + (s.term() == null ? s.written() : s.term().replace(AspsVocabulary.NS, "")))
                .sorted()
                .toList();
    }

    @Test
    void freeTextGivesTheSameStatementsAndRankingAsTheEquivalentExactJsonCase() {
        PatientCase text = TestKnowledge.pipeline().read(CaseInput.text(TEXT, "text"));
        PatientCase json = TestKnowledge.jsonStrict(EXACT);
        assertEquals(statements(json), statements(text));
        assertEquals(
                TestKnowledge.signature(TestKnowledge.rank(json)), TestKnowledge.signature(TestKnowledge.rank(text)));
    }

    @Test
    void aJsonTextFieldIsReadLikeFreeTextAndItsAgeAndSexGiveWayToTheJsonKeys() {
        PatientCase c = TestKnowledge.json("{\"id\": \"t\", \"age\": 30, \"text\": \"" + TEXT + "\"}");
        assertEquals(30, c.ageYears());
        assertEquals("female", c.sex());
        assertTrue(statements(c).contains("ABSENT Calcification"), statements(c).toString());
        assertTrue(statements(c).contains("PRESENT FlowVoid"), statements(c).toString());
    }

    @Test
    void negatedPhrasesBecomeAbsentFindingsWithTheirCueShown() {
        PatientCase c = TestKnowledge.json("""
                {"id": "neg", "findings": ["thigh", "no flow voids", "without calcification",
                  "absence of solid component", "TFE3 negative", "negative for CD34"]}""");
        assertEquals(
                List.of(
                        "ABSENT CD34Immunoreactivity",
                        "ABSENT Calcification",
                        "ABSENT FlowVoid",
                        "ABSENT SolidTumourComponent",
                        "PRESENT TFE3ImmunostainNegative",
                        "PRESENT Thigh"),
                statements(c));
        CaseReading noFlow = c.readings().stream()
                .filter(r -> r.reading().text().contains("flow voids"))
                .findFirst()
                .orElseThrow();
        assertTrue(noFlow.describe().contains("negation 'no'"), noFlow.describe());
    }

    @Test
    void pseudoNegationAndScopeEndsDoNotNegateWhatFollows() {
        PatientCase c = TestKnowledge.pipeline()
                .read(CaseInput.text("thigh mass, no change in size; no calcification but flow voids", "text"));
        assertEquals(List.of("ABSENT Calcification", "PRESENT FlowVoid", "PRESENT Thigh"), statements(c));
    }

    @Test
    void aFindingStatedPresentAndAlsoNegatedIsPresentAndTheNegatedMentionIsShownNotUsed() {
        // "pain during motion ... no spontaneous pain": the negation qualifies the pain, the patient has it
        PatientCase c = TestKnowledge.pipeline()
                .read(CaseInput.text("Thigh mass. Pain during motion was present. No spontaneous pain.", "text"));
        assertEquals(List.of("PRESENT LocalPain", "PRESENT Thigh"), statements(c));
        CaseReading negated = c.readings().stream()
                .filter(r -> r.reading().negated() || r.reading().outcome() == PhraseReading.Outcome.NOT_USED)
                .filter(r -> r.reading().text().equals("pain") && r.reading().start() > 40)
                .findFirst()
                .orElseThrow();
        assertEquals(PhraseReading.Outcome.NOT_USED, negated.reading().outcome());
        assertTrue(negated.describe().contains("stated present elsewhere"), negated.describe());
    }

    @Test
    void aSiteTheLesionAbutsOrDisplacesIsANeighbourNotTheLesionsSite() {
        // "the mass abutted the fibula but did not involve the osseous structures" (an ASPS of the calf)
        PatientCase beside = TestKnowledge.pipeline()
                .read(CaseInput.text("Calf mass abutting the fibula, displacing the tibia.", "text"));
        assertTrue(
                statements(beside).stream().noneMatch(s -> s.contains("UBERON_0001446")),
                statements(beside).toString());
        assertTrue(
                statements(beside).stream().noneMatch(s -> s.contains("UBERON_0000979")),
                statements(beside).toString());
        CaseReading fibula = beside.readings().stream()
                .filter(r -> r.reading().text().equals("fibula"))
                .findFirst()
                .orElseThrow();
        assertEquals(PhraseReading.Outcome.NOT_USED, fibula.reading().outcome());
        assertTrue(fibula.describe().contains("beside the lesion"), fibula.describe());
        // the same bone named as where the lesion is stays its site
        PatientCase in = TestKnowledge.pipeline().read(CaseInput.text("Lytic lesion in the fibula.", "text"));
        assertTrue(
                statements(in).stream().anyMatch(s -> s.startsWith("PRESENT") && s.endsWith("UBERON_0001446")),
                statements(in).toString());
    }

    @Test
    void aFindingOfOneModalityIsNotReadFromAPassageAboutAnotherOrAboutTheExamination() {
        // "well circumscribed" names the margin on MRI: on the clinical examination it is no imaging finding
        PatientCase exam = TestKnowledge.pipeline()
                .read(CaseInput.text("Thigh mass. On examination the swelling was well circumscribed.", "text"));
        assertEquals(List.of("PRESENT Thigh"), statements(exam));
        CaseReading margin = exam.readings().stream()
                .filter(r -> r.reading().text().equals("well circumscribed"))
                .findFirst()
                .orElseThrow();
        assertEquals(PhraseReading.Outcome.NOT_USED, margin.reading().outcome());
        assertTrue(margin.describe().contains("a finding on MRI in a passage about"), margin.describe());
        // on MRI it is the finding
        PatientCase mri = TestKnowledge.pipeline()
                .read(CaseInput.text("Thigh mass. MRI showed that it was well circumscribed.", "text"));
        assertEquals(List.of("PRESENT Thigh", "PRESENT WellDefinedMarginOnMRI"), statements(mri));
        // a sentence naming the finding's own modality beside another keeps it
        PatientCase both = TestKnowledge.pipeline()
                .read(CaseInput.text("Plain radiographs and MRI showed an osteolytic lesion of the femur.", "text"));
        assertTrue(
                statements(both).contains("PRESENT OsteolyticBoneLesionOnRadiograph"),
                statements(both).toString());
    }

    @Test
    void anUnknownPhraseIsReportedWithSuggestionsAndTheCaseIsStillRanked() {
        PatientCase c =
                TestKnowledge.json("{\"id\": \"u\", \"findings\": [\"thigh\", \"flow voids\", \"zzyzx qwertyuiop\"]}");
        List<CaseReading> unknown = c.readings(PhraseReading.Outcome.UNKNOWN);
        assertEquals(1, unknown.size(), c.readings().toString());
        assertTrue(
                unknown.get(0).describe().startsWith("'zzyzx qwertyuiop' not understood"),
                unknown.get(0).describe());
        String table = TestKnowledge.pipeline().rank(c).render(RankingFormat.TABLE);
        assertTrue(table.contains("Not understood (1): 'zzyzx qwertyuiop' not understood"), table);
        assertTrue(table.contains("Rank  Diagnosis"), table);
    }

    @Test
    void strictModeRefusesWhatTheLenientReaderResolvesLoosely() {
        String json = "{\"id\": \"s\", \"findings\": [\"left thigh\", \"flow voids\"]}";
        assertEquals(List.of("PRESENT FlowVoid", "PRESENT Thigh"), statements(TestKnowledge.json(json)));
        CaseInputException e = assertThrows(CaseInputException.class, () -> TestKnowledge.jsonStrict(json));
        assertTrue(e.getMessage().contains("unknown finding 'left thigh'"), e.getMessage());
        CaseInputException inCase = assertThrows(
                CaseInputException.class,
                () -> TestKnowledge.json("{\"strict\": true, \"findings\": [\"left thigh\"]}"));
        assertTrue(inCase.getMessage().contains("unknown finding 'left thigh'"), inCase.getMessage());
    }

    @Test
    void anAmbiguousPhraseListsItsCandidatesAndIsNotUsed() {
        PatientCase c = TestKnowledge.json("{\"id\": \"a\", \"findings\": [\"thigh\", \"findings on imaging\"]}");
        List<CaseReading> ambiguous = c.readings(PhraseReading.Outcome.AMBIGUOUS);
        assertEquals(1, ambiguous.size());
        assertTrue(
                ambiguous.get(0).describe().contains("imaging finding (aspskg:ImagingFinding)"),
                ambiguous.get(0).describe());
        assertEquals(List.of("PRESENT Thigh"), statements(c));
    }

    @Test
    void ageAndSexAreReadFromTheWaysCaseReportsWriteThem() {
        record Expect(String text, Integer age, String sex) {}
        for (Expect e : List.of(
                new Expect("a 3-year-old boy with a tongue mass", 3, "male"),
                new Expect("F/45, thigh mass", 45, "female"),
                new Expect("thigh mass in a man aged 60", 60, "male"),
                new Expect("A 17-yearold female patient presented with a thigh mass", 17, "female"),
                new Expect("15 year old boy, thigh", 15, "male"),
                new Expect("a 15-month-old girl with an orbital mass", 1, "female"))) {
            PatientCase c = TestKnowledge.pipeline().read(CaseInput.text(e.text(), "text"));
            assertEquals(e.age(), c.ageYears(), e.text());
            assertEquals(e.sex(), c.sex(), e.text());
            assertTrue(c.statements().stream().anyMatch(s -> s.kind() == CaseStatement.Kind.AGE), e.text());
        }
    }

    @Test
    void theCaseAsReadIsShownBeforeTheRankingInEveryFormat() {
        var ranked = TestKnowledge.pipeline().rank(TestKnowledge.pipeline().read(CaseInput.text(TEXT, "text")));
        String table = ranked.render(RankingFormat.TABLE);
        assertTrue(table.indexOf("Read as") < table.indexOf("Rank  Diagnosis"), table);
        assertTrue(table.contains("'flow voids' → flow voids on MRI (aspskg:FlowVoid), present"), table);
        String json = ranked.render(RankingFormat.JSON);
        assertTrue(json.contains("\"reading\""), json);
        assertTrue(json.contains("\"negationCue\" : \"no\""), json);
        String ttl = ranked.render(RankingFormat.TTL);
        assertTrue(ttl.startsWith("# Read as"), ttl.substring(0, 200));
    }

    /** The features the ranking weighed for the first hypothesis, each with the phrases that decided it. */
    private static List<String> weighed(String text) {
        PatientCase c = TestKnowledge.pipeline().read(CaseInput.text(text, "sites"));
        return TestKnowledge.rank(c).hypotheses().get(0).evidence().stream()
                .flatMap(e -> e.statements().stream().map(s -> e.featureLabel() + " ← " + s.written()))
                .toList();
    }

    @Test
    void aCaseSiteBelowARegionTheKnowledgeNamesCountsAsThatRegion() {
        // the associations name lower limb, thigh, deep soft tissue and the region around the knee, not these sites
        assertWeighed("A mass of the left calf.", "lower limb", "calf");
        assertWeighed("A mass in the popliteal fossa.", "region around the knee", "popliteal fossa");
        assertWeighed("A mass at the knee.", "region around the knee", "knee");
        assertWeighed("A mass in the right hamstring.", "thigh", "hamstring");
        assertWeighed("A mass in the right hamstring.", "deep soft tissue", "hamstring");
        assertWeighed("A mass in the left vastus medialis.", "thigh", "vastus medialis");
    }

    private static void assertWeighed(String text, String feature, String phrase) {
        List<String> w = weighed(text);
        assertTrue(w.stream().anyMatch(x -> x.startsWith(feature + " ← ") && x.contains(phrase)), text + ": " + w);
    }
}
