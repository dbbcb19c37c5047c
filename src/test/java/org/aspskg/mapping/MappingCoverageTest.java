package org.aspskg.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.aspskg.mapping.MappingCoverage.Coverage;
import org.aspskg.mapping.MappingCoverage.Row;
import org.aspskg.mapping.MappingCoverage.Status;
import org.aspskg.mapping.MappingCoverage.Term;
import org.aspskg.ontology.OntologyLoader;
import org.aspskg.report.Level;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code map --coverage}: the project's linkable terms are covered, and how gaps are reported. */
class MappingCoverageTest {
    private static Coverage project;

    @BeforeAll
    static void computeTheProjectsCoverage() {
        project = MappingCoverage.compute(SssomReader.DEFAULT_MAPPING_SET, OntologyLoader.DEFAULT_ONTOLOGY);
    }

    @Test
    void everyDiseaseSiteAndGeneIsMappedInEachRequiredVocabularyOrListedWithAReason() {
        List<Row> gaps = project.rows().stream()
                .filter(r -> r.status() == Status.NOT_MAPPED && r.level() == Level.WARN)
                .toList();
        assertEquals(List.of(), gaps);
    }

    @Test
    void everyTermWithoutAnyMappingSaysWhyInEachVocabularyItsKindExpects() {
        List<String> unexplained = project.rows().stream()
                .filter(r -> r.status() == Status.NO_MAPPING)
                .filter(r ->
                        !r.detail().contains("; unverifiable: ") || r.detail().contains("no reason in unverified.tsv"))
                .map(r -> r.term().curie() + " " + r.detail())
                .toList();
        assertEquals(List.of(), unexplained);
    }

    @Test
    void theRequiredKindsHoldTheSixDiagnosesTheSitesAndTheGenes() {
        Map<String, List<String>> kinds = new LinkedHashMap<>();
        project.rows().forEach(r -> kinds.put(r.term().curie(), r.term().kinds()));
        for (String disease : List.of(
                "aspskg:AlveolarSoftPartSarcoma",
                "aspskg:SynovialSarcoma",
                "aspskg:MalignantFibrousHistiocytoma",
                "aspskg:Angiosarcoma",
                "aspskg:Osteosarcoma",
                "aspskg:ArteriovenousMalformation")) {
            assertEquals(List.of("disease"), kinds.get(disease), disease);
        }
        assertEquals(List.of("anatomical site"), kinds.get("aspskg:Thigh"));
        assertEquals(List.of("gene"), kinds.get("aspskg:TFE3Gene"));
        assertTrue(
                kinds.get("aspskg:FlowVoid").contains("imaging finding"),
                "FlowVoid is an imaging finding by inference");
        assertTrue(
                !kinds.containsKey("aspskg:LesionWithoutFlowVoids"),
                "a class defined by an equivalence is no kind's member");
    }

    @Test
    void eachVocabularyCountsTheTermsMappedToIt() {
        MappingSet set = SssomReader.read(SssomReader.DEFAULT_MAPPING_SET);
        for (MappingCoverage.Vocabulary v : project.vocabularies()) {
            long subjects = set.mappings().stream()
                    .filter(m -> !m.negated() && m.objectId().startsWith(v.prefix() + ":"))
                    .map(Mapping::subjectId)
                    .distinct()
                    .count();
            assertEquals(subjects, v.mapped().size(), v.prefix());
        }
    }

    @TempDir
    Path dir;

