package org.aspskg.ontology.qc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.aspskg.ontology.AspsVocabulary;

/**
 * ROBOT's annotation rules: annotation_whitespace, invalid_xref, the synonym rules
 * (duplicate_exact_synonym, duplicate_label_synonym, duplicate_scoped_synonym,
 * missing_synonymtype_declaration), missing_subset_declaration, deprecated_boolean_datatype
 * and misused_replaced_by.
 */
public final class AnnotationChecks implements QualityCheck {
    /** A CURIE: a prefix (letter or _ first, no trailing . or -), a colon, then no whitespace. */
    private static final Pattern CURIE = Pattern.compile("[A-Za-z_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?:\\S+");

    private static final List<Property> EXACT =
            List.of(AspsVocabulary.ALTERNATIVE_LABEL, AspsVocabulary.HAS_EXACT_SYNONYM);
    private static final List<Property> SCOPED = List.of(
            AspsVocabulary.ALTERNATIVE_LABEL,
            AspsVocabulary.HAS_EXACT_SYNONYM,
            AspsVocabulary.HAS_BROAD_SYNONYM,
            AspsVocabulary.HAS_RELATED_SYNONYM,
            AspsVocabulary.HAS_NARROW_SYNONYM);

    @Override
    public List<Finding> check(CheckedOntology o) {
        List<Finding> out = new ArrayList<>();
        whitespace(o, out);
        xrefs(o, out);
        exactSynonyms(o, out);
        labelsThatAreSynonyms(o, out);
        scopedSynonyms(o, out);
        declarations(o, out);
        deprecation(o, out);
        return out;
    }

    private static void whitespace(CheckedOntology o, List<Finding> out) {
        for (Resource p : o.rdf()
                .listSubjectsWithProperty(RDF.type, OWL2.AnnotationProperty)
                .toList()) {
            if (!p.isURIResource()) continue;
            o.rdf()
                    .listStatements(null, o.rdf().createProperty(p.getURI()), (RDFNode) null)
                    .filterKeep(st -> st.getSubject().isURIResource())
                    .filterKeep(st -> LabelChecks.EDGE_WHITESPACE
                            .matcher(CheckedOntology.str(st.getObject()))
                            .find())
                    .forEachRemaining(st -> out.add(finding("annotation_whitespace", o, st)));
        }
    }

    private static void xrefs(CheckedOntology o, List<Finding> out) {
        o.rdf()
                .listStatements(null, AspsVocabulary.HAS_DB_XREF, (RDFNode) null)
                .filterKeep(st -> st.getSubject().isURIResource())
                .filterKeep(st ->
                        !CURIE.matcher(CheckedOntology.str(st.getObject())).matches())
                .forEachRemaining(st -> out.add(finding("invalid_xref", o, st)));
    }

    /** The same exact synonym (ignoring case) on two live terms; abbreviations and acronyms may repeat. */
    private static void exactSynonyms(CheckedOntology o, List<Finding> out) {
        for (Property p : EXACT) {
            Map<String, List<Statement>> byText = new LinkedHashMap<>();
            o.rdf()
                    .listStatements(null, p, (RDFNode) null)
                    .filterKeep(st -> st.getSubject().isURIResource() && !o.isDeprecated(st.getSubject()))
                    .forEachRemaining(st -> byText.computeIfAbsent(
                                    CheckedOntology.str(st.getObject()).toUpperCase(Locale.ROOT),
                                    k -> new ArrayList<>())
                            .add(st));
            byText.values().forEach(sts -> {
                long terms = sts.stream()
                        .filter(st -> !isAbbreviation(o, st))
                        .map(Statement::getSubject)
                        .distinct()
                        .count();
                if (terms > 1) sts.forEach(st -> out.add(finding("duplicate_exact_synonym", o, st)));
            });
        }
    }

