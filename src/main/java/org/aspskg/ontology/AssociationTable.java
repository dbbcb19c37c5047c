package org.aspskg.ontology;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLAnnotationProperty;
import org.semanticweb.owlapi.model.OWLAxiom;
import org.semanticweb.owlapi.model.OWLDataFactory;
import org.semanticweb.owlapi.model.OWLLiteral;
import org.semanticweb.owlapi.model.OWLNamedIndividual;
import org.semanticweb.owlapi.model.PrefixManager;
import org.semanticweb.owlapi.vocab.OWL2Datatype;

/**
 * The disease–feature associations as rows of a table ({@code ontology/tables/associations.tsv}), one
 * row per statement node with its provenance on the same line, compiled into the ontology's statement
 * nodes ({@code aspskg:DiseaseFeatureAssociation} individuals) as ROBOT templates compile theirs. The
 * columns are described in {@code ontology/tables/README.md}.
 *
 * <p>How often the disease shows the feature is the {@code frequency} cell: a proportion ({@code 0.43}), a
 * count ({@code 6/31}) or a word of {@link FrequencyWords}; each becomes {@code aspskg:frequency}, with the
 * count or the word kept beside it. Every row has one (the evidence weights of the first version are
 * retired).
 */
public final class AssociationTable {
    /** Where the table lives, relative to the directory of the edit source. */
    public static final Path RELATIVE_PATH = Path.of("tables", "associations.tsv");

    private static final List<String> REQUIRED = List.of("id", "label", "disease", "feature", "frequency", "source");
    private static final List<String> KNOWN = List.of(
            "id",
            "label",
            "disease",
            "feature",
            "subtype",
            "frequency",
            "words",
            "age_group",
            "distinguishes_from",
            "test",
            "sensitivity",
            "specificity",
            "source",
            "references",
            "locator",
            "curator_note");
    private static final Pattern COUNT = Pattern.compile("(\\d+)\\s*/\\s*(\\d+)");
    private static final Pattern PROPORTION = Pattern.compile("0(\\.\\d+)?|1(\\.0+)?|\\.\\d+");

    private AssociationTable() {}

    /** The axioms the table states, or an error naming the file, line and column at fault. */
    public static List<OWLAxiom> compile(Path table, PrefixManager prefixes, OWLDataFactory df) {
        return compile(table, prefixes, df, Map.of());
    }

    /** As {@link #compile(Path, PrefixManager, OWLDataFactory)}, with the frequency words a cell may use. */
    static List<OWLAxiom> compile(
            Path table, PrefixManager prefixes, OWLDataFactory df, Map<String, FrequencyWords.Word> words) {
        KnowledgeTable rows = KnowledgeTable.read(table, KNOWN, REQUIRED, prefixes);
        List<OWLAxiom> axioms = new ArrayList<>();
        for (KnowledgeTable.Row row : rows.rows()) {
            if (!row.has("frequency")) {
                throw row.error(
                        "frequency",
                        "is empty",
                        "Give how often the disease shows the feature: 0.43, 6/31 or a word of frequency-words.tsv.");
            }
            new Compiler(row, df, words).addTo(axioms);
        }
        return axioms;
    }

    private record Compiler(KnowledgeTable.Row row, OWLDataFactory df, Map<String, FrequencyWords.Word> words) {
        void addTo(List<OWLAxiom> axioms) {
            OWLNamedIndividual node = df.getOWLNamedIndividual(row.iri("id"));
            axioms.add(df.getOWLDeclarationAxiom(node));
            axioms.add(df.getOWLClassAssertionAxiom(df.getOWLClass(aspskg("DiseaseFeatureAssociation")), node));
            axioms.add(df.getOWLAnnotationAssertionAxiom(
                    df.getRDFSLabel(), node.getIRI(), df.getOWLLiteral(row.cell("label"), "en")));
            link(axioms, node, "aboutDisease", "disease");
            link(axioms, node, "aboutFeature", "feature");
            link(axioms, node, "inAgeGroup", "age_group");
            link(axioms, node, "aboutSubtype", "subtype");
            link(axioms, node, "distinguishesFrom", "distinguishes_from");
            link(axioms, node, "evaluatesTest", "test");
            link(axioms, df.getOWLAnnotationProperty(IRI.create("http://purl.org/dc/terms/source")), node, "source");
            link(axioms, node, "citesReference", "references");
            if (row.has("test")) {
                axioms.add(df.getOWLClassAssertionAxiom(df.getOWLClass(aspskg("DiagnosticTestPerformance")), node));
            }
            number(axioms, node, "sensitivity", "sensitivity", OWL2Datatype.XSD_DECIMAL);
            number(axioms, node, "specificity", "specificity", OWL2Datatype.XSD_DECIMAL);
            frequency(axioms, node);
            text(axioms, node, "sourceWords", "words");
            text(axioms, node, "locator", "locator");
            text(axioms, node, "curatorNote", "curator_note");
        }

