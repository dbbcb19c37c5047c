package org.aspskg.ontology;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLAxiom;
import org.semanticweb.owlapi.model.OWLDataFactory;
import org.semanticweb.owlapi.model.OWLLiteral;
import org.semanticweb.owlapi.model.OWLNamedIndividual;
import org.semanticweb.owlapi.model.PrefixManager;
import org.semanticweb.owlapi.vocab.OWL2Datatype;

/**
 * The published works the facts rest on, one row each ({@code ontology/tables/sources.tsv}): compiled
 * into {@code aspskg:SourceArticle} individuals with their title, authors, year, journal, DOI, PMID and
 * URL, which every statement node and axiom annotation cites with {@code dcterms:source}.
 */
public final class SourceTable {
    /** Where the table lives, relative to the directory of the edit source. */
    public static final Path RELATIVE_PATH = Path.of("tables", "sources.tsv");

    private static final IRI DCTERMS = IRI.create("http://purl.org/dc/terms/");
    private static final List<String> KNOWN =
            List.of("id", "title", "authors", "year", "journal", "doi", "pmid", "url", "kind");
    private static final List<String> REQUIRED = List.of("id", "title", "url");

    private SourceTable() {}

    static List<OWLAxiom> compile(Path table, PrefixManager prefixes, OWLDataFactory df) {
        List<OWLAxiom> axioms = new ArrayList<>();
        for (KnowledgeTable.Row row :
                KnowledgeTable.read(table, KNOWN, REQUIRED, prefixes).rows()) {
            OWLNamedIndividual source = df.getOWLNamedIndividual(row.iri("id"));
            axioms.add(df.getOWLDeclarationAxiom(source));
            axioms.add(df.getOWLClassAssertionAxiom(df.getOWLClass(AssociationTable.aspskg("SourceArticle")), source));
            String first = row.values("authors").isEmpty()
                    ? ""
                    : row.cell("authors").split(",")[0].trim();
            String label = row.cell("title")
                    + (first.isEmpty() && !row.has("year") ? "" : " (" + (first + " " + row.cell("year")).trim() + ")");
            annotate(axioms, df, source, df.getRDFSLabel().getIRI(), df.getOWLLiteral(label, "en"));
            annotate(axioms, df, source, dcterms("title"), df.getOWLLiteral(row.cell("title"), "en"));
            if (row.has("authors"))
                annotate(axioms, df, source, dcterms("creator"), df.getOWLLiteral(row.cell("authors")));
            if (row.has("year")) {
                if (!row.cell("year").matches("\\d{4}"))
                    throw row.error("year", "'" + row.cell("year") + "' is not a year", "Write four digits.");
                annotate(
                        axioms,
                        df,
                        source,
                        dcterms("date"),
                        df.getOWLLiteral(row.cell("year"), OWL2Datatype.XSD_INTEGER));
            }
            if (row.has("journal"))
                annotate(axioms, df, source, dcterms("publisher"), df.getOWLLiteral(row.cell("journal")));
            if (row.has("doi"))
                annotate(axioms, df, source, dcterms("identifier"), df.getOWLLiteral("doi:" + row.cell("doi")));
            if (row.has("pmid")) {
                if (!row.cell("pmid").matches("\\d+"))
                    throw row.error("pmid", "'" + row.cell("pmid") + "' is not a PubMed id", "Write the digits only.");
                annotate(axioms, df, source, dcterms("identifier"), df.getOWLLiteral("pmid:" + row.cell("pmid")));
            }
            axioms.add(df.getOWLAnnotationAssertionAxiom(
                    df.getRDFSSeeAlso(), source.getIRI(), IRI.create(row.cell("url"))));
            if (row.has("kind")) {
                annotate(axioms, df, source, AssociationTable.aspskg("sourceKind"), df.getOWLLiteral(row.cell("kind")));
            }
        }
        return axioms;
    }

    private static IRI dcterms(String name) {
        return IRI.create(DCTERMS + name);
    }

    private static void annotate(
            List<OWLAxiom> axioms, OWLDataFactory df, OWLNamedIndividual subject, IRI property, OWLLiteral value) {
        axioms.add(df.getOWLAnnotationAssertionAxiom(df.getOWLAnnotationProperty(property), subject.getIRI(), value));
    }
}
