package org.aspskg.ontology.qc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.aspskg.AspsKgException;
import org.aspskg.ontology.OntologyLoader;
import org.aspskg.report.Level;
import org.aspskg.report.QualityReport;
import org.aspskg.report.ReportRow;
import org.junit.jupiter.api.Test;

/** The quality report on small fixture ontologies, compared row by row. */
class OntologyValidatorTest {
    static final Path FIXTURES = Path.of("src", "test", "resources", "qc");

    private static final OntologyValidator VALIDATOR = OntologyValidator.standard();

    static Path fixture(String name) {
        return FIXTURES.resolve(name);
    }

    static ReportRow row(
            Level level, String rule, String subject, String property, String value, String... explanation) {
        return new ReportRow(level, rule, subject, property, value, List.of(explanation));
    }

    private static List<ReportRow> rows(String fixture, Level level) {
        return VALIDATOR.validate(fixture(fixture)).rows(level);
    }

    @Test
    void turtleSyntaxErrorIsReportedWithFileAndLine() {
        AspsKgException e = assertThrows(AspsKgException.class, () -> VALIDATOR.validate(fixture("syntax-error.ttl")));
        // Line 8 opens ':SoftTissueSarcoma a owl:Class' without ';': the parser stops at line 9, column 5.
        assertTrue(e.getMessage().startsWith(fixture("syntax-error.ttl") + ":9:5: "), e.getMessage());
        assertTrue(e.getMessage().contains("DOT"), e.getMessage());
    }

    @Test
    void cleanOntologyGetsOnlyInfoRows() {
        QualityReport report = VALIDATOR.validate(fixture("good.ttl"));
        assertEquals(
                List.of(
                        row(Level.INFO, "missing_superclass", ":GeneFusion", "rdfs:subClassOf", ""),
                        row(Level.INFO, "missing_superclass", ":Neoplasm", "rdfs:subClassOf", "")),
                report.rows());
        assertEquals("0 ERROR, 0 WARN, 2 INFO", report.summary());
    }

    @Test
    void unsatisfiableClassIsReportedWithItsJustification() {
        assertEquals(
                List.of(
                        row(
                                Level.ERROR,
                                "unsatisfiable_class",
                                ":AspsInBone",
                                "rdfs:subClassOf",
                                "owl:Nothing",
                                ":AspsInBone SubClassOf :BoneNeoplasm",
                                ":AspsInBone SubClassOf :SoftTissueSarcoma",
                                ":BoneNeoplasm DisjointWith :SoftTissueSarcoma"),
                        row(
                                Level.ERROR,
                                "unsatisfiable_class",
                                ":ChildOfAsps",
                                "rdfs:subClassOf",
                                "owl:Nothing",
                                ":AspsInBone SubClassOf :BoneNeoplasm",
                                ":AspsInBone SubClassOf :SoftTissueSarcoma",
                                ":BoneNeoplasm DisjointWith :SoftTissueSarcoma",
                                ":ChildOfAsps SubClassOf :AspsInBone")),
                rows("unsatisfiable.ttl", Level.ERROR));
    }

    @Test
    void inconsistentOntologyIsReportedWithItsJustification() {
        assertEquals(
                List.of(row(
                        Level.ERROR,
                        "inconsistent_ontology",
                        ":asps.owl",
                        "",
                        "ontology is inconsistent",
                        ":BoneNeoplasm DisjointWith :SoftTissueSarcoma",
                        ":patient1Tumour Type :BoneNeoplasm",
                        ":patient1Tumour Type :SoftTissueSarcoma")),
                rows("inconsistent.ttl", Level.ERROR));
    }

    @Test
    void missingLabelTwoLabelsMissingDefinitionAndUntaggedLabelAreErrors() {
        assertEquals(
                List.of(
                        row(Level.ERROR, "asps_term_definition", ":Undefined", "obo:IAO_0000115", "no definition"),
                        row(Level.ERROR, "asps_term_label", ":TwoLabels", "rdfs:label", "2 labels, 1 @en"),
                        row(Level.ERROR, "asps_term_label", ":Unlabelled", "rdfs:label", "no label"),
                        row(Level.ERROR, "asps_term_label", ":hasSite", "rdfs:label", "1 label, 0 @en"),
                        row(Level.ERROR, "missing_label", ":Unlabelled", "rdfs:label", ""),
                        row(Level.ERROR, "multiple_labels", ":TwoLabels", "rdfs:label", "two labels"),
                        row(Level.ERROR, "multiple_labels", ":TwoLabels", "rdfs:label", "zwei Etiketten")),
                rows("term-policy-breaches.ttl", Level.ERROR));
        // ROBOT itself only warns about a missing definition; the asps-kg policy makes it an error.
        assertEquals(
                List.of(row(Level.WARN, "missing_definition", ":Undefined", "obo:IAO_0000115", "")),
                rows("term-policy-breaches.ttl", Level.WARN));
    }

