package org.aspskg.ddx.render;

import java.util.Set;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.ResourceFactory;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sys.JenaSystem;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.aspskg.ddx.cases.CaseGraph;
import org.aspskg.ddx.cases.CaseRdf;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.classify.HypothesisExclusion;
import org.aspskg.ddx.rank.Association;
import org.aspskg.ddx.rank.DifferentialRanking;
import org.aspskg.ddx.rank.Evidence;
import org.aspskg.ddx.rank.NextFindings;
import org.aspskg.ddx.rank.RankedHypothesis;
import org.aspskg.ddx.rank.Reference;
import org.aspskg.ontology.AspsVocabulary;

/**
 * The RDF form of a ranking, in the ontology's ranking vocabulary, together with the case itself
 * (as {@link CaseRdf} writes it), so that SPARQL over a cases graph can ask which past cases
 * ranked ASPS first, on what evidence:
 * <pre>
 * &lt;case/x/ranking&gt; a aspskg:DifferentialDiagnosisRanking ; aspskg:rankingOfCase &lt;case/x&gt; ;
 *     aspskg:pretestProbability 0.1667 ; aspskg:hasRankedHypothesis &lt;case/x/ranking/1&gt; , … .
 * &lt;case/x/ranking/1&gt; a aspskg:RankedHypothesis ; aspskg:rank 1 ;
 *     aspskg:hypothesisDiagnosis aspskg:AlveolarSoftPartSarcoma ; aspskg:postTestProbability … ;
 *     aspskg:log10LikelihoodRatio … ; aspskg:hasEvidenceItem &lt;case/x/ranking/1/evidence/1&gt; .
 * &lt;case/x/ranking/1/evidence/1&gt; a aspskg:SupportingEvidence ;
 *     aspskg:basedOnAssociation &lt;derived/AlveolarSoftPartSarcoma-FlowVoid&gt; ;
 *     aspskg:aboutFeature aspskg:FlowVoid ; aspskg:featureObserved true ; aspskg:likelihoodRatio 3.1 ;
 *     aspskg:citesReference src:radiopaedia-59433-ref-9 , src:… .
 * </pre>
 * IRIs are derived from the case IRI, so ranking a case again yields the same nodes.
 */
public final class RankingGraph {
    private final CaseRdf caseRdf;
    private final java.util.function.Function<String, String> labels;

    /** @param caseRdf writes the case the ranking is of */
    public RankingGraph(CaseRdf caseRdf) {
        this(caseRdf, iri -> iri);
    }

    /**
     * @param caseRdf writes the case the ranking is of
     * @param labels  the labels of terms, for the sentences of the findings to check next
     */
    public RankingGraph(CaseRdf caseRdf, java.util.function.Function<String, String> labels) {
        this.caseRdf = caseRdf;
        this.labels = labels;
    }

    /** The IRI of a case's ranking. */
    public static String rankingIri(PatientCase c) {
        return rankingIri(c.iri());
    }

    /** The IRI of the ranking of the case with this IRI. */
    public static String rankingIri(String caseIri) {
        return caseIri + "/ranking";
    }

