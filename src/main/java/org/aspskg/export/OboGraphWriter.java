package org.aspskg.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.geneontology.obographs.core.model.AbstractNode.PropertyType;
import org.geneontology.obographs.core.model.AbstractNode.RDFTYPES;
import org.geneontology.obographs.core.model.Edge;
import org.geneontology.obographs.core.model.Graph;
import org.geneontology.obographs.core.model.GraphDocument;
import org.geneontology.obographs.core.model.Meta;
import org.geneontology.obographs.core.model.Node;
import org.geneontology.obographs.core.model.NodeOrEdge;
import org.geneontology.obographs.core.model.axiom.DomainRangeAxiom;
import org.geneontology.obographs.core.model.axiom.EquivalentNodesSet;
import org.geneontology.obographs.core.model.axiom.ExistentialRestrictionExpression;
import org.geneontology.obographs.core.model.axiom.LogicalDefinitionAxiom;
import org.geneontology.obographs.core.model.axiom.PropertyChainAxiom;
import org.geneontology.obographs.core.model.meta.AbstractSynonymPropertyValue.SCOPES;
import org.geneontology.obographs.core.model.meta.BasicPropertyValue;
import org.geneontology.obographs.core.model.meta.DefinitionPropertyValue;
import org.geneontology.obographs.core.model.meta.SynonymPropertyValue;
import org.geneontology.obographs.core.model.meta.XrefPropertyValue;
import org.semanticweb.owlapi.model.IRI;
import org.semanticweb.owlapi.model.IsAnonymous;
import org.semanticweb.owlapi.model.OWLAnnotation;
import org.semanticweb.owlapi.model.OWLAnnotationAssertionAxiom;
import org.semanticweb.owlapi.model.OWLAnnotationProperty;
import org.semanticweb.owlapi.model.OWLAnnotationValue;
import org.semanticweb.owlapi.model.OWLAnonymousIndividual;
import org.semanticweb.owlapi.model.OWLAxiom;
import org.semanticweb.owlapi.model.OWLClass;
import org.semanticweb.owlapi.model.OWLClassAssertionAxiom;
import org.semanticweb.owlapi.model.OWLClassExpression;
import org.semanticweb.owlapi.model.OWLDataProperty;
import org.semanticweb.owlapi.model.OWLDeclarationAxiom;
import org.semanticweb.owlapi.model.OWLEntity;
import org.semanticweb.owlapi.model.OWLEquivalentClassesAxiom;
import org.semanticweb.owlapi.model.OWLIndividual;
import org.semanticweb.owlapi.model.OWLInverseObjectPropertiesAxiom;
import org.semanticweb.owlapi.model.OWLLiteral;
import org.semanticweb.owlapi.model.OWLLogicalAxiom;
import org.semanticweb.owlapi.model.OWLNamedIndividual;
import org.semanticweb.owlapi.model.OWLObjectAllValuesFrom;
import org.semanticweb.owlapi.model.OWLObjectIntersectionOf;
import org.semanticweb.owlapi.model.OWLObjectInverseOf;
import org.semanticweb.owlapi.model.OWLObjectProperty;
import org.semanticweb.owlapi.model.OWLObjectPropertyAssertionAxiom;
import org.semanticweb.owlapi.model.OWLObjectPropertyAxiom;
import org.semanticweb.owlapi.model.OWLObjectPropertyDomainAxiom;
import org.semanticweb.owlapi.model.OWLObjectPropertyExpression;
import org.semanticweb.owlapi.model.OWLObjectPropertyRangeAxiom;
import org.semanticweb.owlapi.model.OWLObjectSomeValuesFrom;
import org.semanticweb.owlapi.model.OWLOntology;
import org.semanticweb.owlapi.model.OWLOntologyID;
import org.semanticweb.owlapi.model.OWLSubClassOfAxiom;
import org.semanticweb.owlapi.model.OWLSubObjectPropertyOfAxiom;
import org.semanticweb.owlapi.model.OWLSubPropertyChainOfAxiom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes OBO Graphs JSON ({@code asps.json}) as ROBOT 1.9.8 writes it ({@code robot convert --format
 * json}), from the OWL API 5.
 *
 * <p>Why this class: ROBOT translates with obographs-owlapi's {@code FromOwl}, which is built on the
 * OWL API 4 (every published version, 0.3.2 the newest); asps-kg has exactly one OWL API on its
 * classpath, the 5.5.1, and the OWL API 4 and 5 are not binary compatible, so neither that library
 * nor ROBOT's converter can run here (ROBOT only in a JVM of its own, as the tests run it, which the
 * release command does not have). The graph model and its JSON mapping do come from the maintained
 * library: obographs-core (the same model classes ROBOT serializes, no OWL API in it). What is ours
 * is the translation, a port to the OWL API 5 of {@code FromOwl} 0.3.1 (the version in ROBOT 1.9.8,
 * see the <a href="https://github.com/geneontology/obographs/blob/master/README-owlmapping.md">OWL
 * mapping</a>), rule for rule, quirks included, so that the file has the nodes, edges, equivalent
 * node sets, logical definitions, domain/range and property-chain axioms ROBOT's has. The release
 * tests compare it with ROBOT's own output of asps.owl.
 */