    private static boolean isAbbreviation(CheckedOntology o, Statement st) {
        return o.rdf().listSubjectsWithProperty(OWL2.annotatedSource, st.getSubject()).toList().stream()
                .filter(ax -> ax.hasProperty(OWL2.annotatedProperty, st.getPredicate())
                        && ax.hasProperty(OWL2.annotatedTarget, st.getObject()))
                .anyMatch(ax -> ax.hasProperty(AspsVocabulary.HAS_SYNONYM_TYPE, AspsVocabulary.ABBREVIATION)
                        || ax.hasProperty(AspsVocabulary.HAS_SYNONYM_TYPE, AspsVocabulary.ACRONYM));
    }

    /** A label that is also an exact synonym of a live term (the same term included). */
    private static void labelsThatAreSynonyms(CheckedOntology o, List<Finding> out) {
        o.rdf()
                .listStatements(null, RDFS.label, (RDFNode) null)
                .filterKeep(st -> st.getSubject().isURIResource() && !o.isDeprecated(st.getSubject()))
                .forEachRemaining(st -> {
                    for (Property p : EXACT) {
                        boolean clash = o.rdf().listSubjectsWithProperty(p, st.getObject()).toList().stream()
                                .anyMatch(t -> t.isURIResource() && !o.isDeprecated(t));
                        if (clash)
                            out.add(new Finding(
                                    "duplicate_label_synonym",
                                    o.show(st.getSubject()),
                                    o.showIri(p.getURI()),
                                    o.show(st.getObject())));
                    }
                });
    }

    /** One text given as two kinds of synonym of the same term. */
    private static void scopedSynonyms(CheckedOntology o, List<Finding> out) {
        for (Property p : SCOPED) {
            o.rdf()
                    .listStatements(null, p, (RDFNode) null)
                    .filterKeep(st -> st.getSubject().isURIResource())
                    .filterKeep(st -> SCOPED.stream()
                            .anyMatch(q -> !q.equals(p) && st.getSubject().hasProperty(q, st.getObject())))
                    .forEachRemaining(st -> out.add(finding("duplicate_scoped_synonym", o, st)));
        }
    }

    private static void declarations(CheckedOntology o, List<Finding> out) {
        o.rdf().listObjectsOfProperty(AspsVocabulary.IN_SUBSET).toList().stream()
                .filter(RDFNode::isResource)
                .map(RDFNode::asResource)
                .filter(subset -> !subset.hasProperty(RDFS.subPropertyOf, AspsVocabulary.SUBSET_PROPERTY))
                .forEach(subset -> out.add(new Finding(
                        "missing_subset_declaration", o.show(subset), o.showIri(RDFS.subPropertyOf.getURI()), "")));
        o.rdf().listObjectsOfProperty(AspsVocabulary.HAS_SYNONYM_TYPE).toList().stream()
                .filter(RDFNode::isResource)
                .map(RDFNode::asResource)
                .filter(type -> !type.hasProperty(RDFS.subPropertyOf, AspsVocabulary.SYNONYM_TYPE_PROPERTY))
                .forEach(type -> out.add(new Finding(
                        "missing_synonymtype_declaration", o.show(type), o.showIri(RDFS.subPropertyOf.getURI()), "")));
    }

    private static void deprecation(CheckedOntology o, List<Finding> out) {
        o.rdf()
                .listStatements(null, OWL2.deprecated, (RDFNode) null)
                .filterKeep(
                        st -> st.getSubject().isURIResource() && st.getObject().isLiteral())
                .filterKeep(st -> !XSDDatatype.XSDboolean.getURI()
                        .equals(st.getObject().asLiteral().getDatatypeURI()))
                .forEachRemaining(st -> out.add(finding("deprecated_boolean_datatype", o, st)));
        o.rdf()
                .listStatements(null, AspsVocabulary.TERM_REPLACED_BY, (RDFNode) null)
                .filterKeep(st -> st.getSubject().isURIResource() && !o.isDeprecated(st.getSubject()))
                .forEachRemaining(st -> out.add(finding("misused_replaced_by", o, st)));
    }

    private static Finding finding(String rule, CheckedOntology o, Statement st) {
        return new Finding(rule, o.show(st.getSubject()), o.show(st.getPredicate()), o.show(st.getObject()));
    }
}