    /**
     * The compact form of a ranking that {@code asps-kg rank} stores for every case of a cohort: the
     * ranking node ({@code rankingOfCase}, {@code pretestProbability}) and each ranked hypothesis
     * ({@code rank}, {@code hypothesisDiagnosis}, {@code postTestProbability}, {@code log10LikelihoodRatio}),
     * with the same IRIs and values as {@link #toModel} writes them, without the case itself, labels
     * and evidence items. Streamed, so a cohort is never a model.
     */
    public static void emitCompact(DifferentialRanking r, StreamRDF out) {
        String base = rankingIri(r.patientCase());
        Node ranking = NodeFactory.createURI(base);
        out.triple(Triple.create(ranking, TYPE, RANKING));
        out.triple(Triple.create(
                ranking, RANKING_OF, NodeFactory.createURI(r.patientCase().iri())));
        out.triple(Triple.create(ranking, PRETEST, doubleLiteral(r.pretestProbability())));
        for (RankedHypothesis h : r.hypotheses()) {
            Node hyp = NodeFactory.createURI(base + "/" + h.rank());
            out.triple(Triple.create(ranking, HAS_HYPOTHESIS, hyp));
            out.triple(Triple.create(hyp, TYPE, HYPOTHESIS));
            if (r.exclusion(h.disease()).isPresent()) out.triple(Triple.create(hyp, TYPE, EXCLUDED));
            out.triple(Triple.create(
                    hyp, RANK, NodeFactory.createLiteralDT(String.valueOf(h.rank()), XSDDatatype.XSDinteger)));
            out.triple(Triple.create(hyp, DIAGNOSIS, NodeFactory.createURI(h.disease())));
            out.triple(Triple.create(hyp, POST_TEST, doubleLiteral(h.postTestProbability())));
            out.triple(Triple.create(hyp, LOG10_LR, doubleLiteral(h.log10LikelihoodRatio())));
        }
    }

    /** The predicates and classes of {@link #emitCompact}: the part of {@link #toModel} that it writes. */
    public static final Set<Node> COMPACT_PREDICATES;

    static {
        JenaSystem.init(); // before the vocabulary nodes below (Jena's initialization order)
    }

    private static final Node TYPE = RDF.type.asNode();
    private static final Node RANKING = AspsVocabulary.DIFFERENTIAL_DIAGNOSIS_RANKING.asNode();
    private static final Node HYPOTHESIS = AspsVocabulary.RANKED_HYPOTHESIS.asNode();
    private static final Node EXCLUDED = AspsVocabulary.EXCLUDED_HYPOTHESIS.asNode();
    private static final Node RANKING_OF = AspsVocabulary.RANKING_OF_CASE.asNode();
    private static final Node PRETEST = AspsVocabulary.PRETEST_PROBABILITY.asNode();
    private static final Node HAS_HYPOTHESIS = AspsVocabulary.HAS_RANKED_HYPOTHESIS.asNode();
    private static final Node RANK = AspsVocabulary.RANK.asNode();
    private static final Node DIAGNOSIS = AspsVocabulary.HYPOTHESIS_DIAGNOSIS.asNode();
    private static final Node POST_TEST = AspsVocabulary.POST_TEST_PROBABILITY.asNode();
    private static final Node LOG10_LR = AspsVocabulary.LOG10_LIKELIHOOD_RATIO.asNode();

    static {
        COMPACT_PREDICATES = Set.of(TYPE, RANKING_OF, PRETEST, HAS_HYPOTHESIS, RANK, DIAGNOSIS, POST_TEST, LOG10_LR);
    }

    /** As {@code Model.createTypedLiteral(double)} makes it, so both forms hold equal nodes. */
    private static Node doubleLiteral(double d) {
        return ResourceFactory.createTypedLiteral(d).asNode();
    }