    @Test
    void aTermWithoutMappingIsWarnedAndAListedGapIsUnverifiable() throws Exception {
        Path set = dir.resolve("set.sssom.tsv");
        Files.copy(Path.of("src/test/resources/mapping/good.sssom.tsv"), set);
        Files.writeString(
                dir.resolve(CoveragePolicy.FILE),
                "kind\troots\tvocabularies\trequired\twhy\n"
                        + "disease\taspskg:Lesion\tEXAMPLE|OTHER\tyes\tx\n"
                        + "imaging finding\taspskg:Finding\tOTHER\tno\tx\n");
        Files.writeString(
                dir.resolve(CoveragePolicy.UNVERIFIED),
                "subject_id\tvocabulary\tcandidate_code\twhy_not_added\n"
                        + "aspskg:SynovialSarcoma\tEXAMPLE\tnone found\tnot in the example browser\n");
        MappingSet mappings = SssomReader.read(set);
        CoveragePolicy policy = CoveragePolicy.besideMappingSet(set);
        Map<String, Term> linkable = new LinkedHashMap<>();
        linkable.put(
                "aspskg:AlveolarSoftPartSarcoma",
                new Term("aspskg:AlveolarSoftPartSarcoma", "ASPS", List.of("disease")));
        linkable.put("aspskg:SynovialSarcoma", new Term("aspskg:SynovialSarcoma", "SS", List.of("disease")));
        linkable.put("aspskg:FlowVoid", new Term("aspskg:FlowVoid", "flow voids", List.of("imaging finding")));
        linkable.put("aspskg:TailSign", new Term("aspskg:TailSign", "tail sign", List.of("imaging finding")));
        Coverage c = MappingCoverage.of(mappings, linkable, policy, curie -> "");

        assertEquals(
                List.of(
                        "WARN OTHER aspskg:SynovialSarcoma not_mapped",
                        "WARN - aspskg:SynovialSarcoma no_mapping",
                        "WARN - aspskg:TailSign no_mapping",
                        "INFO EXAMPLE aspskg:AlveolarSoftPartSarcoma mapped",
                        "INFO EXAMPLE aspskg:Thigh mapped",
                        "INFO OTHER aspskg:AlveolarSoftPartSarcoma mapped",
                        "INFO OTHER aspskg:FlowVoid mapped",
                        "INFO OTHER aspskg:TailSign not_mapped",
                        "INFO EXAMPLE aspskg:SynovialSarcoma unverifiable"),
                c.rows().stream()
                        .map(r -> r.level() + " " + r.vocabulary() + " "
                                + r.term().curie() + " " + r.status().label())
                        .toList());
        MappingCoverage.Vocabulary example = c.vocabularies().get(0);
        assertEquals("EXAMPLE", example.prefix());
        assertEquals(List.of("aspskg:AlveolarSoftPartSarcoma", "aspskg:Thigh"), List.copyOf(example.mapped()));
        assertEquals(List.of("aspskg:SynovialSarcoma"), List.copyOf(example.unverifiable()));
        assertTrue(c.rows().stream()
                .anyMatch(r -> r.status() == Status.UNVERIFIABLE && r.detail().contains("not in the example browser")));
    }

    @Test
    void aTermWithoutAnyMappingCarriesTheListedReasonsAndNamesTheVocabulariesWithoutOne() throws Exception {
        Path set = dir.resolve("set.sssom.tsv");
        Files.copy(Path.of("src/test/resources/mapping/good.sssom.tsv"), set);
        Files.writeString(
                dir.resolve(CoveragePolicy.FILE),
                "kind\troots\tvocabularies\trequired\twhy\n"
                        + "imaging finding\taspskg:Finding\tEXAMPLE|OTHER\tno\tx\n");
        Files.writeString(
                dir.resolve(CoveragePolicy.UNVERIFIED),
                "subject_id\tvocabulary\tcandidate_code\twhy_not_added\n"
                        + "aspskg:TailSign\tEXAMPLE|OTHER\tnone found\tno tail sign term in the export\n"
                        + "aspskg:TripleSign\tOTHER\tX1\tmeaning differs\n");
        Map<String, Term> linkable = new LinkedHashMap<>();
        linkable.put("aspskg:TailSign", new Term("aspskg:TailSign", "tail sign", List.of("imaging finding")));
        linkable.put("aspskg:TripleSign", new Term("aspskg:TripleSign", "triple sign", List.of("imaging finding")));
        Coverage c =
                MappingCoverage.of(SssomReader.read(set), linkable, CoveragePolicy.besideMappingSet(set), curie -> "");

        Map<String, String> noMapping = new LinkedHashMap<>();
        c.rows().stream()
                .filter(r -> r.status() == Status.NO_MAPPING)
                .forEach(r -> noMapping.put(r.term().curie(), r.level() + " " + r.detail()));
        assertEquals(
                "WARN no mapping in any vocabulary (imaging finding); unverifiable: "
                        + "EXAMPLE: none found: no tail sign term in the export; "
                        + "OTHER: none found: no tail sign term in the export",
                noMapping.get("aspskg:TailSign"));
        assertEquals(
                "WARN no mapping in any vocabulary (imaging finding); unverifiable: OTHER: X1: meaning differs; "
                        + "no reason in unverified.tsv for EXAMPLE",
                noMapping.get("aspskg:TripleSign"));
    }
}
