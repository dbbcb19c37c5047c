package org.aspskg.ddx.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFDataMgr;
import org.aspskg.ddx.TestKnowledge;
import org.aspskg.ddx.rank.DifferentialRanking;
import org.aspskg.ddx.read.CaseInput;
import org.aspskg.ontology.AspsVocabulary;
import org.junit.jupiter.api.Test;

/** The RDF form of a ranking answers SPARQL with the same ranking, and carries its case. */
class RankingGraphTest {
    private static final Path EXAMPLE = TestKnowledge.EXAMPLES.resolve("synovial-sarcoma-superficial-calcified.json");

    @Test
    void sparqlOverTheRankingGraphGivesTheRankedHypothesesAndTheirEvidence() {
        RankedCase ranked = TestKnowledge.pipeline().rank(TestKnowledge.read(EXAMPLE));
        DifferentialRanking r = ranked.ranking();
        Model m = ranked.rdf();
        ParameterizedSparqlString q = new ParameterizedSparqlString("""
                SELECT ?rank ?diagnosis ?log10 (GROUP_CONCAT(?item; separator=" ") AS ?evidence) WHERE {
                  ?ranking aspskg:rankingOfCase ?case ; aspskg:hasRankedHypothesis ?h .
                  ?h aspskg:rank ?rank ; aspskg:hypothesisDiagnosis ?diagnosis ; aspskg:log10LikelihoodRatio ?log10 .
                  OPTIONAL {
                    ?h aspskg:hasEvidenceItem ?e .
                    ?e a ?kind ; aspskg:basedOnAssociation ?a ; aspskg:likelihoodRatio ?lr .
                    FILTER (?kind IN (aspskg:SupportingEvidence, aspskg:OpposingEvidence, aspskg:EvidenceItem))
                    BIND (CONCAT(STR(?a), "=", STR(?lr)) AS ?item)
                  }
                } GROUP BY ?rank ?diagnosis ?log10 ORDER BY ?rank""");
        q.setNsPrefix("aspskg", AspsVocabulary.NS);
        q.setIri("case", r.patientCase().iri());
        List<String> fromSparql = new ArrayList<>();
        try (QueryExecution qe = QueryExecution.create(q.asQuery(), m)) {
            qe.execSelect()
                    .forEachRemaining(s -> fromSparql.add(s.getLiteral("rank").getInt() + " "
                            + s.getResource("diagnosis").getURI() + " "
                            + s.getLiteral("log10").getDouble() + " "
                            + sorted(
                                    s.contains("evidence")
                                            ? s.getLiteral("evidence").getString()
                                            : "")));
        }
        List<String> expected = r.hypotheses().stream()
                .map(h -> h.rank() + " " + h.disease() + " "
                        + h.log10LikelihoodRatio() + " "
                        + sorted(h.evidence().stream()
                                .map(e -> e.association().iri() + "=" + e.likelihoodRatio())
                                .collect(Collectors.joining(" "))))
                .toList();
        assertEquals(expected, fromSparql);
    }

    private static String sorted(String items) {
        return Arrays.stream(items.split(" "))
                .filter(s -> !s.isEmpty())
                .sorted()
                .collect(Collectors.joining(" "));
    }

    @Test
    void rankingGraphReadsBackAsTheSameCaseAndRanksTheSame() {
        RankedCase ranked = TestKnowledge.pipeline().rank(TestKnowledge.read(EXAMPLE));
        DifferentialRanking r = ranked.ranking();
        StringWriter ttl = new StringWriter();
        RDFDataMgr.write(ttl, ranked.rdf(), Lang.TURTLE);
        DifferentialRanking again = TestKnowledge.rank(CaseInput.turtle(ttl.toString(), "ranking.ttl"));
        assertEquals(TestKnowledge.signature(r), TestKnowledge.signature(again));
        assertEquals(r.patientCase().iri(), again.patientCase().iri());
    }

    @Test
    void rankingTheSameCaseTwiceGivesTheSameGraph() {
        RankedCase one = TestKnowledge.pipeline().rank(TestKnowledge.read(EXAMPLE));
        RankedCase two = TestKnowledge.pipeline().rank(TestKnowledge.read(EXAMPLE));
        assertEquals(true, one.rdf().isIsomorphicWith(two.rdf()));
    }
}
