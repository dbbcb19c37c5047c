package org.aspskg.export;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.util.ResourceUtils;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.aspskg.AspsKgException;
import org.aspskg.mapping.MappingGraph;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.ontology.OntologyLoader;
import org.aspskg.reason.InferenceMaterializer;

/**
 * What a release is made of: the asserted ontology, the mapping set's graph (checked: a set with
 * ERROR rows stops the release) and, when an artefact needs them, HermiT's inferences, computed
 * once. Gives each {@link Artefact} as one graph, or as the store's named graphs for quad formats.
 */
public final class ReleaseSources {
    private static final List<Resource> DECLARATION_TYPES = List.of(
            OWL.Class,
            OWL.ObjectProperty,
            OWL.DatatypeProperty,
            OWL.AnnotationProperty,
            OWL2.NamedIndividual,
            RDFS.Datatype);

    private final Path ontologyFile;
    private final Model asserted;
    private final Model mappings;
    private final Optional<Path> mappingSet;
    private final String ontologyIri;
    private final String versionIri;
    private Model inferred;

    private ReleaseSources(Path ontologyFile, Model asserted, Model mappings, Optional<Path> mappingSet) {
        this.ontologyFile = ontologyFile;
        this.asserted = asserted;
        this.mappings = mappings;
        this.mappingSet = mappingSet;
        List<Resource> headers = asserted.listSubjectsWithProperty(RDF.type, OWL.Ontology)
                .filterKeep(Resource::isURIResource)
                .toList();
        if (headers.size() != 1) {
            throw new AspsKgException(
                    ontologyFile + ": " + headers.size() + " owl:Ontology headers with an IRI, expected one",
                    "Give the ontology one header: <…/asps.owl> a owl:Ontology ; owl:versionIRI <…> .");
        }
        this.ontologyIri = headers.get(0).getURI();
        Statement version = headers.get(0).getProperty(OWL2.versionIRI);
        if (version == null || !version.getObject().isURIResource()) {
            throw new AspsKgException(
                    ontologyFile + ": the ontology header has no owl:versionIRI",
                    "Release artefacts carry the version: add owl:versionIRI <https://w3id.org/asps-kg/releases/YYYY-MM-DD/asps.owl>.");
        }
        this.versionIri = version.getObject().asResource().getURI();
    }

    /**
     * The release as a store holds it: its asserted, mappings and inferred named graphs (copied, so
     * the artefacts are made outside the store's transaction). What {@code asps-kg serve} offers for
     * download; {@code where} names the store in messages.
     */
    public static ReleaseSources fromStore(org.apache.jena.sparql.core.DatasetGraph dataset, Path where) {
        Model asserted = ModelFactory.createDefaultModel();
        Model mappings = ModelFactory.createDefaultModel();
        Model inferred = ModelFactory.createDefaultModel();
        org.apache.jena.system.Txn.executeRead(dataset, () -> {
            dataset.getGraph(org.apache.jena.graph.NodeFactory.createURI(AspsVocabulary.GRAPH_ASSERTED))
                    .find()
                    .forEach(asserted.getGraph()::add);
            dataset.getGraph(org.apache.jena.graph.NodeFactory.createURI(AspsVocabulary.GRAPH_MAPPINGS))
                    .find()
                    .forEach(mappings.getGraph()::add);
            dataset.getGraph(org.apache.jena.graph.NodeFactory.createURI(AspsVocabulary.GRAPH_INFERRED))
                    .find()
                    .forEach(inferred.getGraph()::add);
            mappings.setNsPrefixes(dataset.prefixes().getMapping());
        });
        ReleaseSources sources = new ReleaseSources(where, asserted, mappings, Optional.empty());
        sources.inferred = inferred;
        return sources;
    }

    /**
     * Reads the ontology and, when the file exists, the mapping set (checked against the ontology);
     * without a mapping set the artefacts have no cross-references.
     */
    public static ReleaseSources read(Path ontologyFile, Path mappingSet) {
        Model asserted = OntologyLoader.readRdf(ontologyFile);
        boolean haveMappings = mappingSet != null && Files.exists(mappingSet);
        Model mappings = haveMappings ? MappingGraph.load(mappingSet, asserted) : ModelFactory.createDefaultModel();
        return new ReleaseSources(
                ontologyFile, asserted, mappings, haveMappings ? Optional.of(mappingSet) : Optional.empty());
    }

