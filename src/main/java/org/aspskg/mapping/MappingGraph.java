package org.aspskg.mapping;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
 *   <li>the set in SSSOM/RDF form: a {@code sssom:MappingSet} node with the set's slots, linked by
 *       {@code sssom:mappings} to an {@code owl:Axiom} node per mapping that carries the mapping's slots
 *       under the schema's slot URIs (propagatable set slots such as mapping_date written on each
 *       mapping); a negated mapping (predicate_modifier Not) is only this node, with
 *       {@code sssom:predicate_modifier sssom:NegatedPredicate}, and no direct triple.</li>
 * </ul>
 * Rows whose identifiers do not expand (the checker reports them) are left out.
 */
public final class MappingGraph {
    /**
     * The slots with a slot_uri in the SSSOM LinkML schema (mapping-commons/sssom,
     * src/sssom_schema/schema/sssom_schema.yaml); every other slot is {@code sssom:<slot>}.
     */
    private static final Map<String, String> SLOT_URIS = Map.ofEntries(
            Map.entry(SssomSlots.MAPPING_SET_VERSION, OWL.versionInfo.getURI()),
            Map.entry(SssomSlots.MAPPING_SET_TITLE, DCTerms.title.getURI()),
            Map.entry("mapping_set_description", DCTerms.description.getURI()),
            Map.entry(SssomSlots.CREATOR_ID, DCTerms.creator.getURI()),
            Map.entry(SssomSlots.AUTHOR_ID, AspsVocabulary.PAV + "authoredBy"),
            Map.entry(SssomSlots.LICENSE, DCTerms.license.getURI()),
            Map.entry("mapping_set_source", "http://www.w3.org/ns/prov#wasDerivedFrom"),
            Map.entry(SssomSlots.MAPPING_DATE, DCTerms.created.getURI()),
            Map.entry("publication_date", DCTerms.issued.getURI()),
            Map.entry(SssomSlots.SEE_ALSO, RDFS.seeAlso.getURI()),
            Map.entry(SssomSlots.COMMENT, RDFS.comment.getURI()));

    /** The meaning of predicate_modifier's one value, Not. */
    static final String NEGATED_PREDICATE = AspsVocabulary.SSSOM + "NegatedPredicate";

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

    /**
     * The RDF of a mapping set, without checking it: the direct triples and cross-references, and the set
     * in SSSOM/RDF form (the set node, typed {@code sssom:MappingSet}, named by its mapping_set_id and
     * linked by {@code sssom:mappings} to one {@code owl:Axiom} node per mapping).
     */
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
        Optional<Resource> setNode = set.metadataText(SssomSlots.MAPPING_SET_ID)
                .filter(MappingSetChecker::absolute)
                .map(id -> describeSet(model, set, model.createResource(id)));
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
            Resource axiom = annotate(model, set, m, subject, predicate, object);
            setNode.ifPresent(n -> n.addProperty(sssom("mappings"), axiom));
        }
        return model;
    }

    /**
     * The set's own slots on its node. Slots the specification propagates (mapping_date, subject_source,
     * subject_source_version, …) are written on each mapping instead, in their propagated form, as the
     * SSSOM/RDF specification recommends for generic RDF applications; creator_id and license are not
     * propagatable and stay here.
     */
    private static Resource describeSet(Model model, MappingSet set, Resource node) {
        node.addProperty(RDF.type, model.createResource(AspsVocabulary.SSSOM + "MappingSet"));
        for (String slot : SssomSlots.MAPPING_SET) {
            if (SssomSlots.PROPAGATABLE.contains(slot)
                    || slot.equals(SssomSlots.MAPPING_SET_ID)
                    || slot.equals(SssomSlots.CURIE_MAP)
                    || slot.equals("extension_definitions")) continue;
            for (String value : set.metadataValues(slot)) addSlot(model, set.curieMap(), node, slot, value);
        }
        return node;
    }

    /** The owl:Axiom node carrying one mapping's slots, each with its SSSOM/RDF property. */
    private static Resource annotate(Model model, MappingSet set, Mapping m, Resource s, Property p, Resource o) {
        Resource axiom = model.createResource()
                .addProperty(RDF.type, OWL2.Axiom)
                .addProperty(OWL2.annotatedSource, s)
                .addProperty(OWL2.annotatedProperty, p)
                .addProperty(OWL2.annotatedTarget, o);
        CurieMap curies = set.curieMap();
        for (String slot : SssomSlots.MAPPING) {
            if (slot.equals(SssomSlots.SUBJECT_ID)
                    || slot.equals(SssomSlots.PREDICATE_ID)
                    || slot.equals(SssomSlots.OBJECT_ID)) continue;
            List<String> values = m.has(slot)
                    ? (SssomSlots.MULTIVALUED.contains(slot) ? m.getAll(slot) : List.of(m.get(slot)))
                    : SssomSlots.PROPAGATABLE.contains(slot) ? set.metadataValues(slot) : List.of();
            for (String value : values) addSlot(model, curies, axiom, slot, value);
        }
        return axiom;
    }

    /**
     * One slot value as the SSSOM/RDF specification writes it: the schema's slot_uri (else
     * {@code sssom:<slot>}); an identifier or URI as a resource, a date as xsd:date, a score as xsd:double,
     * predicate_modifier Not as its meaning {@code sssom:NegatedPredicate}; other values as strings. A value
     * that does not expand is left out (the checker reports it).
     */
    private static void addSlot(Model model, CurieMap curies, Resource node, String slot, String value) {
        Property property = property(SLOT_URIS.getOrDefault(slot, AspsVocabulary.SSSOM + slot));
        if (slot.equals(SssomSlots.PREDICATE_MODIFIER)) {
            if (SssomSlots.NEGATED.equals(value)) node.addProperty(property, model.createResource(NEGATED_PREDICATE));
        } else if (SssomSlots.IDENTIFIERS.contains(slot)) {
            curies.expand(value).ifPresent(iri -> node.addProperty(property, model.createResource(iri)));
        } else if (SssomSlots.URIS.contains(slot)) {
            if (MappingSetChecker.absolute(value)) node.addProperty(property, model.createResource(value));
        } else if (SssomSlots.DATES.contains(slot)) {
            node.addProperty(property, model.createTypedLiteral(value, XSDDatatype.XSDdate));
        } else if (SssomSlots.SCORES.contains(slot)) {
            node.addProperty(property, model.createTypedLiteral(value, XSDDatatype.XSDdouble));
        } else {
            node.addProperty(property, value);
        }
    }

    private static Property sssom(String slot) {
        return property(AspsVocabulary.SSSOM + slot);
    }

    private static Property property(String iri) {
        return ResourceFactory.createProperty(iri);
    }
}
