package org.aspskg.serve.web;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.system.Txn;
import org.apache.jena.vocabulary.OWL2;
import org.aspskg.AspsKgException;
import org.aspskg.ontology.AspsVocabulary;
import org.semanticweb.owlapi.apibinding.OWLManager;
import org.semanticweb.owlapi.io.StreamDocumentSource;
import org.semanticweb.owlapi.manchestersyntax.renderer.ManchesterOWLSyntaxObjectRenderer;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.OWLClass;
import org.semanticweb.owlapi.model.OWLClassExpression;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyCreationException;
import org.semanticweb.owlapi.model.OWLOntologyManager;
import org.semanticweb.owlapi.util.AnnotationValueShortFormProvider;
import org.semanticweb.owlapi.util.ShortFormProvider;
import org.semanticweb.owlapi.vocab.OWLRDFVocabulary;

/**
 * A class's logical definition as an editor reads it: its equivalent classes and the anonymous
 * superclasses (restrictions) of the asserted graph, in Manchester syntax by the OWL API's
 * renderer, classes named by their labels. The asserted graph is read into the OWL API once, on first use,
 * without its imports (never fetched).
 */
final class ManchesterAxioms {
    /** The rendered expressions: equivalent classes, then restrictions it is a subclass of. */
    record Definition(List<String> equivalents, List<String> superclasses) {
        boolean isEmpty() {
            return equivalents.isEmpty() && superclasses.isEmpty();
        }
    }

    private final DatasetGraph dataset;
    private final StoreVersion version;
    private OWLOntology ontology;
    private long readAt;
    private ShortFormProvider names;

    ManchesterAxioms(DatasetGraph dataset, StoreVersion version) {
        this.dataset = dataset;
        this.version = version;
    }

    private synchronized OWLOntology ontology() {
        long now = version.current();
        if (ontology == null || readAt != now) {
            readAt = now;
            Graph asserted = GraphFactory.createDefaultGraph();
            Node imports = OWL2.imports.asNode();
            Txn.executeRead(
                    dataset,
                    () -> dataset.getGraph(NodeFactory.createURI(AspsVocabulary.GRAPH_ASSERTED))
                            .find()
                            .filterDrop(t -> t.getPredicate().equals(imports))
                            .forEach(asserted::add));
            ByteArrayOutputStream nt = new ByteArrayOutputStream();
            RDFDataMgr.write(nt, asserted, Lang.NTRIPLES);
            OWLOntologyManager manager = OWLManager.createOWLOntologyManager();
            try {
                ontology = manager.loadOntologyFromOntologyDocument(new StreamDocumentSource(
                        new ByteArrayInputStream(nt.toByteArray()),
                        IRI.create(AspsVocabulary.GRAPH_ASSERTED),
                        new org.semanticweb.owlapi.formats.NTriplesDocumentFormat(),
                        null));
            } catch (OWLOntologyCreationException e) {
                throw new AspsKgException(
                        "cannot read the store's asserted graph as OWL: " + e.getMessage(),
                        "Rebuild the store with asps-kg build.",
                        e);
            }
            names = new AnnotationValueShortFormProvider(
                    List.of(manager.getOWLDataFactory().getOWLAnnotationProperty(OWLRDFVocabulary.RDFS_LABEL.getIRI())),
                    Map.of(),
                    manager);
        }
        return ontology;
    }

    /** The definition of the class {@code iri}; empty for a term that is not a class or has none. */
    synchronized Definition of(String iri) {
        OWLOntology o = ontology();
        OWLClass c = o.getOWLOntologyManager().getOWLDataFactory().getOWLClass(IRI.create(iri));
        List<String> equivalents = new ArrayList<>();
        o.equivalentClassesAxioms(c)
                .forEach(ax -> ax.getClassExpressionsMinus(c).forEach(e -> equivalents.add(render(e))));
        List<String> supers = new ArrayList<>();
        o.subClassAxiomsForSubClass(c)
                .filter(ax -> ax.getSuperClass().isAnonymous())
                .forEach(ax -> supers.add(render(ax.getSuperClass())));
        equivalents.sort(null);
        supers.sort(null);
        return new Definition(equivalents, supers);
    }

    private String render(OWLClassExpression e) {
        StringWriter w = new StringWriter();
        e.accept(new ManchesterOWLSyntaxObjectRenderer(w, names));
        return w.toString();
    }
}
