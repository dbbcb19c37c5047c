package org.aspskg.ontology;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.aspskg.AspsKgException;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLAnnotationProperty;
import org.semanticweb.owlapi.model.OWLAxiom;
import org.semanticweb.owlapi.model.OWLDataFactory;
import org.semanticweb.owlapi.model.OWLNamedIndividual;
import org.semanticweb.owlapi.model.PrefixManager;
import org.semanticweb.owlapi.vocab.OWL2Datatype;

/**
 * The disease–feature associations as rows of a table ({@code ontology/tables/associations.tsv}), one
 * row per statement node with its provenance on the same line, compiled into the ontology's statement
 * nodes ({@code aspskg:DiseaseFeatureAssociation} individuals) as ROBOT templates compile theirs.
 *
 * <p>Columns (header row required, order free): {@code id} (CURIE of the node), {@code label},
 * {@code disease}, {@code feature}, {@code weight} (an {@code aspskg:EvidenceWeight}), {@code age_group},
 * {@code frequency_rank} (integer), {@code distinguishes_from}, {@code test} (the node is then also a
 * diagnostic test performance), {@code sensitivity} and {@code specificity} (decimals), {@code source},
 * {@code references} and {@code curator_note}. Several values in one cell are separated by {@code |}.
 */
public final class AssociationTable {
    /** Where the table lives, relative to the directory of the edit source. */
    public static final Path RELATIVE_PATH = Path.of("tables", "associations.tsv");

    private static final List<String> REQUIRED = List.of("id", "label", "disease", "feature", "weight", "source");
    private static final List<String> KNOWN = List.of(
            "id",
            "label",
            "disease",
            "feature",
            "weight",
            "age_group",
            "frequency_rank",
            "distinguishes_from",
            "test",
            "sensitivity",
            "specificity",
            "source",
            "references",
            "curator_note");

    private AssociationTable() {}

