package org.aspskg.ontology.qc;

import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.shared.PrefixMapping;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.ontology.OntologyLoader;
import org.semanticweb.owlapi.model.OWLOntology;

/**
 * An ontology as the checks see it: its RDF graph (for ROBOT's RDF-level rules) and its OWL API
 * form (for the DL profile and the reasoner), with ROBOT-like rendering of terms as CURIEs.
 */
public final class CheckedOntology {
    /** Predicates that do not make a term "described" in ROBOT's missing_label/definition sense. */
    private static final Set<String> STRUCTURAL_ONLY = Set.of(
            RDF.type.getURI(),
            OWL2.equivalentClass.getURI(),
            OWL2.disjointWith.getURI(),
            OWL2.equivalentProperty.getURI(),
            OWL2.sameAs.getURI(),
            OWL2.differentFrom.getURI(),
            OWL2.inverseOf.getURI());

    private final String name;
    private final Model rdf;
    private final OWLOntology owl;
    private final PrefixMapping prefixes;

    public CheckedOntology(String name, Model rdf, OWLOntology owl) {
        this.name = name;
        this.rdf = rdf;
        this.owl = owl;
        this.prefixes = PrefixMapping.Factory.create()
                .setNsPrefixes(PrefixMapping.Standard)
                .setNsPrefix("obo", AspsVocabulary.OBO)
                .setNsPrefix("oboInOwl", AspsVocabulary.OBO_IN_OWL)
                .setNsPrefix("dcterms", DCTerms.NS)
                .setNsPrefix(AspsVocabulary.PREFIX, AspsVocabulary.NS)
                .setNsPrefixes(rdf.getNsPrefixMap())
                .lock();
    }

    /** Reads a file: RDF syntax errors fail with file:line:col (see {@link OntologyLoader}). */
    public static CheckedOntology read(Path file) {
        Model rdf = OntologyLoader.readRdf(file);
        OWLOntology owl = OntologyLoader.load(file);
        return new CheckedOntology(file.toString(), rdf, owl);
    }

    public String name() {
        return name;
    }

    public Model rdf() {
        return rdf;
    }

    public OWLOntology owl() {
        return owl;
    }

    /** A CURIE when a prefix matches, else the IRI; "blank node" for blank nodes, as ROBOT prints. */
    public String show(RDFNode node) {
        if (node == null) return "";
        if (node.isAnon()) return "blank node";
        if (node.isLiteral()) return node.asLiteral().getLexicalForm();
        return showIri(node.asResource().getURI());
    }

    /** A CURIE for an IRI when a prefix matches, else the IRI itself. */
    public String showIri(String iri) {
        String curie = prefixes.qnameFor(iri);
        return curie != null ? curie : iri;
    }

    /** Named (IRI) subjects of the graph, in IRI order. */
    public Set<Resource> namedSubjects() {
        Set<Resource> subjects = new TreeSet<>((a, b) -> a.getURI().compareTo(b.getURI()));
        rdf.listSubjects().filterKeep(Resource::isURIResource).forEachRemaining(subjects::add);
        return subjects;
    }

    /** owl:deprecated true. */
    public boolean isDeprecated(Resource r) {
        return r.listProperties(OWL2.deprecated).toList().stream()
                .map(Statement::getObject)
                .anyMatch(o ->
                        o.isLiteral() && "true".equalsIgnoreCase(o.asLiteral().getLexicalForm()));
    }

    public boolean hasType(Resource r, Resource type) {
        return r.hasProperty(RDF.type, type);
    }

    /** Has some statement beyond typing and pure equivalence/disjointness (ROBOT's notion of a described term). */
    public boolean isDescribed(Resource r) {
        return r.listProperties().toList().stream()
                .anyMatch(s -> !STRUCTURAL_ONLY.contains(s.getPredicate().getURI()));
    }

    /** A subset property (sub-property of oboInOwl:SubsetProperty), which needs neither label nor definition. */
    public boolean isSubsetProperty(Resource r) {
        return r.hasProperty(RDFS.subPropertyOf, AspsVocabulary.SUBSET_PROPERTY);
    }

    /** The literal's lexical form, or the IRI of a resource (SPARQL's str()). */
    static String str(RDFNode node) {
        if (node.isLiteral()) return ((Literal) node).getLexicalForm();
        if (node.isURIResource()) return node.asResource().getURI();
        return "";
    }
}