    /** The ranking and its case as a new model, with the case format's prefixes and {@code fact:} and {@code src:}. */
    public Model toModel(DifferentialRanking r) {
        CaseGraph caseGraph = caseRdf.graph(r.patientCase());
        Model m = caseGraph.model();
        m.setNsPrefix("fact", AspsVocabulary.FACT_NS);
        m.setNsPrefix("src", AspsVocabulary.SOURCE_NS);
        String base = rankingIri(r.patientCase());
        Resource ranking = m.createResource(base, AspsVocabulary.DIFFERENTIAL_DIAGNOSIS_RANKING)
                .addProperty(AspsVocabulary.RANKING_OF_CASE, caseGraph.caseResource())
                .addLiteral(AspsVocabulary.PRETEST_PROBABILITY, m.createTypedLiteral(r.pretestProbability()));
        if (r.ontologyVersion() != null) {
            ranking.addProperty(RDFS.seeAlso, m.createResource(r.ontologyVersion()));
        }
        for (RankedHypothesis h : r.hypotheses()) {
            Resource hyp = m.createResource(base + "/" + h.rank(), AspsVocabulary.RANKED_HYPOTHESIS)
                    .addLiteral(
                            AspsVocabulary.RANK, m.createTypedLiteral(String.valueOf(h.rank()), XSDDatatype.XSDinteger))
                    .addProperty(AspsVocabulary.HYPOTHESIS_DIAGNOSIS, m.createResource(h.disease()))
                    .addLiteral(AspsVocabulary.POST_TEST_PROBABILITY, m.createTypedLiteral(h.postTestProbability()))
                    .addLiteral(AspsVocabulary.LOG10_LIKELIHOOD_RATIO, m.createTypedLiteral(h.log10LikelihoodRatio()))
                    .addProperty(RDFS.label, h.rank() + ". " + h.label(), "en");
            ranking.addProperty(AspsVocabulary.HAS_RANKED_HYPOTHESIS, hyp);
            var excluded = r.exclusion(h.disease());
            if (excluded.isPresent()) {
                hyp.addProperty(RDF.type, AspsVocabulary.EXCLUDED_HYPOTHESIS);
                int k = 0;
                for (HypothesisExclusion.Clash c : excluded.get().clashes()) {
                    Resource clash = m.createResource(hyp.getURI() + "/clash/" + (++k), AspsVocabulary.EXCLUSION_CLASH)
                            .addProperty(AspsVocabulary.ABOUT_FEATURE, m.createResource(c.feature()))
                            .addLiteral(AspsVocabulary.FEATURE_OBSERVED, m.createTypedLiteral(!c.obligatePresent()));
                    for (HypothesisExclusion.Axiom a : c.axioms()) {
                        clash.addProperty(AspsVocabulary.JUSTIFICATION_AXIOM, a.text());
                        a.sources().forEach(src -> clash.addProperty(DCTerms.source, m.createResource(src)));
                    }
                    hyp.addProperty(AspsVocabulary.HAS_EXCLUSION_CLASH, clash);
                }
            }
            int i = 0;
            for (Evidence e : h.evidence()) {
                Association a = e.association();
                Resource type = e.supports()
                        ? AspsVocabulary.SUPPORTING_EVIDENCE
                        : e.opposes() ? AspsVocabulary.OPPOSING_EVIDENCE : AspsVocabulary.EVIDENCE_ITEM;
                Resource item = m.createResource(hyp.getURI() + "/evidence/" + (++i), type)
                        .addProperty(AspsVocabulary.BASED_ON_ASSOCIATION, m.createResource(a.iri()))
                        .addProperty(AspsVocabulary.ABOUT_FEATURE, m.createResource(a.feature()))
                        .addLiteral(AspsVocabulary.FEATURE_OBSERVED, m.createTypedLiteral(e.observed()))
                        .addLiteral(AspsVocabulary.LIKELIHOOD_RATIO, m.createTypedLiteral(e.likelihoodRatio()));
                for (Reference ref : a.references()) {
                    item.addProperty(AspsVocabulary.CITES_REFERENCE, m.createResource(ref.iri()));
                }
                hyp.addProperty(AspsVocabulary.HAS_EVIDENCE_ITEM, item);
            }
        }
        int j = 0;
        for (NextFindings.NextFinding f : r.nextFindings()) {
            Resource node = m.createResource(base + "/next/" + (++j), AspsVocabulary.SUGGESTED_FINDING)
                    .addProperty(AspsVocabulary.ABOUT_FEATURE, m.createResource(f.feature()))
                    .addLiteral(AspsVocabulary.PREDICTIVE_PROBABILITY, m.createTypedLiteral(f.presentProbability()))
                    .addLiteral(AspsVocabulary.EXPECTED_INFORMATION_GAIN, m.createTypedLiteral(f.informationGain()))
                    .addProperty(RDFS.label, NextFindingText.sentence(f, labels), "en");
            ranking.addProperty(AspsVocabulary.SUGGESTS_FINDING, node);
        }
        m.add(ranking, RDF.type, AspsVocabulary.DIFFERENTIAL_DIAGNOSIS_RANKING);
        return m;
    }
}
