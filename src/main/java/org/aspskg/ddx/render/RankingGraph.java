package org.aspskg.ddx.render;

import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
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