    public String ontologyIri() {
        return ontologyIri;
    }

    /** The ontology's versionIRI, which the main artefact carries unchanged. */
    public String versionIri() {
        return versionIri;
    }

    /** The versionIRI of an artefact: the main one's, with the artefact's file name as last segment. */
    public String versionIri(Artefact artefact) {
        if (artefact == Artefact.MAIN) return versionIri;
        return versionIri.substring(0, versionIri.lastIndexOf('/') + 1) + artefact.stem() + ".owl";
    }

    /** The ontology IRI of an artefact: the ontology's own for the main one, NS + asps-full.owl etc. otherwise. */
    public String ontologyIri(Artefact artefact) {
        if (artefact == Artefact.MAIN) return ontologyIri;
        return ontologyIri.substring(0, ontologyIri.lastIndexOf('/') + 1) + artefact.stem() + ".owl";
    }

    /**
     * The same sources, with the mapping set file a release copies beside its artefacts (e.g. the one
     * packed in the jar, for a release made from a store); the mappings graph is unchanged.
     */
    public ReleaseSources withMappingSet(Path file) {
        ReleaseSources copy = new ReleaseSources(ontologyFile, asserted, mappings, Optional.of(file));
        copy.inferred = inferred;
        return copy;
    }

    public Optional<Path> mappingSet() {
        return mappingSet;
    }

    public Model asserted() {
        return asserted;
    }

    /** The mappings graph (empty without a mapping set). */
    public Model mappings() {
        return mappings;
    }

    /** HermiT's inferences that the ontology does not assert (classified on first use). */
    public synchronized Model inferred() {
        if (inferred == null) {
            inferred = InferenceMaterializer.materialize(OntologyLoader.load(ontologyFile))
                    .model();
        }
        return inferred;
    }

    /** One artefact as one graph. */
    public Model model(Artefact artefact) {
        Model m = ModelFactory.createDefaultModel();
        m.add(asserted);
        m.add(mappings.listStatements(null, AspsVocabulary.HAS_DB_XREF, (RDFNode) null));
        if (artefact == Artefact.FULL) m.add(inferred());
        if (artefact == Artefact.BASE) removeExternal(m);
        if (artefact != Artefact.MAIN) {
            Resource header = ResourceUtils.renameResource(m.createResource(ontologyIri), ontologyIri(artefact));
            header.removeAll(OWL2.versionIRI);
            header.addProperty(OWL2.versionIRI, m.createResource(versionIri(artefact)));
            header.addProperty(
                    RDFS.comment,
                    artefact == Artefact.FULL
                            ? m.createLiteral(
                                    "asps-full: the asserted ontology with its cross-references and the subclass, "
                                            + "equivalence, type and property inferences HermiT makes, materialized.",
                                    "en")
                            : m.createLiteral(
                                    "asps-base: the axioms about asps-kg's own terms; the external terms it reuses "
                                            + "(OBO relations, IAO, Dublin Core) are declared but not described.",
                                    "en"));
        }
        m.setNsPrefixes(AspsVocabulary.STANDARD_PREFIXES);
        return m;
    }

    /**
     * The store's named graphs for quad formats: asserted, mappings and, for the full artefact,
     * inferred; the default graph is empty.
     */
    public Dataset dataset(Artefact artefact) {
        Dataset ds = DatasetFactory.create();
        ds.addNamedModel(AspsVocabulary.GRAPH_ASSERTED, asserted);
        if (!mappings.isEmpty()) ds.addNamedModel(AspsVocabulary.GRAPH_MAPPINGS, mappings);
        if (artefact == Artefact.FULL) ds.addNamedModel(AspsVocabulary.GRAPH_INFERRED, inferred());
        ds.getDefaultModel().setNsPrefixes(AspsVocabulary.STANDARD_PREFIXES);
        ds.getDefaultModel().setNsPrefixes(mappings.getNsPrefixMap());
        return ds;
    }

    /** Drops what is said about terms outside asps-kg's namespace, keeping their declarations. */
    private static void removeExternal(Model m) {
        List<Statement> external = m.listStatements()
                .filterKeep(s -> s.getSubject().isURIResource()
                        && !s.getSubject().getURI().startsWith(AspsVocabulary.NS)
                        && !(s.getPredicate().equals(RDF.type) && DECLARATION_TYPES.contains(s.getObject())))
                .toList();
        m.remove(external);
    }
}
