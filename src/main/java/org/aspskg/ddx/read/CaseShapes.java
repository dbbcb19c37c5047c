package org.aspskg.ddx.read;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.compose.Union;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.shacl.ShaclValidator;
import org.apache.jena.shacl.Shapes;
import org.apache.jena.shacl.ValidationReport;
import org.apache.jena.shacl.validation.ReportEntry;
import org.apache.jena.sparql.graph.GraphFactory;
import org.apache.jena.sparql.path.P_Link;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.aspskg.ddx.classify.CaseTBox;
import org.aspskg.ontology.BundledOntology;
import org.aspskg.ontology.OntologyLoader;
import org.semanticweb.owlapi.model.OWLClass;

/**
 * The SHACL shapes a case must meet before it is reasoned over ({@code ontology/shapes/case-shapes.ttl}),
 * validated with jena-shacl. The data graph is the case together with the ontology's class
 * hierarchy as HermiT classified it (and the labels), so {@code sh:class aspskg:Finding} accepts
 * a finding whose superclass is only inferred.
 */
public final class CaseShapes {
    private final Shapes shapes;
    private final Graph hierarchy;

    private final Graph shapesGraph;

    /**
     * One SHACL result: the node it is about, the path (and its predicate when the path is one
     * predicate), the offending value, the message, and the shape and constraint component that
     * gave it ({@code sh:sourceShape}, {@code sh:sourceConstraintComponent}).
     */
    public record Violation(
            Node focus, String path, Node predicate, Node value, String message, Node shape, Node component) {}

    private CaseShapes(Graph shapesGraph, Graph hierarchy) {
        this.shapesGraph = shapesGraph;
        this.shapes = Shapes.parse(shapesGraph);
        this.hierarchy = hierarchy;
    }

    /** Loads the shapes file (syntax errors reported with file:line:col) and builds the hierarchy graph. */
    public static CaseShapes load(Path shapesFile, CaseTBox tbox, Model ontology) {
        Model shapesModel = OntologyLoader.readRdf(shapesFile);
        Graph h = GraphFactory.createDefaultGraph();
        for (OWLClass c : tbox.stateableClasses()) {
            Node n = NodeFactory.createURI(c.getIRI().toString());
            h.add(n, RDF.type.asNode(), OWL2.Class.asNode());
            for (OWLClass sup : tbox.superClasses(c)) {
                if (!sup.equals(c))
                    h.add(
                            n,
                            RDFS.subClassOf.asNode(),
                            NodeFactory.createURI(sup.getIRI().toString()));
            }
        }
        ontology.getGraph().find(Node.ANY, RDFS.label.asNode(), Node.ANY).forEachRemaining(h::add);
        return new CaseShapes(shapesModel.getGraph(), h);
    }

    /**
     * Whether these are the case shapes of the build ({@code shapes/case-shapes.ttl} of the bundled
     * ontology, the file the agreement tests of the compiled checks run on), as graphs: comments and
     * layout aside. False when there is no bundle.
     */
    public boolean bundled() {
        try (InputStream in = BundledOntology.open("shapes/case-shapes.ttl")) {
            if (in == null) return false;
            Graph bundled = GraphFactory.createDefaultGraph();
            RDFParser.source(in).lang(Lang.TURTLE).parse(bundled);
            return bundled.isIsomorphicWith(shapesGraph);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The shapes as the file states them (what {@link CompiledCaseShapes} compiles). */
    public Graph shapesGraph() {
        return shapesGraph;
    }

    /**
     * The class hierarchy the shapes see beside a case: each stateable class with {@code rdfs:subClassOf}
     * to each of its named superclasses (itself included), and the ontology's labels.
     */
    public Graph hierarchy() {
        return hierarchy;
    }

    /** Validates one or more cases in a graph; an empty list when they conform. */
    public List<Violation> validate(Graph cases) {
        ValidationReport report = ShaclValidator.get().validate(shapes, new Union(cases, hierarchy));
        List<Violation> out = new ArrayList<>();
        for (ReportEntry e : report.getEntries()) {
            Node predicate = e.resultPath() instanceof P_Link link ? link.getNode() : null;
            out.add(new Violation(
                    e.focusNode(),
                    e.resultPath() == null ? null : e.resultPath().toString(),
                    predicate,
                    e.value(),
                    e.message(),
                    e.source(),
                    e.sourceConstraintComponent()));
        }
        return out;
    }
}
