package org.aspskg.ontology.qc;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.aspskg.ontology.AspsVocabulary;

/**
 * ROBOT's rules on the shape of logical axioms in the RDF graph: illegal_use_of_built_in_vocabulary,
 * deprecated_class_reference, deprecated_property_reference, missing_superclass, equivalent_pair,
 * multiple_equivalent_classes, multiple_equivalent_class_definitions, equivalent_class_axiom_no_genus
 * and invalid_entity_uri.
 */
public final class AxiomShapeChecks implements QualityCheck {
    private static final String BLANK = "blank node";

    @Override
    public List<Finding> check(CheckedOntology o) {
        List<Finding> out = new ArrayList<>();
        builtInVocabulary(o, out);
        deprecatedClasses(o, out);
        deprecatedProperties(o, out);
        superclasses(o, out);
        equivalents(o, out);
        entityIris(o, out);
        return out;
    }

    /** Statements about rdf:type itself redefine the language. */
    private static void builtInVocabulary(CheckedOntology o, List<Finding> out) {
        o.rdf()
                .listStatements(RDF.type, null, (RDFNode) null)
                .forEachRemaining(st -> out.add(finding("illegal_use_of_built_in_vocabulary", o, st)));
    }

    /** A deprecated class may only sit under oboInOwl:ObsoleteClass or owl:Thing and be used nowhere. */
    private static void deprecatedClasses(CheckedOntology o, List<Finding> out) {
        String rule = "deprecated_class_reference";
        for (Resource c : o.rdf().listSubjectsWithProperty(RDF.type, OWL2.Class).toList()) {
            if (!o.isDeprecated(c)) continue;
            c.listProperties(RDFS.subClassOf)
                    .filterKeep(st -> !st.getObject().equals(AspsVocabulary.OBSOLETE_CLASS)
                            && !st.getObject().equals(OWL2.Thing))
                    .forEachRemaining(st -> out.add(finding(rule, o, st)));
            for (Property p : List.of(OWL2.equivalentClass, OWL2.disjointWith)) {
                c.listProperties(p).forEachRemaining(st -> out.add(finding(rule, o, st)));
            }
            for (Property p : List.of(RDFS.subClassOf, OWL2.equivalentClass, OWL2.disjointWith)) {
                o.rdf()
                        .listStatements(null, p, c)
                        .forEachRemaining(
                                st -> out.add(new Finding(rule, o.show(c), o.show(p), o.show(st.getSubject()))));
            }
            for (Property p : List.of(OWL2.someValuesFrom, OWL2.allValuesFrom)) {
                o.rdf()
                        .listStatements(null, p, c)
                        .forEachRemaining(st -> out.add(new Finding(rule, BLANK, o.show(p), o.show(c))));
            }
        }
    }

    /** A deprecated property may not be used, specialised, made equivalent or inverted. */
    private static void deprecatedProperties(CheckedOntology o, List<Finding> out) {
        String rule = "deprecated_property_reference";
        for (Statement dep :
                o.rdf().listStatements(null, OWL2.deprecated, (RDFNode) null).toList()) {
            Resource p = dep.getSubject();
            if (!p.isURIResource() || !o.isDeprecated(p)) continue;
            Set<Property> referring = o.hasType(p, OWL2.ObjectProperty)
                    ? Set.of(OWL2.equivalentProperty, RDFS.subPropertyOf, OWL2.inverseOf)
                    : o.hasType(p, OWL2.DatatypeProperty)
                            ? Set.of(OWL2.equivalentProperty, RDFS.subPropertyOf)
                            : Set.of();
            for (Property r : referring) {
                o.rdf()
                        .listStatements(null, r, p)
                        .forEachRemaining(
                                st -> out.add(new Finding(rule, o.show(p), o.show(r), o.show(st.getSubject()))));
            }
            Property asPredicate = o.rdf().createProperty(p.getURI());
            o.rdf()
                    .listStatements(null, asPredicate, (RDFNode) null)
                    .forEachRemaining(st -> out.add(finding(rule, o, st)));
            for (Resource restriction :
                    o.rdf().listSubjectsWithProperty(OWL2.onProperty, p).toList()) {
                if (!o.hasType(restriction, OWL2.Restriction)) continue;
                o.rdf()
                        .listStatements(null, null, restriction)
                        .forEachRemaining(st -> out.add(new Finding(rule, o.show(st.getSubject()), o.show(p), BLANK)));
            }
        }
    }

