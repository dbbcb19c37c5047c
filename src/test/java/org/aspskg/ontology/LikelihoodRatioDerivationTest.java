package org.aspskg.ontology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.aspskg.AspsKgException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Likelihood ratios derived at build time compare each hypothesis with the other five. */
class LikelihoodRatioDerivationTest {
    private static final List<String> SIX = List.of(
            "AlveolarSoftPartSarcoma",
            "MalignantFibrousHistiocytoma",
            "SynovialSarcoma",
            "Angiosarcoma",
            "Osteosarcoma",
            "VascularMalformation");

    @TempDir
    Path tmp;

    private Path edit;

    @BeforeEach
    void copyOntology() throws IOException {
        edit = EditSourceCopies.copy(tmp);
        Files.write(
                edit.resolveSibling(FrequencyWords.RELATIVE_PATH),
                List.of(
                        "word\tfrequency\thpo_class\tsource\tnote",
                        "not reported\t0.05\t\thttps://example.org/assumption\tassumed for features a disease's sources do not mention"));
    }

    private Model compile(List<String> rows) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("id\tlabel\tdisease\tfeature\tfrequency\tsource");
        lines.addAll(rows);
        Files.write(edit.resolveSibling(AssociationTable.RELATIVE_PATH), lines);
        return OntologyLoader.readRdf(edit);
    }

    private static double value(Model m, String disease, String feature, String property) {
        Resource node = m.getResource(LikelihoodRatioDerivation.DERIVED_NS + disease + "-" + feature);
        assertTrue(m.containsResource(node), "no derived node " + node);
        return node.getProperty(m.createProperty(AspsVocabulary.iri(property))).getDouble();
    }

    @Test
    void aFindingSharedEquallyByAllSixHypothesesCountsForNone() throws IOException {
        List<String> rows = new ArrayList<>();
        for (String d : SIX) {
            rows.add("fact:" + d + "-thigh\t" + d + " thigh\taspskg:" + d
                    + "\taspskg:Thigh\t0.3\tsrc:radiopaedia-59433");
        }
        Model m = compile(rows);
        for (String d : SIX) {
            assertEquals(1.0, value(m, d, "Thigh", "likelihoodRatioIfPresent"), 1e-9, d);
            assertEquals(1.0, value(m, d, "Thigh", "likelihoodRatioIfAbsent"), 1e-9, d);
        }
    }

    @Test
    void aFindingOneHypothesisReportsIsWeighedAgainstTheNotReportedFrequencyOfTheOthers() throws IOException {
        Model m = compile(
                List.of(
                        "fact:asps-tfe3\tASPS TFE3\taspskg:AlveolarSoftPartSarcoma\taspskg:TFE3NuclearImmunoreactivity\t23/25\tsrc:radiopaedia-59433"));
        // p = (23 + 1/2) / (25 + 1) = 0.9038 (Jeffreys); q = mean of the five others' not-reported 0.05 = 0.05
        assertEquals(0.9038, value(m, "AlveolarSoftPartSarcoma", "TFE3NuclearImmunoreactivity", "frequency"), 1e-9);
        assertEquals(
                18.0769,
                value(m, "AlveolarSoftPartSarcoma", "TFE3NuclearImmunoreactivity", "likelihoodRatioIfPresent"),
                1e-4);
        assertEquals(
                0.1012,
                value(m, "AlveolarSoftPartSarcoma", "TFE3NuclearImmunoreactivity", "likelihoodRatioIfAbsent"),
                1e-4);
        // for synovial sarcoma: p = 0.05 (assumed), q = (0.9038 + 4 × 0.05) / 5 = 0.2208
        assertEquals(
                0.2265, value(m, "SynovialSarcoma", "TFE3NuclearImmunoreactivity", "likelihoodRatioIfPresent"), 1e-4);
        Resource assumed =
                m.getResource(LikelihoodRatioDerivation.DERIVED_NS + "SynovialSarcoma-TFE3NuclearImmunoreactivity");
        assertTrue(assumed.getProperty(m.createProperty(AspsVocabulary.iri("frequencyIsAssumed")))
                .getBoolean());
    }

    @Test
    void countsFromTwoSourcesArePooledAndBothRowsAreKept() throws IOException {
        Model m = compile(
                List.of(
                        "fact:ss-calc-a\tSS calcification A\taspskg:SynovialSarcoma\taspskg:CalcificationOnCT\t6/31\tsrc:radiopaedia-59433",
                        "fact:ss-calc-b\tSS calcification B\taspskg:SynovialSarcoma\taspskg:CalcificationOnCT\t14/19\tsrc:radiopaedia-59433"));
        // (6 + 14 + 1/2) / (31 + 19 + 1): the summed counts, Jeffreys-smoothed
        assertEquals(0.402, value(m, "SynovialSarcoma", "CalcificationOnCT", "frequency"), 1e-9);
        Resource node = m.getResource(LikelihoodRatioDerivation.DERIVED_NS + "SynovialSarcoma-CalcificationOnCT");
        assertEquals(
                2,
                m.listObjectsOfProperty(node, m.createProperty(AspsVocabulary.iri("derivedFrom")))
                        .toList()
                        .size());
        assertTrue(m.containsResource(m.getResource(AspsVocabulary.FACT_NS + "ss-calc-a")));
        assertTrue(m.containsResource(m.getResource(AspsVocabulary.FACT_NS + "ss-calc-b")));
    }

    @Test
    void aSmallCountIsSmoothedSoThatItDoesNotClaimCertainty() throws IOException {
        Model m = compile(
                List.of(
                        "fact:asps-triple\tASPS triple sign\taspskg:AlveolarSoftPartSarcoma\taspskg:TripleSignOnT2\t0/14\tsrc:radiopaedia-59433",
                        "fact:ss-triple\tSS triple sign\taspskg:SynovialSarcoma\taspskg:TripleSignOnT2\t10/10\tsrc:radiopaedia-59433"));
        // 0/14 -> (0 + 1/2) / 15 = 0.0333, not 0 (floored to 0.005); 10/10 -> 10.5 / 11 = 0.9545, not 1
        assertEquals(0.0333, value(m, "AlveolarSoftPartSarcoma", "TripleSignOnT2", "frequency"), 1e-9);
        assertEquals(0.9545, value(m, "SynovialSarcoma", "TripleSignOnT2", "frequency"), 1e-9);
        // so the finding's absence lowers synovial sarcoma's odds about 20-fold on ten cases, not 190-fold:
        // LR- = (1 - 0.9545) / (1 - (0.0333 + 4 × 0.05) / 5) = 0.0477 (unsmoothed, p clipped to 0.995: 0.0052)
        assertEquals(0.0477, value(m, "SynovialSarcoma", "TripleSignOnT2", "likelihoodRatioIfAbsent"), 1e-9);
    }

    @Test
    void anAttributeValueNoSourceReportsIsTheComplementOfItsDisjointAlternativeOrTheOthersMean() throws IOException {
        // DeepSoftTissue and SuperficialSoftTissue are declared disjoint in the ontology: every lesion has a depth
        Model m = compile(
                List.of(
                        "fact:asps-deep\tASPS deep\taspskg:AlveolarSoftPartSarcoma\taspskg:DeepSoftTissue\t0.9\tsrc:radiopaedia-59433",
                        "fact:ss-superficial\tSS superficial\taspskg:SynovialSarcoma\taspskg:SuperficialSoftTissue\t0.7\tsrc:radiopaedia-59433"));
        // ASPS reports deep only: superficial = 1 - 0.9; synovial sarcoma reports superficial only: deep = 1 - 0.7
        assertEquals(0.1, value(m, "AlveolarSoftPartSarcoma", "SuperficialSoftTissue", "frequency"), 1e-9);
        assertEquals(0.3, value(m, "SynovialSarcoma", "DeepSoftTissue", "frequency"), 1e-9);
        // osteosarcoma reports neither: the mean of what the others say (deep: (0.9 + 0.3) / 2), not 0.05
        assertEquals(0.6, value(m, "Osteosarcoma", "DeepSoftTissue", "frequency"), 1e-9);
        assertEquals(0.4, value(m, "Osteosarcoma", "SuperficialSoftTissue", "frequency"), 1e-9);
        Resource assumed = m.getResource(LikelihoodRatioDerivation.DERIVED_NS + "Osteosarcoma-DeepSoftTissue");
        assertTrue(assumed.getProperty(m.createProperty(AspsVocabulary.iri("frequencyIsAssumed")))
                .getBoolean());
    }

    @Test
    void aRowAboutArteriovenousMalformationCountsForTheVascularMalformationHypothesis() throws IOException {
        Model m = compile(
                List.of(
                        "fact:avm-flow-voids\tAVM flow voids\taspskg:ArteriovenousMalformation\taspskg:FlowVoid\t0.9\tsrc:radiopaedia-59433"));
        assertEquals(0.9, value(m, "VascularMalformation", "FlowVoid", "frequency"), 1e-9);
        assertFalse(m.containsResource(
                m.getResource(LikelihoodRatioDerivation.DERIVED_NS + "ArteriovenousMalformation-FlowVoid")));
    }

    @Test
    void aHypothesisWithoutARowInAnAgeGroupIsWeighedAsForTheFeatureAtAllAges() throws IOException {
        Model aged = compileWithAgeGroups(
                List.of(
                        "fact:asps-thigh-adults\tASPS thigh adults\taspskg:AlveolarSoftPartSarcoma\taspskg:Thigh\t0.55\taspskg:AdultGroup\tsrc:radiopaedia-59433",
                        "fact:os-distal-femur\tOS distal femur\taspskg:Osteosarcoma\taspskg:DistalFemur\t0.6\t\tsrc:radiopaedia-59433",
                        "fact:mfh-thigh\tUPS thigh\taspskg:MalignantFibrousHistiocytoma\taspskg:Thigh\t0.45\t\tsrc:radiopaedia-59433"));
        // osteosarcoma reports the distal femur (part of the thigh) for all ages: 1 - 0.95 × 0.4 = 0.62 for the thigh,
        // in adults as at all ages (it was half its limb frequency in adults and 0.62 at all ages before)
        double allAges = value(aged, "Osteosarcoma", "Thigh", "frequency");
        assertEquals(0.62, allAges, 1e-9);
        Resource inAdults = aged.getResource(LikelihoodRatioDerivation.DERIVED_NS + "Osteosarcoma-Thigh-in-AdultGroup");
        assertEquals(
                allAges,
                inAdults.getProperty(aged.createProperty(AspsVocabulary.iri("frequency")))
                        .getDouble(),
                1e-9);
        // ASPS's own adult row stands for adults; with no all-age row it is also its all-age frequency
        Resource aspsAdults =
                aged.getResource(LikelihoodRatioDerivation.DERIVED_NS + "AlveolarSoftPartSarcoma-Thigh-in-AdultGroup");
        assertEquals(
                0.55,
                aspsAdults
                        .getProperty(aged.createProperty(AspsVocabulary.iri("frequency")))
                        .getDouble(),
                1e-9);
        assertEquals(0.55, value(aged, "AlveolarSoftPartSarcoma", "Thigh", "frequency"), 1e-9);
    }

    @Test
    void aSizeNoSourceOfAHypothesisReportsTakesTheOthersMeanNotTheNotReportedFrequency() throws IOException {
        Model m = compile(List.of(
                "fact:ss-size\tSS size\taspskg:SynovialSarcoma\taspskg:MassLargerThan5cm\t0.85\tsrc:radiopaedia-59433",
                "fact:mfh-size\tUPS size\taspskg:MalignantFibrousHistiocytoma\taspskg:MassLargerThan5cm\t0.55\tsrc:radiopaedia-59433",
                "fact:as-pain\tAS pain\taspskg:Angiosarcoma\taspskg:LocalPain\t0.5\tsrc:radiopaedia-59433"));
        // every lesion has a size (aspskg:valueOfLesionAttribute "size"): silence is no evidence that it is small
        assertEquals(0.7, value(m, "VascularMalformation", "MassLargerThan5cm", "frequency"), 1e-9);
        assertEquals(1.0, value(m, "VascularMalformation", "MassLargerThan5cm", "likelihoodRatioIfAbsent"), 0.2);
        // pain is a sign a source lists when it sees it: silence still gives the not-reported frequency
        assertEquals(0.05, value(m, "VascularMalformation", "LocalPain", "frequency"), 1e-9);
    }

    @Test
    void slowGrowthIsTheComplementOfRapidGrowthForAHypothesisThatReportsOnlyRapidGrowth() throws IOException {
        Model m = compile(List.of(
                "fact:mfh-rapid\tUPS rapid\taspskg:MalignantFibrousHistiocytoma\taspskg:RapidGrowth\t0.7\tsrc:radiopaedia-59433",
                "fact:ss-slow\tSS slow\taspskg:SynovialSarcoma\taspskg:SlowGrowth\t0.7\tsrc:radiopaedia-59433"));
        // slow and rapid growth are two values of one attribute (growth rate), not declared disjoint in OWL
        // (a report may give both, one after the other), so the complement is an upper bound
        assertEquals(0.3, value(m, "MalignantFibrousHistiocytoma", "SlowGrowth", "frequency"), 1e-9);
        assertEquals(0.3, value(m, "SynovialSarcoma", "RapidGrowth", "frequency"), 1e-9);
        // a hypothesis that reports neither takes the mean of the others: (0.3 + 0.7) / 2
        assertEquals(0.5, value(m, "Osteosarcoma", "SlowGrowth", "frequency"), 1e-9);
    }

    @Test
    void aPartOfAPartOfAReportedRegionGetsAQuarterOfItsFrequency() throws IOException {
        Model m = compile(
                List.of(
                        "fact:ss-superficial\tSS superficial\taspskg:SynovialSarcoma\taspskg:SuperficialSoftTissue\t0.8\tsrc:radiopaedia-59433",
                        "fact:as-hn-skin\tAS head and neck skin\taspskg:Angiosarcoma\taspskg:HeadAndNeckSkin\t0.5\tsrc:radiopaedia-59433"));
        // skin of the head and neck is part of the skin, which is part of superficial soft tissue: halved twice
        assertEquals(0.2, value(m, "SynovialSarcoma", "HeadAndNeckSkin", "frequency"), 1e-9);
    }

    @Test
    void twoExclusiveValuesOfALesionAttributeThatBothHaveRowsAddUpToOne() throws IOException {
        Model m = compile(
                List.of(
                        "fact:ss-deep\tSS deep\taspskg:SynovialSarcoma\taspskg:DeepSoftTissue\t0.75\tsrc:radiopaedia-59433",
                        "fact:ss-superficial\tSS superficial\taspskg:SynovialSarcoma\taspskg:SuperficialSoftTissue\t0.7\tsrc:radiopaedia-59433"));
        // 0.75 deep and 0.7 superficial claim more than every lesion: each is averaged with 1 - the other
        double deep = value(m, "SynovialSarcoma", "DeepSoftTissue", "frequency");
        double superficial = value(m, "SynovialSarcoma", "SuperficialSoftTissue", "frequency");
        assertEquals(0.525, deep, 1e-9);
        assertEquals(1.0, deep + superficial, 1e-9);
        Resource node = m.getResource(LikelihoodRatioDerivation.DERIVED_NS + "SynovialSarcoma-DeepSoftTissue");
        assertEquals(
                2,
                m.listObjectsOfProperty(node, m.createProperty(AspsVocabulary.iri("derivedFrom")))
                        .toList()
                        .size());
    }

    private Model compileWithSubtypes(List<String> rows) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("id\tlabel\tdisease\tfeature\tfrequency\tsubtype\tsource");
        lines.addAll(rows);
        Files.write(edit.resolveSibling(AssociationTable.RELATIVE_PATH), lines);
        return OntologyLoader.readRdf(edit);
    }

    private static final String OS = "\taspskg:Osteosarcoma\t";
    private static final String SRC = "\tsrc:radiopaedia-59433";

    @Test
    void eachSubtypeGetsItsOwnRowsAndEveryUntaggedRowAndAWeightFromItsShare() throws IOException {
        Model m = compileWithSubtypes(List.of(
                "fact:os-skeletal\tOS skeletal" + OS + "aspskg:SkeletalOsteosarcoma\t9/10\t" + SRC,
                "fact:os-extra\tOS extra" + OS + "aspskg:ExtraskeletalOsteosarcoma\t1/10\t" + SRC,
                "fact:os-osteoid\tOS osteoid" + OS + "aspskg:TumourOsteoidProduction\t0.9\t" + SRC,
                "fact:os-femur\tOS femur" + OS + "aspskg:DistalFemur\t0.6\taspskg:SkeletalOsteosarcoma" + SRC,
                "fact:os-ct\tOS CT" + OS + "aspskg:CalcificationOnCT\t0.4\taspskg:ExtraskeletalOsteosarcoma" + SRC));
        // an untagged row holds for every subtype
        assertEquals(0.9, value(m, "SkeletalOsteosarcoma", "TumourOsteoidProduction", "frequency"), 1e-9);
        assertEquals(0.9, value(m, "ExtraskeletalOsteosarcoma", "TumourOsteoidProduction", "frequency"), 1e-9);
        // a tagged row holds for its subtype only; the other subtype is weighed as without a row
        assertEquals(0.6, value(m, "SkeletalOsteosarcoma", "DistalFemur", "frequency"), 1e-9);
        assertEquals(0.05, value(m, "ExtraskeletalOsteosarcoma", "DistalFemur", "frequency"), 1e-9);
        assertEquals(0.4, value(m, "ExtraskeletalOsteosarcoma", "CalcificationOnCT", "frequency"), 1e-9);
        assertEquals(0.05, value(m, "SkeletalOsteosarcoma", "CalcificationOnCT", "frequency"), 1e-9);
        // the weights: the share rows smoothed as counts are, normalised (9.5/11 and 1.5/11)
        double extra = 1.5 / 11;
        assertEquals(extra, value(m, "Osteosarcoma", "subtype-ExtraskeletalOsteosarcoma", "frequency"), 1e-4);
        // the hypothesis' own node is the marginal over its subtypes (queries, and the other hypotheses' means)
        assertEquals((1 - extra) * 0.6 + extra * 0.05, value(m, "Osteosarcoma", "DistalFemur", "frequency"), 1e-4);
        assertEquals(
                ((1 - extra) * 0.6 + extra * 0.05 + 4 * 0.05) / 5,
                value(m, "AlveolarSoftPartSarcoma", "DistalFemur", "frequencyInOtherHypotheses"),
                1e-4);
        Resource node =
                m.getResource(LikelihoodRatioDerivation.DERIVED_NS + "ExtraskeletalOsteosarcoma-CalcificationOnCT");
        assertEquals(
                AspsVocabulary.iri("ExtraskeletalOsteosarcoma"),
                node.getPropertyResourceValue(m.createProperty(AspsVocabulary.iri("aboutSubtype")))
                        .getURI());
        // a share row is no finding: no hypothesis gets a node for the subtype as a feature
        assertFalse(m.containsResource(m.getResource(
                LikelihoodRatioDerivation.DERIVED_NS + "AlveolarSoftPartSarcoma-ExtraskeletalOsteosarcoma")));
    }

    @Test
    void aMixtureOfOneSubtypeGivesThePlainHypothesisFrequencies() throws IOException {
        Model m = compileWithSubtypes(List.of(
                "fact:os-skeletal\tOS skeletal" + OS + "aspskg:SkeletalOsteosarcoma\t1\t" + SRC,
                "fact:os-femur\tOS femur" + OS + "aspskg:DistalFemur\t0.6\t" + SRC,
                "fact:os-deep\tOS deep" + OS + "aspskg:DeepSoftTissue\t0.2\t" + SRC,
                "fact:asps-deep\tASPS deep\taspskg:AlveolarSoftPartSarcoma\taspskg:DeepSoftTissue\t0.9\t" + SRC));
        for (String feature : List.of("DistalFemur", "DeepSoftTissue")) {
            for (String property : List.of("frequency", "frequencyInOtherHypotheses", "likelihoodRatioIfPresent")) {
                assertEquals(
                        value(m, "Osteosarcoma", feature, property),
                        value(m, "SkeletalOsteosarcoma", feature, property),
                        1e-12,
                        feature + " " + property);
            }
        }
        assertEquals(1.0, value(m, "Osteosarcoma", "subtype-SkeletalOsteosarcoma", "frequency"), 1e-12);
    }

    @Test
    void aRowOfTheHypothesisAsAWholeEntersNoSubtypeButIsCitedByTheMarginal() throws IOException {
        Model m = compileWithSubtypes(List.of(
                "fact:os-skeletal\tOS skeletal" + OS + "aspskg:SkeletalOsteosarcoma\t9/10\t" + SRC,
                "fact:os-extra\tOS extra" + OS + "aspskg:ExtraskeletalOsteosarcoma\t1/10\t" + SRC,
                "fact:os-bone\tOS bone" + OS + "aspskg:Bone\t1\taspskg:SkeletalOsteosarcoma" + SRC,
                // a share among all osteosarcomas: what the weights say, not a frequency within each subtype
                "fact:os-bone-all\tOS bone, all" + OS + "aspskg:Bone\t0.9\taspskg:Osteosarcoma" + SRC));
        assertEquals(0.995, value(m, "SkeletalOsteosarcoma", "Bone", "frequency"), 1e-9); // 1, kept below 0.995
        assertEquals(0.05, value(m, "ExtraskeletalOsteosarcoma", "Bone", "frequency"), 1e-9);
        Resource marginal = m.getResource(LikelihoodRatioDerivation.DERIVED_NS + "Osteosarcoma-Bone");
        List<String> from = m.listObjectsOfProperty(marginal, m.createProperty(AspsVocabulary.iri("derivedFrom")))
                .mapWith(n -> n.asResource().getURI())
                .toList();
        assertTrue(from.stream().anyMatch(u -> u.endsWith("os-bone-all")), from.toString());
        for (String subtype : List.of("SkeletalOsteosarcoma", "ExtraskeletalOsteosarcoma")) {
            Resource node = m.getResource(LikelihoodRatioDerivation.DERIVED_NS + subtype + "-Bone");
            assertFalse(
                    m
                            .listObjectsOfProperty(node, m.createProperty(AspsVocabulary.iri("derivedFrom")))
                            .mapWith(n -> n.asResource().getURI())
                            .toList()
                            .stream()
                            .anyMatch(u -> u.endsWith("os-bone-all")),
                    subtype);
        }
    }

    @Test
    void aRowForASubtypeWithoutAShareIsRefused() throws IOException {
        AspsKgException e = assertThrows(
                AspsKgException.class,
                () -> compileWithSubtypes(List.of("fact:os-femur\tOS femur" + OS
                        + "aspskg:DistalFemur\t0.6\taspskg:SkeletalOsteosarcoma" + SRC)));
        assertTrue(e.getMessage().contains("os-femur holds for the subtype"), e.getMessage());
        assertTrue(e.getMessage().contains("which has no share row"), e.getMessage());
        assertTrue(e.hint().contains("associations.tsv"), e.hint());
    }

    private static final String VM = "\taspskg:VascularMalformation\t";

    @Test
    void aRowAboutASubclassThatIsASubtypeOfTheMixtureHoldsForThatSubtypeOnly() throws IOException {
        Model m = compileWithSubtypes(List.of(
                "fact:vm-venous\tVM venous" + VM + "aspskg:VenousMalformation\t6/10\t" + SRC,
                "fact:vm-avm\tVM AVM" + VM + "aspskg:ArteriovenousMalformation\t4/10\t" + SRC,
                // an AVM series' row with its subtype cell left empty
                "fact:avm-warmth\tAVM warmth\taspskg:ArteriovenousMalformation\taspskg:LocalWarmth\t0.6\t" + SRC,
                "fact:vm-pure\tVM pure" + VM + "aspskg:PureVascularTissue\t0.9\t" + SRC));
        assertEquals(0.6, value(m, "ArteriovenousMalformation", "LocalWarmth", "frequency"), 1e-9);
        assertEquals(0.05, value(m, "VenousMalformation", "LocalWarmth", "frequency"), 1e-9);
        // a row about the hypothesis itself still holds for both
        assertEquals(0.9, value(m, "ArteriovenousMalformation", "PureVascularTissue", "frequency"), 1e-9);
        assertEquals(0.9, value(m, "VenousMalformation", "PureVascularTissue", "frequency"), 1e-9);
        double avm = 4.5 / 11 / (4.5 / 11 + 6.5 / 11);
        assertEquals(avm * 0.6 + (1 - avm) * 0.05, value(m, "VascularMalformation", "LocalWarmth", "frequency"), 1e-4);
    }

    @Test
    void aRowAboutOneSubtypeTaggedWithAnotherIsRefused() throws IOException {
        AspsKgException e = assertThrows(
                AspsKgException.class,
                () -> compileWithSubtypes(List.of(
                        "fact:vm-venous\tVM venous" + VM + "aspskg:VenousMalformation\t6/10\t" + SRC,
                        "fact:vm-avm\tVM AVM" + VM + "aspskg:ArteriovenousMalformation\t4/10\t" + SRC,
                        "fact:avm-warmth\tAVM warmth\taspskg:ArteriovenousMalformation\taspskg:LocalWarmth\t0.6"
                                + "\taspskg:VenousMalformation" + SRC)));
        assertTrue(e.getMessage().contains("avm-warmth is about"), e.getMessage());
        assertTrue(e.getMessage().contains("but holds for the subtype"), e.getMessage());
        assertTrue(e.hint().contains("associations.tsv"), e.hint());
    }

    private Model compileWithAgeGroups(List<String> rows) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add("id\tlabel\tdisease\tfeature\tfrequency\tage_group\tsource");
        lines.addAll(rows);
        Files.write(edit.resolveSibling(AssociationTable.RELATIVE_PATH), lines);
        return OntologyLoader.readRdf(edit);
    }
}
