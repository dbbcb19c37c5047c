package org.aspskg.mapping;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.aspskg.AspsKgException;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.report.Level;
import org.aspskg.report.QualityReport;
import org.aspskg.report.ReportRow;

/**
 * A mapping set as RDF, for the store's {@code mappings} graph ({@link AspsVocabulary#GRAPH_MAPPINGS}):
 * <ul>
 *   <li>each mapping as a triple, {@code subject predicate object} ({@code aspskg:X skos:exactMatch NCIT:…}),
 *       so that SPARQL joins our terms to external codes;</li>
 *   <li>each mapping that means "the same or nearly the same" ({@link MappingPredicate#crossReference()})
 *       also as {@code oboInOwl:hasDbXref "PREFIX:ID"} on our term, as OBO ontologies state xrefs;</li>
 *   <li>each mapping's metadata on an {@code owl:Axiom} node that annotates the triple, as SSSOM's RDF
 *       form does (justification, labels, author, date, see_also, comment); a negated mapping
 *       (predicate_modifier Not) is only this node, with {@code sssom:predicate_modifier "Not"}, and
 *       no triple.</li>
 * </ul>
 * Rows whose identifiers do not expand (the checker reports them) are left out.
 */
public final class MappingGraph {
    private static final Property PAV_AUTHORED_BY = property(AspsVocabulary.PAV + "authoredBy");

    private MappingGraph() {}

    /**
     * Reads and checks a mapping set against the ontology and returns its RDF; a set with ERROR rows
     * is refused (nothing half-right goes into a store or a release).
     */
    public static Model load(Path mappingSet, Model ontology) {
        MappingSet set = SssomReader.read(mappingSet);
        QualityReport report = new MappingSetChecker(new OntologyTerms(ontology)).check(set);
        List<ReportRow> errors = report.rows(Level.ERROR);
        if (!errors.isEmpty()) {
            String first = errors.stream()
                    .limit(3)
                    .map(r -> r.subject() + " " + r.rule() + " " + r.value())
                    .collect(Collectors.joining("; "));
            throw new AspsKgException(
                    mappingSet + ": " + errors.size() + " ERROR row(s) in the mapping set: " + first
                            + (errors.size() > 3 ? "; …" : ""),
                    "Run 'asps-kg map --check " + mappingSet + "' and fix them.");
        }
        return of(set);
    }

    /** The RDF of a mapping set, without checking it. */
    public static Model of(MappingSet set) {
        Model model = ModelFactory.createDefaultModel();
        model.setNsPrefixes(AspsVocabulary.STANDARD_PREFIXES);
        model.setNsPrefix("sssom", AspsVocabulary.SSSOM);
        model.setNsPrefix("semapv", AspsVocabulary.SEMAPV);
        model.setNsPrefix("pav", AspsVocabulary.PAV);
        set.curieMap().declared().forEach((prefix, ns) -> {
            if (model.getNsPrefixURI(prefix) == null && model.getNsURIPrefix(ns) == null) model.setNsPrefix(prefix, ns);
        });
        CurieMap curies = set.curieMap();
        for (Mapping m : set.mappings()) {
            Optional<String> s = curies.expand(m.subjectId());
            Optional<MappingPredicate> p = curies.expand(m.predicateId()).flatMap(MappingPredicate::ofIri);
            Optional<String> o = curies.expand(m.objectId());
            if (s.isEmpty() || p.isEmpty() || o.isEmpty()) continue;
            Resource subject = model.createResource(s.get());
            Property predicate = model.createProperty(p.get().iri());
            Resource object = model.createResource(o.get());
            if (!m.negated()) {
                subject.addProperty(predicate, object);
                if (p.get().crossReference()) subject.addProperty(AspsVocabulary.HAS_DB_XREF, m.objectId());
            }
            annotate(model, set, m, subject, predicate, object);
        }
        set.metadataText(SssomSlots.MAPPING_SET_ID)
                .filter(MappingSetChecker::absolute)
                .ifPresent(id -> {
                    Resource ms = model.createResource(id)
                            .addProperty(RDF.type, model.createResource(AspsVocabulary.SSSOM + "MappingSet"));
                    set.metadataText(SssomSlots.LICENSE)
                            .filter(MappingSetChecker::absolute)
                            .ifPresent(l -> ms.addProperty(DCTerms.license, model.createResource(l)));
                    set.metadataText(SssomSlots.MAPPING_SET_TITLE).ifPresent(t -> ms.addProperty(DCTerms.title, t));
                    set.metadataText(SssomSlots.MAPPING_SET_VERSION).ifPresent(v -> ms.addProperty(OWL.versionInfo, v));
                });
        return model;
    }

    /** The owl:Axiom node carrying one mapping's metadata, with SSSOM's RDF property for each slot. */
    private static void annotate(Model model, MappingSet set, Mapping m, Resource s, Property p, Resource o) {
        Resource axiom = model.createResource()
                .addProperty(RDF.type, OWL2.Axiom)
                .addProperty(OWL2.annotatedSource, s)
                .addProperty(OWL2.annotatedProperty, p)
                .addProperty(OWL2.annotatedTarget, o);
        CurieMap curies = set.curieMap();
        curies.expand(m.justification())
                .ifPresent(j -> axiom.addProperty(sssom(SssomSlots.MAPPING_JUSTIFICATION), model.createResource(j)));
        if (m.negated()) axiom.addProperty(sssom(SssomSlots.PREDICATE_MODIFIER), SssomSlots.NEGATED);
        if (m.has(SssomSlots.SUBJECT_LABEL)) axiom.addProperty(sssom(SssomSlots.SUBJECT_LABEL), m.subjectLabel());
        if (m.has(SssomSlots.OBJECT_LABEL)) axiom.addProperty(sssom(SssomSlots.OBJECT_LABEL), m.objectLabel());
        for (String author : set.values(m, SssomSlots.AUTHOR_ID)) {
            curies.expand(author).ifPresent(a -> axiom.addProperty(PAV_AUTHORED_BY, model.createResource(a)));
        }
        for (String creator : set.values(m, SssomSlots.CREATOR_ID)) {
            curies.expand(creator).ifPresent(c -> axiom.addProperty(DCTerms.creator, model.createResource(c)));
        }
        for (String date : set.values(m, SssomSlots.MAPPING_DATE)) {
            axiom.addProperty(sssom(SssomSlots.MAPPING_DATE), model.createTypedLiteral(date, XSDDatatype.XSDdate));
        }
        for (String url : set.values(m, SssomSlots.SEE_ALSO)) {
            if (MappingSetChecker.absolute(url)) axiom.addProperty(RDFS.seeAlso, model.createResource(url));
        }
        if (m.has(SssomSlots.COMMENT)) axiom.addProperty(RDFS.comment, m.get(SssomSlots.COMMENT));
    }

    private static Property sssom(String slot) {
        return property(AspsVocabulary.SSSOM + slot);
    }

    private static Property property(String iri) {
        return ResourceFactory.createProperty(iri);
    }
}