final class OboGraphWriter {
    private static final Logger LOG = LoggerFactory.getLogger(OboGraphWriter.class);

    static final String SUBCLASS_OF = "is_a";
    static final String SUBPROPERTY_OF = "subPropertyOf";
    static final String INVERSE_OF = "inverseOf";
    static final String TYPE = "type";

    private static final String DEFINITION = "http://purl.obolibrary.org/obo/IAO_0000115";
    private static final String OIO = "http://www.geneontology.org/formats/oboInOwl#";
    private static final String HAS_DB_XREF = OIO + "hasDbXref";
    private static final String IN_SUBSET = OIO + "inSubset";
    private static final String HAS_SYNONYM_TYPE = OIO + "hasSynonymType";
    private static final String OIO_ID = OIO + "id";
    private static final Map<String, SCOPES> SYNONYMS = Map.of(
            OIO + "hasExactSynonym", SCOPES.EXACT,
            OIO + "hasRelatedSynonym", SCOPES.RELATED,
            OIO + "hasNarrowSynonym", SCOPES.NARROW,
            OIO + "hasBroadSynonym", SCOPES.BROAD);

    private OboGraphWriter() {}

    /** Writes the graph document as ROBOT does: Jackson, null fields left out, the default pretty printer. */
    static void write(OWLOntology ontology, OutputStream out) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        mapper.setSerializationInclusion(JsonInclude.Include.NON_NULL);
        mapper.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        mapper.writerWithDefaultPrettyPrinter().writeValue(out, graphDocument(ontology));
    }

    /** One graph for each ontology of the imports closure. */
    static GraphDocument graphDocument(OWLOntology ontology) {
        List<Graph> graphs =
                ontology.importsClosure().map(OboGraphWriter::graph).toList();
        return new GraphDocument.Builder().graphs(graphs).build();
    }

    static Graph graph(OWLOntology ontology) {
        OWLOntologyID ontologyId = ontology.getOntologyID();
        String graphId = ontologyId.getOntologyIRI().map(IRI::toString).orElse("");
        String version = ontologyId.getVersionIRI().map(IRI::toString).orElse("");
        Builder graph = new Builder(graphId, meta(ontology.annotations(), version));
        // sorted, as FromOwl sorts them, for a reproducible order
        List<OWLAxiom> axioms = ontology.axioms().sorted().toList();
        for (OWLAxiom ax : axioms) {
            Meta meta = meta(ax.annotations(), null);
            if (ax instanceof OWLDeclarationAxiom declaration) {
                declare(graph, declaration.getEntity());
            } else if (ax instanceof OWLLogicalAxiom) {
                logical(graph, ax, meta);
            } else if (ax instanceof OWLAnnotationAssertionAxiom assertion) {
                annotation(graph, assertion, meta);
            }
        }
        if (!graph.untranslated.isEmpty()) {
            LOG.debug("{}: {} axioms OBO Graphs cannot say", graphId, graph.untranslated.size());
        }
        return graph.build();
    }

    private static void declare(Builder graph, OWLEntity e) {
        String id = e.getIRI().toString();
        if (e instanceof OWLClass) {
            graph.nodeType(id, RDFTYPES.CLASS);
        } else if (e instanceof OWLDataProperty) {
            graph.nodeType(id, PropertyType.DATA);
        } else if (e instanceof OWLObjectProperty) {
            graph.nodeType(id, PropertyType.OBJECT);
        } else if (e instanceof OWLAnnotationProperty) {
            graph.nodeType(id, PropertyType.ANNOTATION);
        } else if (e instanceof OWLNamedIndividual) {
            graph.nodeType(id, RDFTYPES.INDIVIDUAL);
        }
    }

    private static void logical(Builder graph, OWLAxiom ax, Meta meta) {
        if (ax instanceof OWLSubClassOfAxiom sca) {
            subClassOf(graph, sca, meta);
        } else if (ax instanceof OWLClassAssertionAxiom ca) {
            OWLClassExpression cx = ca.getClassExpression();
            if (cx.isAnonymous()) {
                graph.untranslated.add(ca);
                return;
            }
            String subj = individualId(ca.getIndividual());
            String obj = cx.asOWLClass().getIRI().toString();
            graph.edge(subj, TYPE, obj, meta);
            graph.nodeIds.add(subj); // always include
            graph.nodeIds.add(obj); // always include
        } else if (ax instanceof OWLObjectPropertyAssertionAxiom opa) {
            String subj = individualId(opa.getSubject());
            String obj = individualId(opa.getObject());
            if (opa.getProperty().isAnonymous()) {
                graph.untranslated.add(opa);
            } else {
                graph.edge(subj, propertyId(opa.getProperty()), obj, meta);
            }
            graph.nodeIds.add(subj); // always include the subject of an assertion
        } else if (ax instanceof OWLEquivalentClassesAxiom eca) {
            equivalentClasses(graph, eca, meta);
        } else if (ax instanceof OWLObjectPropertyAxiom) {
            objectPropertyAxiom(graph, ax, meta);
        } else {
            graph.untranslated.add(ax);
        }
    }

    private static void subClassOf(Builder graph, OWLSubClassOfAxiom sca, Meta meta) {
        OWLClassExpression subc = sca.getSubClass();
        OWLClassExpression supc = sca.getSuperClass();
        if (subc.isAnonymous()) {
            return; // a general class inclusion: OBO Graphs has no model for it (FromOwl leaves it out)
        }
        String subj = classId(subc.asOWLClass());
        graph.nodeType(subj, RDFTYPES.CLASS);
        if (!supc.isAnonymous()) {
            graph.edge(subj, SUBCLASS_OF, classId(supc.asOWLClass()), meta);
        } else if (supc instanceof OWLObjectSomeValuesFrom) {
            ExistentialRestrictionExpression r = restriction(supc);
            if (r == null) {
                graph.untranslated.add(sca);
            } else {
                graph.edge(subj, r.getPropertyId(), r.getFillerId(), meta);
            }
        } else if (supc instanceof OWLObjectAllValuesFrom avf) {
            OWLObjectPropertyExpression property = avf.getProperty();
            if (property instanceof OWLObjectProperty named) {
                if (avf.getFiller().isNamed()) {
                    String propertyId = propertyId(named);
                    Edge edge = edge(subj, propertyId, classId(avf.getFiller().asOWLClass()), meta);
                    graph.domainRange(propertyId).addAllValuesFromEdge(edge);
                } else {
                    graph.untranslated.add(sca);
                }
            } else if (property instanceof OWLObjectInverseOf) {
                // FromOwl translates only a named inverse, which an OWLObjectInverseOf never is
                graph.untranslated.add(sca);
            }
        }
    }

    private static void equivalentClasses(Builder graph, OWLEquivalentClassesAxiom eca, Meta meta) {
        List<OWLClassExpression> xs = eca.getClassExpressionsAsList();
        List<OWLClassExpression> anonXs =
                xs.stream().filter(IsAnonymous::isAnonymous).toList();
        List<OWLClassExpression> namedXs =
                xs.stream().filter(IsAnonymous::isNamed).toList();
        if (anonXs.isEmpty()) {
            Set<String> ids = namedXs.stream()
                    .map(x -> classId(x.asOWLClass()))
                    .collect(Collectors.toCollection(LinkedHashSet::new));
            graph.equivalentNodesSets.add(new EquivalentNodesSet.Builder()
                    .nodeIds(ids)
                    .meta(nullIfEmpty(meta))
                    .build());
        } else if (anonXs.size() == 1
                && namedXs.size() == 1
                && anonXs.get(0) instanceof OWLObjectIntersectionOf intersection) {
            ClassDef def = classDef(intersection.getOperandsAsList());
            if (def != null) {
                graph.logicalDefinitionAxioms.add(new LogicalDefinitionAxiom.Builder()
                        .definedClassId(classId(namedXs.get(0).asOWLClass()))
                        .genusIds(def.genusIds)
                        .restrictions(def.restrictions)
                        .build());
            } else {
                graph.untranslated.add(eca);
            }
        }
    }

    private static void objectPropertyAxiom(Builder graph, OWLAxiom ax, Meta meta) {
        if (ax instanceof OWLSubObjectPropertyOfAxiom spa) {
            if (spa.getSubProperty().isNamed() && spa.getSuperProperty().isNamed()) {
                graph.edge(propertyId(spa.getSubProperty()), SUBPROPERTY_OF, propertyId(spa.getSuperProperty()), meta);
            }
        } else if (ax instanceof OWLInverseObjectPropertiesAxiom ipa) {
            if (ipa.getFirstProperty().isNamed() && ipa.getSecondProperty().isNamed()) {
                graph.edge(propertyId(ipa.getFirstProperty()), INVERSE_OF, propertyId(ipa.getSecondProperty()), meta);
            }
        } else if (ax instanceof OWLSubPropertyChainOfAxiom spc) {
            if (spc.getSuperProperty().isNamed()) {
                List<String> chain = spc.getPropertyChain().stream()
                        .map(p -> p.isAnonymous() ? null : propertyId(p))
                        .toList();
                if (chain.stream().noneMatch(Objects::isNull)) {
                    graph.propertyChainAxioms.add(new PropertyChainAxiom.Builder()
                            .predicateId(propertyId(spc.getSuperProperty()))
                            .chainPredicateIds(chain)
                            .build());
                }
            }
        } else if (ax instanceof OWLObjectPropertyRangeAxiom rax) {
            if (rax.getRange().isNamed()) {
                graph.domainRange(propertyId(rax.getProperty()))
                        .addRangeClassId(classId(rax.getRange().asOWLClass()));
            }
        } else if (ax instanceof OWLObjectPropertyDomainAxiom dax) {
            if (dax.getDomain().isNamed()) {
                graph.domainRange(propertyId(dax.getProperty()))
                        .addDomainClassId(classId(dax.getDomain().asOWLClass()));
            }
        }
    }

    private static void annotation(Builder graph, OWLAnnotationAssertionAxiom aaa, Meta meta) {
        if (!(aaa.getSubject() instanceof IRI subject)) {
            graph.untranslated.add(aaa);
            return;
        }
        OWLAnnotationProperty p = aaa.getProperty();
        String pIri = p.getIRI().toString();
        String subj = subject.toString();
        OWLAnnotationValue v = aaa.getValue();
        String lv = v instanceof OWLLiteral literal ? literal.getLiteral() : null;
        if (p.isLabel() && lv != null) {
            graph.nodeIds.add(subj);
            graph.labels.put(subj, lv);
        } else if (pIri.equals(DEFINITION) && lv != null) {
            graph.meta(subj)
                    .definition(new DefinitionPropertyValue.Builder()
                            .val(lv)
                            .xrefs(meta.getXrefsValues())
                            .build());
        } else if (pIri.equals(HAS_DB_XREF) && lv != null) {
            graph.meta(subj).addXref(new XrefPropertyValue.Builder().val(lv).build());
        } else if (p.isDeprecated() && aaa.isDeprecatedIRIAssertion()) {
            graph.meta(subj).deprecated(true);
        } else if (p.isComment() && lv != null) {
            graph.meta(subj).addComment(lv);
        } else if (pIri.equals(OIO_ID)) {
            // skipped: the node's id says it
        } else if (pIri.equals(IN_SUBSET)) {
            graph.meta(subj).addSubset(v.toString());
        } else if (SYNONYMS.containsKey(pIri) && lv != null) {
            String synonymType = "";
            for (OWLAnnotation a : aaa.annotationsAsList()) {
                if (a.getProperty().getIRI().toString().equals(HAS_SYNONYM_TYPE)) {
                    synonymType = a.getValue().toString();
                }
            }
            graph.meta(subj)
                    .addSynonym(new SynonymPropertyValue.Builder()
                            .pred(SYNONYMS.get(pIri).pred())
                            .synonymType(synonymType)
                            .val(lv)
                            .xrefs(meta.getXrefsValues())
                            .build());
        } else {
            graph.meta(subj)
                    .addBasicPropertyValue(new BasicPropertyValue.Builder()
                            .pred(pIri)
                            .val(value(v))
                            .build());
        }
    }

    /** The axiom's (or the ontology's) annotations as a Meta, with the version for the ontology's. */
    private static Meta meta(Stream<OWLAnnotation> annotations, String version) {
        Meta.Builder builder = new Meta.Builder();
        annotations.sorted().forEach(ann -> {
            String p = ann.getProperty().getIRI().toString();
            String val = value(ann.getValue());
            if (ann.isDeprecatedIRIAnnotation()) {
                builder.deprecated(true);
            } else if (p.equals(HAS_DB_XREF)) {
                builder.addXref(new XrefPropertyValue.Builder().val(val).build());
            } else if (p.equals(IN_SUBSET) || p.equals(HAS_SYNONYM_TYPE)) {
                builder.addSubset(val);
            } else {
                builder.addBasicPropertyValue(
                        new BasicPropertyValue.Builder().pred(p).val(val).build());
            }
        });
        if (version != null) builder.version(version);
        return builder.build();
    }

    private static String value(OWLAnnotationValue v) {
        if (v instanceof IRI iri) return iri.toString();
        if (v instanceof OWLLiteral literal) return literal.getLiteral();
        if (v instanceof OWLAnonymousIndividual individual)
            return individual.getID().toString();
        return "";
    }

    private static Meta nullIfEmpty(Meta meta) {
        return meta == null || NodeOrEdge.EMPTY_META.equals(meta) ? null : meta;
    }

    private static Edge edge(String subj, String pred, String obj, Meta meta) {
        Edge.Builder edge = new Edge.Builder().sub(subj).pred(pred).obj(obj);
        Meta m = nullIfEmpty(meta);
        if (m != null) edge.meta(m);
        return edge.build();
    }

    /** {@code p some C} with a named property and class, else null. */
    private static ExistentialRestrictionExpression restriction(OWLClassExpression x) {
        if (x instanceof OWLObjectSomeValuesFrom r
                && r.getProperty() instanceof OWLObjectProperty p
                && !r.getFiller().isAnonymous()) {
            return new ExistentialRestrictionExpression.Builder()
                    .propertyId(propertyId(p))
                    .fillerId(classId(r.getFiller().asOWLClass()))
                    .build();
        }
        return null;
    }

    /** The genus classes and differentia of an intersection, or null when it is not of that form. */
    private static ClassDef classDef(List<OWLClassExpression> operands) {
        ClassDef def = new ClassDef();
        for (OWLClassExpression x : operands) {
            if (!x.isAnonymous()) {
                def.genusIds.add(classId(x.asOWLClass()));
            } else if (x instanceof OWLObjectSomeValuesFrom) {
                ExistentialRestrictionExpression r = restriction(x);
                if (r != null) def.restrictions.add(r);
            } else {
                return null;
            }
        }
        return def;
    }

    private static final class ClassDef {
        final List<String> genusIds = new ArrayList<>();
        final List<ExistentialRestrictionExpression> restrictions = new ArrayList<>();
    }

    private static String propertyId(OWLObjectPropertyExpression p) {
        return p.asOWLObjectProperty().getIRI().toString();
    }

    private static String classId(OWLClass c) {
        return c.getIRI().toString();
    }

    private static String individualId(OWLIndividual i) {
        return i.isNamed()
                ? i.asOWLNamedIndividual().getIRI().toString()
                : i.asOWLAnonymousIndividual().getID().toString();
    }

    /** What FromOwl's OboGraphBuilder collects, node by node, then builds into a graph. */
    private static final class Builder {
        final String graphId;
        final Meta graphMeta;
        final List<Edge> edges = new ArrayList<>();
        final List<EquivalentNodesSet> equivalentNodesSets = new ArrayList<>();
        final List<LogicalDefinitionAxiom> logicalDefinitionAxioms = new ArrayList<>();
        final List<PropertyChainAxiom> propertyChainAxioms = new ArrayList<>();
        final Set<String> nodeIds = new LinkedHashSet<>();
        final Map<String, RDFTYPES> types = new LinkedHashMap<>();
        final Map<String, PropertyType> propertyTypes = new LinkedHashMap<>();
        final Map<String, String> labels = new LinkedHashMap<>();
        final Map<String, Meta.Builder> metas = new LinkedHashMap<>();
        final Map<String, DomainRangeAxiom.Builder> domainRanges = new LinkedHashMap<>();
        final Set<OWLAxiom> untranslated = new LinkedHashSet<>();

        Builder(String graphId, Meta graphMeta) {
            this.graphId = graphId;
            this.graphMeta = nullIfEmpty(graphMeta);
        }

        void nodeType(String id, RDFTYPES type) {
            nodeIds.add(id);
            types.put(id, type);
        }

        void nodeType(String id, PropertyType type) {
            nodeIds.add(id);
            types.put(id, RDFTYPES.PROPERTY);
            propertyTypes.put(id, type);
        }

        void edge(String subj, String pred, String obj, Meta meta) {
            edges.add(OboGraphWriter.edge(subj, pred, obj, meta));
        }

        /** The node's meta, to add to; the node is in the graph from then on. */
        Meta.Builder meta(String id) {
            nodeIds.add(id);
            return metas.computeIfAbsent(id, k -> new Meta.Builder());
        }

        DomainRangeAxiom.Builder domainRange(String propertyId) {
            return domainRanges.computeIfAbsent(propertyId, id -> new DomainRangeAxiom.Builder().predicateId(id));
        }

        Graph build() {
            List<Node> nodes = new ArrayList<>();
            for (String id : nodeIds) {
                Node.Builder node = new Node.Builder().id(id).label(labels.getOrDefault(id, ""));
                if (metas.containsKey(id)) node.meta(nullIfEmpty(metas.get(id).build()));
                RDFTYPES type = types.get(id);
                if (type != null) {
                    node.type(type);
                    if (type == RDFTYPES.PROPERTY) node.propertyType(propertyTypes.get(id));
                }
                nodes.add(node.build());
            }
            return new Graph.Builder()
                    .id(graphId)
                    .meta(graphMeta)
                    .nodes(nodes)
                    .edges(edges)
                    .equivalentNodesSets(equivalentNodesSets)
                    .logicalDefinitionAxioms(logicalDefinitionAxioms)
                    .domainRangeAxioms(domainRanges.values().stream()
                            .map(DomainRangeAxiom.Builder::build)
                            .toList())
                    .propertyChainAxioms(propertyChainAxioms)
                    .build();
        }
    }
}