    /** A described, live named class with no asserted superclass (often an orphan). */
    private static void superclasses(CheckedOntology o, List<Finding> out) {
        for (Resource c : o.rdf().listSubjectsWithProperty(RDF.type, OWL2.Class).toList()) {
            if (c.isURIResource() && !c.hasProperty(RDFS.subClassOf) && !o.isDeprecated(c) && o.isDescribed(c)) {
                out.add(new Finding("missing_superclass", o.show(c), o.show(RDFS.subClassOf), ""));
            }
        }
    }

    private static void equivalents(CheckedOntology o, List<Finding> out) {
        String eq = o.show(OWL2.equivalentClass);
        for (Statement st : o.rdf()
                .listStatements(null, OWL2.equivalentClass, (RDFNode) null)
                .toList()) {
            Resource c = st.getSubject();
            RDFNode target = st.getObject();
            if (target.isURIResource()) out.add(finding("equivalent_pair", o, st));
            if (!c.isURIResource()) continue;
            List<RDFNode> all = c.listProperties(OWL2.equivalentClass)
                    .mapWith(Statement::getObject)
                    .toList();
            boolean isUnion = target.isResource() && target.asResource().hasProperty(OWL2.unionOf);
            boolean anotherNonUnion = all.stream()
                    .anyMatch(other -> !other.equals(target)
                            && !(other.isResource() && other.asResource().hasProperty(OWL2.unionOf)));
            if (!isUnion && anotherNonUnion) out.add(finding("multiple_equivalent_classes", o, st));
            if (target.isResource() && target.asResource().hasProperty(OWL2.intersectionOf)) {
                RDFNode list =
                        target.asResource().getProperty(OWL2.intersectionOf).getObject();
                boolean anotherDefinition = all.stream()
                        .anyMatch(other -> other.isResource()
                                && other.asResource().listProperties(OWL2.intersectionOf).toList().stream()
                                        .anyMatch(s -> !s.getObject().equals(list)));
                if (anotherDefinition)
                    out.add(new Finding("multiple_equivalent_class_definitions", o.show(c), eq, o.show(list)));
            }
            if (target.isAnon() && o.hasType(target.asResource(), OWL2.Restriction)) {
                Resource r = target.asResource();
                Statement filler = r.getProperty(OWL2.someValuesFrom);
                Statement onProperty = r.getProperty(OWL2.onProperty);
                if (filler != null && filler.getObject().isURIResource() && onProperty != null) {
                    out.add(new Finding(
                            "equivalent_class_axiom_no_genus",
                            o.show(c),
                            o.show(onProperty.getObject()),
                            o.show(filler.getObject())));
                }
            }
        }
    }

    /** Typed terms whose IRI looks like an OBO PURL spelled the wrong way. */
    private static void entityIris(CheckedOntology o, List<Finding> out) {
        o.rdf()
                .listStatements(null, RDF.type, (RDFNode) null)
                .filterKeep(st -> st.getSubject().isURIResource())
                .filterKeep(st -> AspsVocabulary.NON_CANONICAL_OBO_PREFIXES.stream()
                        .anyMatch(prefix -> st.getSubject().getURI().startsWith(prefix)))
                .forEachRemaining(st -> out.add(finding("invalid_entity_uri", o, st)));
    }

    private static Finding finding(String rule, CheckedOntology o, Statement st) {
        return new Finding(rule, o.show(st.getSubject()), o.show(st.getPredicate()), o.show(st.getObject()));
    }
}