    /** The axioms the table states, or an error naming the file, line and column at fault. */
    public static List<OWLAxiom> compile(Path table, PrefixManager prefixes, OWLDataFactory df) {
        List<String> lines;
        try {
            lines = Files.readAllLines(table, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AspsKgException(table + ": cannot read: " + e.getMessage(), "Check the file exists.", e);
        }
        if (lines.isEmpty()) throw new AspsKgException(table + ":1: no header row", "Start with the column names.");
        List<String> header = Arrays.asList(lines.get(0).split("\t", -1));
        for (String column : header) {
            if (!KNOWN.contains(column)) {
                throw new AspsKgException(
                        table + ":1: unknown column '" + column + "'", "Known columns: " + String.join(", ", KNOWN));
            }
        }
        for (String column : REQUIRED) {
            if (!header.contains(column)) {
                throw new AspsKgException(table + ":1: missing column '" + column + "'", "Add it to the header row.");
            }
        }
        List<OWLAxiom> axioms = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) continue;
            String[] cells = lines.get(i).split("\t", -1);
            if (cells.length != header.size()) {
                throw new AspsKgException(
                        table + ":" + (i + 1) + ": " + cells.length + " cells, the header has " + header.size(),
                        "Separate the cells with one tab each; leave a cell empty rather than out.");
            }
            new Row(table, i + 1, header, cells, prefixes, df).addTo(axioms);
        }
        return axioms;
    }

    /** One line of the table, turned into the axioms of its statement node. */
    private record Row(
            Path table, int line, List<String> header, String[] cells, PrefixManager prefixes, OWLDataFactory df) {
        String cell(String column) {
            int i = header.indexOf(column);
            return i < 0 ? "" : cells[i].trim();
        }

        IRI iri(String column, String curie) {
            if (curie.startsWith("<") && curie.endsWith(">")) return IRI.create(curie.substring(1, curie.length() - 1));
            int colon = curie.indexOf(':');
            if (colon < 0 || !prefixes.containsPrefixMapping(curie.substring(0, colon + 1))) {
                throw new AspsKgException(
                        table + ":" + line + ": column " + column + ": '" + curie
                                + "' is not a CURIE with a known prefix",
                        "Use one of the edit source's prefixes, e.g. aspskg:Thigh.");
            }
            return prefixes.getIRI(curie);
        }

        void required(String column) {
            if (cell(column).isEmpty()) {
                throw new AspsKgException(table + ":" + line + ": column " + column + " is empty", "Fill it in.");
            }
        }

        void addTo(List<OWLAxiom> axioms) {
            REQUIRED.forEach(this::required);
            OWLNamedIndividual node = df.getOWLNamedIndividual(iri("id", cell("id")));
            axioms.add(df.getOWLDeclarationAxiom(node));
            axioms.add(df.getOWLClassAssertionAxiom(
                    df.getOWLClass(IRI.create(AspsVocabulary.iri("DiseaseFeatureAssociation"))), node));
            axioms.add(df.getOWLAnnotationAssertionAxiom(
                    df.getRDFSLabel(), node.getIRI(), df.getOWLLiteral(cell("label"), "en")));
            link(axioms, node, "aboutDisease", "disease");
            link(axioms, node, "aboutFeature", "feature");
            link(axioms, node, "evidenceWeight", "weight");
            link(axioms, node, "inAgeGroup", "age_group");
            link(axioms, node, "distinguishesFrom", "distinguishes_from");
            link(axioms, node, "evaluatesTest", "test");
            link(axioms, df.getOWLAnnotationProperty(IRI.create("http://purl.org/dc/terms/source")), node, "source");
            link(axioms, node, "citesReference", "references");
            if (!cell("test").isEmpty()) {
                axioms.add(df.getOWLClassAssertionAxiom(
                        df.getOWLClass(IRI.create(AspsVocabulary.iri("DiagnosticTestPerformance"))), node));
            }
            number(axioms, node, "frequencyRank", "frequency_rank", OWL2Datatype.XSD_INTEGER);
            number(axioms, node, "sensitivity", "sensitivity", OWL2Datatype.XSD_DECIMAL);
            number(axioms, node, "specificity", "specificity", OWL2Datatype.XSD_DECIMAL);
            if (!cell("curator_note").isEmpty()) {
                axioms.add(df.getOWLAnnotationAssertionAxiom(
                        df.getOWLAnnotationProperty(IRI.create(AspsVocabulary.iri("curatorNote"))),
                        node.getIRI(),
                        df.getOWLLiteral(cell("curator_note"), "en")));
            }
        }

        private void link(List<OWLAxiom> axioms, OWLNamedIndividual node, String property, String column) {
            link(axioms, df.getOWLAnnotationProperty(IRI.create(AspsVocabulary.iri(property))), node, column);
        }

        private void link(
                List<OWLAxiom> axioms, OWLAnnotationProperty property, OWLNamedIndividual node, String column) {
            if (cell(column).isEmpty()) return;
            for (String value : cell(column).split("\\|")) {
                axioms.add(df.getOWLAnnotationAssertionAxiom(property, node.getIRI(), iri(column, value.trim())));
            }
        }

        private void number(
                List<OWLAxiom> axioms, OWLNamedIndividual node, String property, String column, OWL2Datatype type) {
            String value = cell(column);
            if (value.isEmpty()) return;
            boolean valid =
                    type == OWL2Datatype.XSD_INTEGER ? value.matches("[0-9]+") : value.matches("[0-9]+(\\.[0-9]+)?");
            if (!valid) {
                throw new AspsKgException(
                        table + ":" + line + ": column " + column + ": '" + value + "' is not "
                                + (type == OWL2Datatype.XSD_INTEGER ? "a whole number" : "a decimal number"),
                        "Write digits only, e.g. 1 or 0.92.");
            }
            axioms.add(df.getOWLDataPropertyAssertionAxiom(
                    df.getOWLDataProperty(IRI.create(AspsVocabulary.iri(property))),
                    node,
                    df.getOWLLiteral(value, type)));
        }
    }

    /** The columns a table may have, in the order the project's table uses. */
    public static List<String> columns() {
        return KNOWN;
    }
}
