package org.aspskg.ontology;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLAxiom;
import org.semanticweb.owlapi.model.OWLDataFactory;
import org.semanticweb.owlapi.model.OWLNamedIndividual;
import org.semanticweb.owlapi.model.PrefixManager;
import org.semanticweb.owlapi.vocab.OWL2Datatype;

/**
 * The one place where the words sources use for how often ("very frequent", "rare", "characteristic")
 * become proportions: {@code ontology/tables/frequency-words.tsv}, each word with its proportion, the HPO
 * frequency class it corresponds to and the source of that class's range. Compiled into
 * {@code aspskg:FrequencyQualifier} individuals that the association rows using a word point to.
 */
public final class FrequencyWords {
    /** Where the table lives, relative to the directory of the edit source. */
    public static final Path RELATIVE_PATH = Path.of("tables", "frequency-words.tsv");

    private static final List<String> KNOWN = List.of("word", "frequency", "hpo_class", "source", "note");
    private static final List<String> REQUIRED = List.of("word", "frequency", "source");

    /** One word and the proportion it stands for. */
    public record Word(String word, BigDecimal frequency, IRI iri) {}

    private FrequencyWords() {}

    /** The IRI of a word's qualifier individual, e.g. {@code aspskg:frequency/not-reported}. */
    public static String iri(String word) {
        return AspsVocabulary.FREQUENCY_NS + slug(word.toLowerCase(Locale.ROOT));
    }

    /** The words of the table, by their lower-case spelling. */
    static Map<String, Word> read(Path table, PrefixManager prefixes) {
        Map<String, Word> words = new LinkedHashMap<>();
        for (KnowledgeTable.Row row :
                KnowledgeTable.read(table, KNOWN, REQUIRED, prefixes).rows()) {
            String word = row.cell("word").toLowerCase(Locale.ROOT);
            BigDecimal value;
            try {
                value = new BigDecimal(row.cell("frequency"));
            } catch (NumberFormatException e) {
                throw row.error(
                        "frequency",
                        "'" + row.cell("frequency") + "' is not a number",
                        "Write a proportion, e.g. 0.55.");
            }
            if (value.signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
                throw row.error(
                        "frequency", value + " is not a proportion from 0 to 1", "Write a proportion, e.g. 0.55.");
            }
            if (words.containsKey(word))
                throw row.error("word", "'" + word + "' is listed twice", "Keep one row per word.");
            words.put(word, new Word(word, value, IRI.create(AspsVocabulary.FREQUENCY_NS + slug(word))));
        }
        return words;
    }

    /** The qualifier individuals: label, proportion, HPO class and source. */
    static List<OWLAxiom> compile(Path table, PrefixManager prefixes, OWLDataFactory df) {
        Map<String, KnowledgeTable.Row> rows = new LinkedHashMap<>();
        for (KnowledgeTable.Row row :
                KnowledgeTable.read(table, KNOWN, REQUIRED, prefixes).rows()) {
            rows.put(row.cell("word").toLowerCase(Locale.ROOT), row);
        }
        Map<String, Word> words = read(table, prefixes);
        List<OWLAxiom> axioms = new ArrayList<>();
        words.forEach((spelling, word) -> {
            KnowledgeTable.Row row = rows.get(spelling);
            OWLNamedIndividual node = df.getOWLNamedIndividual(word.iri());
            axioms.add(df.getOWLDeclarationAxiom(node));
            axioms.add(
                    df.getOWLClassAssertionAxiom(df.getOWLClass(AssociationTable.aspskg("FrequencyQualifier")), node));
            axioms.add(df.getOWLAnnotationAssertionAxiom(
                    df.getRDFSLabel(), node.getIRI(), df.getOWLLiteral("frequency word: " + spelling, "en")));
            axioms.add(df.getOWLDataPropertyAssertionAxiom(
                    df.getOWLDataProperty(AssociationTable.aspskg("frequency")),
                    node,
                    df.getOWLLiteral(word.frequency().toPlainString(), OWL2Datatype.XSD_DECIMAL)));
            if (row.has("hpo_class")) {
                axioms.add(df.getOWLAnnotationAssertionAxiom(df.getRDFSSeeAlso(), node.getIRI(), row.iri("hpo_class")));
            }
            axioms.add(df.getOWLAnnotationAssertionAxiom(
                    df.getOWLAnnotationProperty(IRI.create("http://purl.org/dc/terms/source")),
                    node.getIRI(),
                    source(row)));
            if (row.has("note")) {
                axioms.add(df.getOWLAnnotationAssertionAxiom(
                        df.getRDFSComment(), node.getIRI(), df.getOWLLiteral(row.cell("note"), "en")));
            }
        });
        return axioms;
    }

    private static IRI source(KnowledgeTable.Row row) {
        String cell = row.cell("source");
        return cell.startsWith("http://") || cell.startsWith("https://") ? IRI.create(cell) : row.iri("source");
    }

    private static String slug(String word) {
        return word.trim()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("(^-|-$)", "");
    }
}
