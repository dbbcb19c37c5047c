package org.aspskg.ddx.cases;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.ObjIntConsumer;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.XSD;
import org.aspskg.ontology.AspsVocabulary;

/**
 * A patient case as RDF in the ontology's terms — the Turtle case format. The one mapping from the
 * case model to RDF, used by every writer: the JSON reader (to validate a case with the SHACL
 * shapes), the ranking graph, the cohort writer and the cohort loader.
 *
 * <p>Present finding X on case property p: {@code <case> p [ a X ]}. Absent finding X:
 * {@code <case> a [ a owl:Class ; owl:complementOf [ a owl:Restriction ; owl:onProperty p ;
 * owl:someValuesFrom X ] ]}, which is what "not X" means in OWL's open world. Age:
 * {@code aspskg:ageInYears}; sex: {@code aspskg:inDemographicGroup [ a aspskg:FemaleGroup ]}.
 * Thread-safe.
 */
public final class CaseRdf {
    /** The prefixes of the case format, in the order they are declared. */
    public static final Map<String, String> PREFIXES = prefixes();

    private final DemographicGroups demographics;
    private final Map<String, String> casePropertyOf;

    /**
     * @param demographics   the groups a stated sex is written as
     * @param casePropertyOf for each class a case can state, the IRI of the case property it is stated on
     *                       (as the case TBox classified it)
     */
    public CaseRdf(DemographicGroups demographics, Map<String, String> casePropertyOf) {
        this.demographics = demographics;
        this.casePropertyOf = Map.copyOf(casePropertyOf);
    }

    private static Map<String, String> prefixes() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("rdfs", RDFS.getURI());
        p.put("owl", OWL2.getURI());
        p.put("xsd", XSD.getURI());
        p.put(AspsVocabulary.PREFIX, AspsVocabulary.NS);
        p.put("case", AspsVocabulary.CASE_NS);
        return Collections.unmodifiableMap(p);
    }

    /**
     * Sends the triples of a case, in statement order, to a stream. Blank nodes are labelled from
     * the case id and the statement's index ({@code <id>-<i>}, and {@code <id>-<i>r} for an absent
     * finding's restriction), so the same case always gives the same bytes.
     */
    public void emit(PatientCase c, StreamRDF out) {
        emit(
                c,
                out,
                i -> NodeFactory.createBlankNode(c.id() + "-" + i),
                i -> NodeFactory.createBlankNode(c.id() + "-" + i + "r"),
                (node, statement) -> {});
    }

    /** The case as a model of its own, with fresh blank nodes and the case format's prefixes. */
    public CaseGraph graph(PatientCase c) {
        Model m = ModelFactory.createDefaultModel();
        m.setNsPrefixes(PREFIXES);
        Map<Node, Integer> origin = new LinkedHashMap<>();
        emit(
                c,
                StreamRDFLib.graph(m.getGraph()),
                i -> NodeFactory.createBlankNode(),
                i -> NodeFactory.createBlankNode(),
                origin::put);
        return new CaseGraph(m, m.getResource(c.iri()), origin);
    }

    private void emit(
            PatientCase c,
            StreamRDF out,
            IntFunction<Node> filler,
            IntFunction<Node> restriction,
            ObjIntConsumer<Node> origin) {
        Node s = NodeFactory.createURI(c.iri());
        Node type = RDF.type.asNode();
        out.triple(Triple.create(s, type, AspsVocabulary.PATIENT_CASE.asNode()));
        if (c.label() != null) {
            out.triple(Triple.create(s, RDFS.label.asNode(), NodeFactory.createLiteralLang(c.label(), "en")));
        }
        for (int i = 0; i < c.statements().size(); i++) {
            CaseStatement st = c.statements().get(i);
            switch (st.kind()) {
                case AGE -> {
                    Node age = NodeFactory.createLiteralDT(st.written(), XSDDatatype.XSDinteger);
                    out.triple(Triple.create(s, AspsVocabulary.AGE_IN_YEARS.asNode(), age));
                    origin.accept(age, i);
                }
                case SEX -> {
                    String group = classOf(st);
                    Node f = filler.apply(i);
                    out.triple(Triple.create(s, AspsVocabulary.IN_DEMOGRAPHIC_GROUP.asNode(), f));
                    out.triple(Triple.create(f, type, NodeFactory.createURI(group)));
                    origin.accept(f, i);
                }
                case PRESENT -> {
                    Node f = filler.apply(i);
                    out.triple(Triple.create(s, property(st.term()), f));
                    out.triple(Triple.create(f, type, NodeFactory.createURI(st.term())));
                    origin.accept(f, i);
                }
                case ABSENT -> {
                    Node not = filler.apply(i);
                    Node some = restriction.apply(i);
                    out.triple(Triple.create(s, type, not));
                    out.triple(Triple.create(not, type, OWL2.Class.asNode()));
                    out.triple(Triple.create(not, OWL2.complementOf.asNode(), some));
                    out.triple(Triple.create(some, type, OWL2.Restriction.asNode()));
                    out.triple(Triple.create(some, OWL2.onProperty.asNode(), property(st.term())));
                    out.triple(Triple.create(some, OWL2.someValuesFrom.asNode(), NodeFactory.createURI(st.term())));
                    origin.accept(not, i);
                    origin.accept(some, i);
                }
            }
        }
    }

    /**
     * The class a statement's node is typed with: the named finding, site or group for a present or
     * absent statement, the group that stands for the sex for a sex statement; null for the age.
     */
    public String classOf(CaseStatement st) {
        return switch (st.kind()) {
            case PRESENT, ABSENT -> st.term();
            case SEX ->
                demographics
                        .groupOfSex(st.written())
                        .orElseThrow(
                                () -> new IllegalArgumentException("no demographic group for sex " + st.written()));
            case AGE -> null;
        };
    }

    /** The IRI of the case property a statement is written on (for an absent one, the restriction's); null for the age. */
    public String propertyOf(CaseStatement st) {
        return switch (st.kind()) {
            case PRESENT, ABSENT -> {
                String p = casePropertyOf.get(st.term());
                if (p == null) throw new IllegalArgumentException(st.term() + " is not stateable");
                yield p;
            }
            case SEX -> AspsVocabulary.IN_DEMOGRAPHIC_GROUP.getURI();
            case AGE -> null;
        };
    }

    private Node property(String term) {
        String p = casePropertyOf.get(term);
        if (p == null) throw new IllegalArgumentException(term + " is not stateable");
        return NodeFactory.createURI(p);
    }
}