    @Test
    void robotReportRulesFireAtRobotsDefaultLevels() {
        QualityReport report = VALIDATOR.validate(fixture("robot-report-breaches.ttl"));
        assertEquals(
                List.of(
                        row(Level.ERROR, "asps_term_definition", ":Mass", "obo:IAO_0000115", "2 definitions"),
                        row(Level.ERROR, "asps_term_definition", ":OldMass", "obo:IAO_0000115", "no definition"),
                        row(
                                Level.ERROR,
                                "deprecated_class_reference",
                                ":OldMass",
                                "rdfs:subClassOf",
                                ":ChildOfOldMass"),
                        row(Level.ERROR, "duplicate_label", ":Neoplasm", "rdfs:label", "neoplasm"),
                        row(Level.ERROR, "duplicate_label", ":Tumour", "rdfs:label", "neoplasm"),
                        row(Level.ERROR, "label_whitespace", ":Mass", "rdfs:label", " mass"),
                        row(Level.ERROR, "missing_ontology_description", ":asps.owl", "dcterms:description", ""),
                        row(Level.ERROR, "missing_ontology_license", ":asps.owl", "dcterms:license", ""),
                        row(Level.ERROR, "missing_ontology_title", ":asps.owl", "dcterms:title", ""),
                        row(Level.ERROR, "misused_obsolete_label", ":ObsoleteTumour", "rdfs:label", "obsolete tumour"),
                        row(Level.ERROR, "multiple_definitions", ":Mass", "obo:IAO_0000115", "A lump."),
                        row(
                                Level.ERROR,
                                "multiple_definitions",
                                ":Mass",
                                "obo:IAO_0000115",
                                "A space-occupying lesion."),
                        row(Level.WARN, "duplicate_exact_synonym", ":Mass", "oboInOwl:hasExactSynonym", "mass"),
                        row(Level.WARN, "duplicate_exact_synonym", ":Tumour", "oboInOwl:hasExactSynonym", "mass"),
                        row(Level.WARN, "invalid_xref", ":Mass", "oboInOwl:hasDbXref", "not a curie"),
                        row(Level.WARN, "missing_obsolete_label", ":OldMass", "rdfs:label", "old mass"),
                        row(
                                Level.INFO,
                                "lowercase_definition",
                                ":Tumour",
                                "obo:IAO_0000115",
                                "an abnormal growth of tissue."),
                        row(Level.INFO, "missing_superclass", ":Neoplasm", "rdfs:subClassOf", "")),
                report.rows());
    }

    @Test
    void undeclaredAnnotationPropertiesAreOwl2DlViolations() {
        List<String> violations = rows("dl-violation.ttl", Level.ERROR).stream()
                .map(r -> r.rule() + " " + r.property() + " " + r.value().replaceAll(" in annotation.*", ""))
                .toList();
        assertEquals(
                List.of(
                        "owl2_dl_profile UseOfUndeclaredAnnotationProperty Use of undeclared annotation property: <http://purl.org/dc/terms/description>",
                        "owl2_dl_profile UseOfUndeclaredAnnotationProperty Use of undeclared annotation property: <http://purl.org/dc/terms/license>",
                        "owl2_dl_profile UseOfUndeclaredAnnotationProperty Use of undeclared annotation property: <http://purl.org/dc/terms/title>"),
                violations);
    }

    @Test
    void realOntologyValidatesWithNoErrorRows() {
        assumeTrue(Files.exists(OntologyLoader.DEFAULT_ONTOLOGY), "the ontology is not written yet");
        QualityReport report = VALIDATOR.validate(OntologyLoader.DEFAULT_ONTOLOGY);
        assertEquals(
                "",
                report.rows(Level.ERROR).stream()
                        .map(r -> String.join(
                                "\t",
                                r.rule(),
                                r.subject(),
                                r.property(),
                                r.value(),
                                String.join(" ; ", r.explanation())))
                        .collect(Collectors.joining("\n")));
    }
}
