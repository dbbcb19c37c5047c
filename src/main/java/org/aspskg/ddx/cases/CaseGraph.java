package org.aspskg.ddx.cases;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ontology.AspsVocabulary;

/**
 * A patient case as RDF in the ontology's terms — the Turtle case format — with, for each node
 * written for a statement, the index of that statement (so a SHACL result on the node can point
 * back at where the statement was written).
 *
 * <p>Present finding X on case property p: {@code <case> p [ a X ]}. Absent finding X:
 * {@code <case> a [ a owl:Class ; owl:complementOf [ a owl:Restriction ; owl:onProperty p ;
 * owl:someValuesFrom X ] ]}, which is what "not X" means in OWL's open world. Age:
 * {@code aspskg:ageInYears}; sex: {@code aspskg:inDemographicGroup [ a aspskg:FemaleGroup ]}.
 */
public record CaseGraph(Model model, Resource caseResource, Map<RDFNode, Integer> statementOfNode) {

    public CaseGraph {
        statementOfNode = Collections.unmodifiableMap(statementOfNode);
    }

    /** Writes a case (read from any format) as RDF. */
    public static CaseGraph of(PatientCase c, DdxKnowledge k) {
        Model m = ModelFactory.createDefaultModel();
        m.setNsPrefix("rdfs", RDFS.getURI());
        m.setNsPrefix("owl", OWL2.getURI());
        m.setNsPrefix("xsd", org.apache.jena.vocabulary.XSD.getURI());
        m.setNsPrefix(AspsVocabulary.PREFIX, AspsVocabulary.NS);
        m.setNsPrefix("case", AspsVocabulary.CASE_NS);
        Map<RDFNode, Integer> origin = new LinkedHashMap<>();
        Resource r = m.createResource(c.iri(), AspsVocabulary.PATIENT_CASE);
        if (c.label() != null) r.addProperty(RDFS.label, c.label(), "en");
        for (int i = 0; i < c.statements().size(); i++) {
            CaseStatement s = c.statements().get(i);
            switch (s.kind()) {
                case AGE -> {
                    var age = m.createTypedLiteral(new java.math.BigInteger(s.written()));
                    r.addLiteral(AspsVocabulary.AGE_IN_YEARS, age);
                    origin.put(age, i);
                }
                case SEX -> {
                    String group = k.demographics().groups().stream()
                            .filter(g -> s.written().equalsIgnoreCase(g.sex()) && !g.usesAgeCriteria())
                            .map(DemographicGroups.Group::iri)
                            .findFirst()
                            .orElseThrow(
                                    () -> new IllegalArgumentException("no demographic group for sex " + s.written()));
                    Resource filler = m.createResource().addProperty(RDF.type, m.createResource(group));
                    r.addProperty(AspsVocabulary.IN_DEMOGRAPHIC_GROUP, filler);
                    origin.put(filler, i);
                }
                case PRESENT -> {
                    Resource filler = m.createResource().addProperty(RDF.type, m.createResource(s.term()));
                    r.addProperty(m.createProperty(propertyOf(s.term(), k)), filler);
                    origin.put(filler, i);
                }
                case ABSENT -> {
                    Resource restriction = m.createResource(OWL2.Restriction)
                            .addProperty(OWL2.onProperty, m.createResource(propertyOf(s.term(), k)))
                            .addProperty(OWL2.someValuesFrom, m.createResource(s.term()));
                    Resource not = m.createResource(OWL2.Class).addProperty(OWL2.complementOf, restriction);
                    r.addProperty(RDF.type, not);
                    origin.put(not, i);
                    origin.put(restriction, i);
                }
            }
        }
        return new CaseGraph(m, r, origin);
    }

    private static String propertyOf(String term, DdxKnowledge k) {
        return k.tbox()
                .propertyOf(k.tbox().dataFactory().getOWLClass(org.semanticweb.owlapi.model.IRI.create(term)))
                .orElseThrow(() -> new IllegalArgumentException(term + " is not stateable"))
                .property()
                .getIRI()
                .toString();
    }
}