        private void frequency(List<OWLAxiom> axioms, OWLNamedIndividual node) {
            if (!row.has("frequency")) return;
            String cell = row.cell("frequency");
            BigDecimal value;
            Matcher count = COUNT.matcher(cell);
            if (count.matches()) {
                long n = Long.parseLong(count.group(1));
                long of = Long.parseLong(count.group(2));
                if (of == 0 || n > of) {
                    throw row.error(
                            "frequency",
                            "'" + cell + "' is not a count of cases out of a larger number",
                            "Write n/N with n ≤ N and N > 0.");
                }
                data(axioms, node, "frequencyNumerator", df.getOWLLiteral(Long.toString(n), OWL2Datatype.XSD_INTEGER));
                data(
                        axioms,
                        node,
                        "frequencyDenominator",
                        df.getOWLLiteral(Long.toString(of), OWL2Datatype.XSD_INTEGER));
                value = BigDecimal.valueOf(n).divide(BigDecimal.valueOf(of), 4, RoundingMode.HALF_UP);
            } else if (PROPORTION.matcher(cell).matches()) {
                value = new BigDecimal(cell);
            } else {
                FrequencyWords.Word word = words.get(cell.toLowerCase(Locale.ROOT));
                if (LikelihoodRatioDerivation.NOT_REPORTED.equals(cell.toLowerCase(Locale.ROOT))) {
                    throw row.error(
                            "frequency",
                            "'" + cell + "' is the assumption for features no source reports, not a frequency",
                            "Leave the row out: a diagnosis without a row for a feature gets the not-reported frequency.");
                }
                if (word == null) {
                    throw row.error(
                            "frequency",
                            "'" + cell + "' is neither a proportion, a count nor a word of " + "frequency-words.tsv",
                            "Write 0.43, 6/31, or add the word to tables/frequency-words.tsv with the proportion it stands for.");
                }
                axioms.add(df.getOWLAnnotationAssertionAxiom(
                        df.getOWLAnnotationProperty(aspskg("frequencyWord")), node.getIRI(), word.iri()));
                value = word.frequency();
            }
            data(
                    axioms,
                    node,
                    "frequency",
                    df.getOWLLiteral(value.stripTrailingZeros().toPlainString(), OWL2Datatype.XSD_DECIMAL));
        }

        private void data(List<OWLAxiom> axioms, OWLNamedIndividual node, String property, OWLLiteral value) {
            axioms.add(df.getOWLDataPropertyAssertionAxiom(df.getOWLDataProperty(aspskg(property)), node, value));
        }

        private void text(List<OWLAxiom> axioms, OWLNamedIndividual node, String property, String column) {
            if (!row.has(column)) return;
            axioms.add(df.getOWLAnnotationAssertionAxiom(
                    df.getOWLAnnotationProperty(aspskg(property)),
                    node.getIRI(),
                    df.getOWLLiteral(row.cell(column), "en")));
        }

        private void link(List<OWLAxiom> axioms, OWLNamedIndividual node, String property, String column) {
            link(axioms, df.getOWLAnnotationProperty(aspskg(property)), node, column);
        }

        private void link(
                List<OWLAxiom> axioms, OWLAnnotationProperty property, OWLNamedIndividual node, String column) {
            for (String value : row.values(column)) {
                axioms.add(df.getOWLAnnotationAssertionAxiom(property, node.getIRI(), row.iri(column, value)));
            }
        }

        private void number(
                List<OWLAxiom> axioms, OWLNamedIndividual node, String property, String column, OWL2Datatype type) {
            if (!row.has(column)) return;
            String value = row.cell(column);
            boolean valid =
                    type == OWL2Datatype.XSD_INTEGER ? value.matches("[0-9]+") : value.matches("[0-9]+(\\.[0-9]+)?");
            if (!valid) {
                throw row.error(
                        column,
                        "'" + value + "' is not "
                                + (type == OWL2Datatype.XSD_INTEGER ? "a whole number" : "a decimal number"),
                        "Write digits only, e.g. 1 or 0.92.");
            }
            data(axioms, node, property, df.getOWLLiteral(value, type));
        }
    }

    static IRI aspskg(String localName) {
        return IRI.create(AspsVocabulary.iri(localName));
    }
}
