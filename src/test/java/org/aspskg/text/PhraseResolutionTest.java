package org.aspskg.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.aspskg.ddx.TestKnowledge;
import org.aspskg.ontology.AspsVocabulary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Phrases as clinicians write them (phrasings.tsv: none is a term's label) resolve to the expected
 * term with the expected polarity, through the text index the command line and HTTP use.
 */
class PhraseResolutionTest {

    private static CaseTextAnnotator annotator() {
        return TestKnowledge.knowledge().annotator();
    }

    static Stream<Arguments> phrasings() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (InputStream in = PhraseResolutionTest.class.getResourceAsStream("phrasings.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\t");
                out.add(Arguments.of(f[0], f[1], f[2].trim()));
            }
        }
        return out.stream();
    }

    /** The expected term: a local name of the ontology's namespace, or a CURIE (an imported class). */
    private static String expected(String term) {
        return term.contains(":") ? term : AspsVocabulary.iri(term);
    }

    @Test
    void theTableHoldsAtLeastAHundredPhrasingsNoneOfThemALabel() throws IOException {
        List<Arguments> rows = phrasings().toList();
        assertTrue(rows.size() >= 100, rows.size() + " phrasings");
        TermSearch search = annotator().search();
        for (Arguments a : rows) {
            String phrase = (String) a.get()[0];
            for (IndexedTerm t : search.terms()) {
                assertFalse(t.label().equalsIgnoreCase(phrase.trim()), "'" + phrase + "' is the label of " + t.curie());
            }
        }
    }

    @ParameterizedTest(name = "''{0}'' → {1} {2}")
    @MethodSource("phrasings")
    void phraseResolvesToTheExpectedTermAndPolarity(String phrase, String term, String polarity) {
        List<PhraseReading> readings = annotator().readPhrase(phrase);
        List<PhraseReading> terms = readings.stream()
                .filter(r -> r.outcome() == PhraseReading.Outcome.TERM)
                .toList();
        PhraseReading r = terms.stream()
                .filter(x -> expected(term)
                        .equals(term.contains(":") ? x.term().curie() : x.term().iri()))
                .findFirst()
                .orElse(terms.isEmpty() ? null : terms.get(0));
        assertTrue(r != null, phrase + " → " + readings);
        assertEquals(
                expected(term),
                term.contains(":") ? r.term().curie() : r.term().iri(),
                phrase + " → " + r.term().describe());
        assertEquals(polarity.equals("absent"), r.negated(), phrase + " negation: " + r.cue());
        assertTrue(
                readings.stream().noneMatch(x -> x.outcome() == PhraseReading.Outcome.UNKNOWN),
                phrase + " left something not understood: " + readings);
    }

    @Test
    void aPhraseNamingSeveralTermsEquallyListsThemAsCandidates() {
        // "imaging" does not change what a phrase names, so "findings on imaging" is as much "finding" as "imaging
        // finding"
        List<PhraseReading> r = annotator().readPhrase("findings on imaging");
        assertEquals(1, r.size(), r.toString());
        assertEquals(PhraseReading.Outcome.AMBIGUOUS, r.get(0).outcome(), r.toString());
        List<String> candidates =
                r.get(0).terms().stream().map(TermHit::curie).sorted().toList();
        assertEquals(
                List.of("aspskg:Finding", "aspskg:ImagingFinding", "aspskg:ImmunohistochemicalFinding"), candidates);
    }

    @Test
    void aPhraseNamingNothingIsReportedWithSuggestions() {
        List<PhraseReading> r = annotator().readPhrase("flow-related enhancement of the vessel wall xyzzy");
        assertTrue(r.stream().anyMatch(x -> x.outcome() == PhraseReading.Outcome.UNKNOWN), r.toString());
    }

    @Test
    void symptomsAndOtherStainsAreNotUsedRatherThanUnknown() {
        for (String phrase : List.of("swelling", "vimentin positive", "for 3 months")) {
            List<PhraseReading> r = annotator().readPhrase(phrase);
            assertEquals(PhraseReading.Outcome.NOT_USED, r.get(0).outcome(), phrase + " → " + r);
        }
    }

    @Test
    void aSizeAtOrBelowTheThresholdStatesTheSizeFindingAbsent() {
        List<PhraseReading> r = annotator().readPhrase("3 x 2 cm");
        assertEquals(PhraseReading.Outcome.TERM, r.get(0).outcome(), r.toString());
        assertEquals(
                AspsVocabulary.MASS_LARGER_THAN_5_CM.getURI(), r.get(0).term().iri());
        assertTrue(r.get(0).negated(), r.toString());
    }

    @Test
    void phrasePatternsReadGrowthVascularityAndPasAsTheirDefinitionsSayAndOnlyThere() {
        String text = "The mass had been slowly increasing in size for years but recently showed a sudden increase in"
                + " size. Angiography showed a markedly vascular tumor. Dynamic MRI showed rapid early enhancement."
                + " There was no rapid enlargement of the nodes. Tumour cells held PAS-positive, diastase-resistant"
                + " crystals. A vascular tumor was considered.";
        List<String> terms = termsOf(text);
        assertTrue(
                terms.stream().anyMatch(t -> t.startsWith("slowly increasing in size → SlowGrowth (present)")),
                terms.toString());
        assertTrue(
                terms.stream()
                        .anyMatch(t -> t.startsWith("sudden increase in\n") || t.startsWith("sudden increase in")),
                terms.toString());
        assertTrue(terms.stream().anyMatch(t -> t.contains("markedly vascular → Hypervascular")), terms.toString());
        assertTrue(
                terms.stream().anyMatch(t -> t.startsWith("rapid enlargement → RapidGrowth (absent)")),
                terms.toString());
        assertTrue(
                terms.stream().anyMatch(t -> t.contains("→ PASPositiveDiastaseResistantInclusions (present)")),
                terms.toString());
        // "rapid early enhancement" is no growth, and "a vascular tumor" is a tumour type, not hypervascularity
        assertEquals(
                1,
                terms.stream().filter(t -> t.contains("RapidGrowth (present)")).count(),
                terms.toString());
        assertTrue(terms.stream().noneMatch(t -> t.startsWith("vascular tumor")), terms.toString());
    }

    /** The readings of a whole text that name a term, as "written → local name (present|absent)". */
    private static List<String> termsOf(String text) {
        return annotator().read(text).phrases().stream()
                .filter(x -> x.outcome() == PhraseReading.Outcome.TERM)
                .map(x -> x.text() + " → " + x.term().iri().substring(AspsVocabulary.NS.length())
                        + (x.negated() ? " (absent)" : " (present)"))
                .toList();
    }

    @Test
    void aStainSeenOnlyOutsideTheTumourCellsIsAbsent() {
        List<String> t = termsOf("The vessels were highlighted by ERG and CD31, however the tumour cells were negative."
                + " CD34 was positive, but the nuclei were enlarged.");
        assertTrue(t.contains("ERG → ERGNuclearImmunoreactivity (absent)"), t.toString());
        assertTrue(t.contains("CD31 → CD31Immunoreactivity (absent)"), t.toString());
        // "but" followed by anything other than the tumour cells being negative negates nothing
        assertTrue(t.stream().anyMatch(x -> x.endsWith("→ CD34Immunoreactivity (present)")), t.toString());
    }

    @Test
    void signalWordsAfterASpanAreReadOnTheSequenceOfItsSentence() {
        List<String> t = termsOf("T2-weighted images showed a mass with heterogeneous signal intensity.");
        assertTrue(t.stream().anyMatch(x -> x.endsWith("→ T2HeterogeneousSignal (present)")), t.toString());
        List<String> high = termsOf("The mass had heterogeneous high signal on T2.");
        assertTrue(high.stream().anyMatch(x -> x.endsWith("→ T2HyperintenseSignal (present)")), high.toString());
        assertTrue(high.stream().anyMatch(x -> x.endsWith("→ T2HeterogeneousSignal (present)")), high.toString());
    }

    @Test
    void aSmallerSizeBesideALargerOneIsNotUsedAndADistanceIsNoSize() {
        List<String> t =
                termsOf("The lesion was 4 cm x 1.5 cm; one month later 9.5 x 1.5 cm. A nodule 12.5 cm above the knee.");
        assertTrue(t.contains("9.5 x 1.5 cm → MassLargerThan5cm (present)"), t.toString());
        assertTrue(t.stream().noneMatch(x -> x.startsWith("4 cm") || x.contains("12.5 cm →")), t.toString());
        // the distance places the nodule in the thigh (between hip and knee), no size
        assertTrue(t.contains("12.5 cm above the knee → Thigh (present)"), t.toString());
        List<String> nodule = termsOf("Chest CT showed a 2 cm lung nodule.");
        assertTrue(nodule.stream().noneMatch(x -> x.contains("MassLargerThan5cm")), nodule.toString());
    }

    @Test
    void largeBeforeTheLesionNounWithWordsBetweenIsALargeMassButLargeCellsAreNot() {
        List<String> t = termsOf("A large, lobulated T2 hyperintense soft tissue mass. Nests of large tumor cells.");
        assertEquals(
                1, t.stream().filter(x -> x.endsWith("LargeMass (present)")).count(), t.toString());
        assertTrue(t.contains("large → LargeMass (present)"), t.toString());
    }

    @Test
    void anAgeWithoutOldBeforeTheSexInWordsOrByDecadeIsRead() {
        assertEquals(25, annotator().read("25 years Female. A thigh mass.").age());
        assertEquals(6, annotator().read("a six-year-old girl with a mass").age());
        assertEquals(35, annotator().read("Man in his 30s, non-smoker").age());
        // a duration is no age, and the age stated first is the patient's
        assertEquals(null, annotator().read("a mass for 3 years").age());
        assertEquals(
                null,
                annotator().read("Painful right thigh swelling for 8 months.").age());
        assertEquals(
                13,
                annotator()
                        .read("13 years Male. Painful right thigh swelling for 8 months.")
                        .age());
        assertEquals(1, annotator().read("a 15-month-old girl").age());
    }

    @Test
    void oneNegationCueCoversTheItemsOfAListTheCommasSplit() {
        List<String> t =
                termsOf("The tumor cells were positive for TFE3, and negative for S100, CK, synaptophysin and EMA.");
        assertTrue(t.contains("S100 → S100Immunoreactivity (absent)"), t.toString());
        assertTrue(t.contains("CK → CytokeratinImmunoreactivity (absent)"), t.toString());
        assertTrue(t.contains("EMA → EMAImmunoreactivity (absent)"), t.toString());
        assertTrue(t.stream().anyMatch(x -> x.endsWith("TFE3NuclearImmunoreactivity (present)")), t.toString());
        List<String> back = termsOf("EMA, CD34, desmin, STAT6 - not expressed.");
        assertTrue(back.contains("EMA → EMAImmunoreactivity (absent)"), back.toString());
        assertTrue(back.contains("desmin → DesminImmunoreactivity (absent)"), back.toString());
    }

    @Test
    void aFindingNegatedInsideItsWordIsAbsent() {
        List<String> t = termsOf("a large painless mass, nontender on examination");
        assertTrue(t.contains("painless → LocalPain (absent)"), t.toString());
        assertTrue(t.contains("nontender → LocalPain (absent)"), t.toString());
    }

    @Test
    void aFindingWithoutItsModalityInATextAboutOneModalityIsTheFindingOnIt() {
        // the modality named earlier in the sentence or paragraph: MRI, CT, radiographs
        List<String> mri = termsOf("MRI of the right leg showed a heterogeneous soft tissue mass with areas of"
                + " central necrosis. There was no evidence of hemorrhage.");
        assertTrue(mri.contains("necrosis → NecrosisOnMRI (present)"), mri.toString());
        assertTrue(mri.contains("hemorrhage → HaemorrhageOnMRI (absent)"), mri.toString());
        List<String> ct = termsOf(
                "CT examination showed a mass of low attenuation with necrotic areas and central" + " calcification.");
        assertTrue(ct.stream().anyMatch(x -> x.endsWith("NecrosisOnCT (present)")), ct.toString());
        assertTrue(ct.contains("calcification → CalcificationOnCT (present)"), ct.toString());
        List<String> xray = termsOf("Plain radiographs showed a soft tissue mass with punctate calcification.");
        assertTrue(xray.contains("calcification → CalcificationOnRadiograph (present)"), xray.toString());
        // a word only one modality uses (STIR, T2) sets the context too
        List<String> stir = termsOf("The mass is hyperintense on STIR with cystic areas.");
        assertTrue(stir.stream().anyMatch(x -> x.endsWith("CysticChangeOnMRI (present)")), stir.toString());
    }

    @Test
    void aPathologySentenceOrNoModalityLeavesTheFindingGeneral() {
        List<String> t = termsOf("MRI showed a thigh mass. Biopsy showed nests of cells with necrosis.");
        assertTrue(t.stream().anyMatch(x -> x.endsWith("necrosis → Necrosis (present)")), t.toString());
        List<String> none = termsOf("A painful thigh mass with necrosis.");
        assertTrue(none.stream().anyMatch(x -> x.endsWith("necrosis → Necrosis (present)")), none.toString());
        // an ellipsis (an omission of the excerpt) ends the imaging paragraph
        List<String> gap = termsOf("MRI showed a thigh mass … The tumour showed necrosis.");
        assertTrue(gap.stream().anyMatch(x -> x.endsWith("necrosis → Necrosis (present)")), gap.toString());
    }

    @Test
    void aBoneUnderANegationCueStatesNoBoneInvolvement() {
        List<String> t = termsOf("The mass was not fixed to the anterior femur. A mass without obvious invasion of"
                + " either the femur or musculature.");
        assertEquals(
                2,
                t.stream()
                        .filter(x -> x.endsWith("AdjacentBoneInvolvement (absent)"))
                        .count(),
                t.toString());
        // a bone stated without a negation is still the site
        List<String> site = termsOf("The mass abutted the fibula.");
        assertTrue(site.stream().noneMatch(x -> x.contains("AdjacentBoneInvolvement")), site.toString());
    }

    @Test
    void aNegatedListCarriesOverItemsTheOntologyDoesNotKnowAndBracketedAsides() {
        List<String> pre = termsOf(
                "Furthermore, the tumor was negative for NKX3.1, PSA, SALL4, GATA 3, HMB45, Melan A, SOX 10, S100,"
                        + " chromogranin, and synaptophysin.");
        assertTrue(pre.contains("S100 → S100Immunoreactivity (absent)"), pre.toString());
        List<String> post = termsOf("CD99 - weakly expressed. Broad spectrum cytokeratins (using the AE1/AE3"
                + " antibody), EMA, CD34, S100, smooth muscle actin, desmin, STAT6 - not expressed.");
        assertTrue(post.stream().anyMatch(x -> x.endsWith("CytokeratinImmunoreactivity (absent)")), post.toString());
    }

    @Test
    void aNegationCueDoesNotRunPastAContrastWord() {
        List<String> t = termsOf("There was no calcification, however flow voids were seen. No necrosis but"
                + " haemorrhage was present.");
        assertTrue(t.stream().anyMatch(x -> x.endsWith("FlowVoid (present)")), t.toString());
        assertTrue(t.stream().anyMatch(x -> x.startsWith("haemorrhage") && x.endsWith("(present)")), t.toString());
        assertTrue(t.stream().anyMatch(x -> x.startsWith("calcification") && x.endsWith("(absent)")), t.toString());
    }

    @Test
    void aSiteNamedAsWhereAMetastasisIsIsTheMetastasisInIt() {
        List<String> t = termsOf("Radiological analysis revealed multiple organ metastases, including bone, lung,"
                + " and brain. Chest CT showed multiple bilateral lung lesions suggestive of metastatic neoplasm.");
        assertTrue(t.contains("bone → BoneMetastasis (present)"), t.toString());
        assertTrue(t.contains("lung → LungMetastasis (present)"), t.toString());
        assertTrue(
                t.stream()
                                .filter(x -> x.equals("lung → LungMetastasis (present)"))
                                .count()
                        == 2,
                t.toString());
        // the primary site is no metastasis
        List<String> primary = termsOf("A mass of the lung. Metastases were found later in the brain.");
        assertTrue(primary.stream().anyMatch(x -> x.endsWith("→ Lung (present)")), primary.toString());
        assertTrue(primary.stream().noneMatch(x -> x.contains("LungMetastasis")), primary.toString());
    }

    @Test
    void aSignalWordReadsOnTheSequenceItsSentenceNames() {
        List<String> t = termsOf("T2: The mass is hyperintense and associated with flow voids.");
        assertTrue(t.contains("hyperintense → T2HyperintenseSignal (present)"), t.toString());
        List<String> stir = termsOf("The lesion was inhomogeneously hyperintense on STIR images.");
        assertTrue(stir.stream().anyMatch(x -> x.endsWith("T2HyperintenseSignal (present)")), stir.toString());
        // no sequence in the sentence: not read
        List<String> none = termsOf("The mass was hyperintense and associated with oedema.");
        assertTrue(none.stream().noneMatch(x -> x.contains("T2Hyperintense")), none.toString());
    }

    @Test
    void aHeterogeneityWordBeforeASignalFindingAlsoStatesTheHeterogeneousSignalOnItsSequence() {
        List<String> t = termsOf("The mass was heterogeneously bright on T2-weighted images.");
        assertTrue(t.contains("heterogeneously → T2HeterogeneousSignal (present)"), t.toString());
        assertTrue(t.stream().anyMatch(x -> x.endsWith("→ T2HyperintenseSignal (present)")), t.toString());
        List<String> and = termsOf("It was slightly heterogeneous and hyperintense on T2W images.");
        assertTrue(and.stream().anyMatch(x -> x.endsWith("→ T2HeterogeneousSignal (present)")), and.toString());
        // the ontology has no heterogeneous signal on T1: the word stays not understood
        List<String> t1 = termsOf("The lesion was heterogeneously isointense on T1.");
        assertTrue(t1.stream().noneMatch(x -> x.contains("Heterogeneous")), t1.toString());
        assertTrue(
                t1.stream().anyMatch(x -> x.endsWith("→ T1IsoToSlightlyHyperintenseSignal (present)")), t1.toString());
        // a heterogeneity word away from a signal finding states nothing
        List<String> apart = termsOf("The mass was heterogeneous. Flow voids were seen.");
        assertTrue(apart.stream().noneMatch(x -> x.contains("T2Heterogeneous")), apart.toString());
    }

    @Test
    void eachEndOfASignalRangeNamesTheRangesTerm() {
        assertEquals(
                List.of("isointense on t1", "slightly hyperintense on t1"),
                RangeNames.ends("isointense to slightly hyperintense on T1"));
        assertEquals(
                List.of("hypointense on t2", "isointense on t2"), RangeNames.ends("hypointense- to isointense on T2"));
        // only a range between two signal words is split
        assertEquals(List.of(), RangeNames.ends("spread to the lung on CT"));
        assertEquals(List.of(), RangeNames.ends("hyperintense on T2"));
        List<String> t = termsOf("On MRI the mass was T1 isointense to muscle.");
        assertTrue(t.stream().anyMatch(x -> x.endsWith("→ T1IsoToSlightlyHyperintenseSignal (present)")), t.toString());
    }

    @Test
    void sitesOfPublishedCasesAreReadAsTheirAnatomyTerms() {
        // calf (UBERON 2021 narrow synonym of hindlimb zeugopod), popliteal fossa (RadLex), hamstring, vastus
        // medialis, back: each read as its site term
        List<String> t = annotator()
                .read("A mass in the left calf. Another in the popliteal fossa, the right hamstring, the left vastus"
                        + " medialis and the upper back.")
                .phrases()
                .stream()
                .filter(x -> x.outcome() == PhraseReading.Outcome.TERM)
                .map(x -> x.text() + " → " + x.term().curie())
                .toList();
        for (String expected : List.of(
                "calf → UBERON:0003823",
                "popliteal fossa → aspskg:KneeRegion",
                "hamstring → UBERON:0002463",
                "vastus medialis → UBERON:0001380",
                "back → UBERON:0001137")) {
            assertTrue(t.contains(expected), expected + " in " + t);
        }
    }

    @Test
    void aStagingPhrasingStatesTheMetastasisAbsentOnlyUnderANegation() {
        List<String> neg = termsOf("Staging CT of the chest was negative. There was no enlarged cervical lymph node."
                + " The bone scan showed no other skeletal lesions.");
        assertTrue(neg.stream().anyMatch(x -> x.endsWith("→ LungMetastasis (absent)")), neg.toString());
        assertTrue(neg.stream().anyMatch(x -> x.endsWith("→ LymphNodeMetastasis (absent)")), neg.toString());
        assertTrue(neg.stream().anyMatch(x -> x.endsWith("→ BoneMetastasis (absent)")), neg.toString());
        // the same wordings without a negation state nothing: an enlarged node is not yet a metastasis
        List<String> pos = termsOf("A chest CT was obtained. Enlarged lymph nodes in the groin.");
        assertTrue(pos.stream().noneMatch(x -> x.contains("LungMetastasis")), pos.toString());
        assertTrue(pos.stream().noneMatch(x -> x.contains("LymphNodeMetastasis")), pos.toString());
    }

    @Test
    void boneChangeTheLesionCausesIsAdjacentBoneInvolvementButPlainDestructionOfAMetaphysisIsNot() {
        List<String> caused = termsOf("A large mass of the calf producing erosion of the fibula.");
        assertTrue(caused.stream().anyMatch(x -> x.endsWith("→ AdjacentBoneInvolvement (present)")), caused.toString());
        List<String> own = termsOf("Radiographs showed destruction of the proximal tibial metaphysis.");
        assertTrue(own.stream().noneMatch(x -> x.contains("AdjacentBoneInvolvement (present)")), own.toString());
        List<String> endosteal = termsOf("There was endosteal scalloping of the femur.");
        assertTrue(
                endosteal.stream().noneMatch(x -> x.contains("AdjacentBoneInvolvement (present)")),
                endosteal.toString());
    }

    @Test
    void aPreCueCarriesOverAListToAPhrasePattern() {
        List<String> t = termsOf("He denies trauma, fever, or prior radiotherapy to the site.");
        assertTrue(t.contains("prior radiotherapy to the site → PriorRadiotherapyToSite (absent)"), t.toString());
        // a sentence break ends the list
        List<String> apart = termsOf("He denies trauma. Prior radiotherapy to the site in 2010.");
        assertTrue(
                apart.contains("Prior radiotherapy to the site → PriorRadiotherapyToSite (present)"), apart.toString());
    }

    @Test
    void aFigureReferenceDoesNotEndTheSentenceNorDoesGrossMeaningObvious() {
        // the full stop of "Fig. 2" does not cut the sequence off from the signal words after it
        List<String> fig = termsOf("Coronal T1 images (Fig. 5) and axial STIR images (Fig. 6) showed a lesion of"
                + " heterogeneous signal intensity.");
        assertTrue(fig.stream().anyMatch(x -> x.endsWith("→ T2HeterogeneousSignal (present)")), fig.toString());
        // "no gross extension" (no obvious extension) keeps the MRI context; a gross specimen ends it
        List<String> obvious =
                termsOf("MRI showed a thigh mass. Necrosis was noted, with no gross extension into bone.");
        assertTrue(obvious.stream().anyMatch(x -> x.endsWith("→ NecrosisOnMRI (present)")), obvious.toString());
        List<String> specimen = termsOf("MRI showed a thigh mass. On the gross specimen necrosis was noted.");
        assertTrue(specimen.stream().noneMatch(x -> x.contains("NecrosisOnMRI")), specimen.toString());
    }
}
