package org.aspskg.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.Dataset;
import org.apache.jena.query.DatasetFactory;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.sparql.core.Var;
import org.apache.jena.sparql.engine.binding.Binding;
import org.apache.jena.sparql.engine.binding.BindingBuilder;
import org.apache.jena.system.Txn;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.TDB2;
import org.apache.jena.vocabulary.SKOS;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.ontology.OntologyLoader;
import org.junit.jupiter.api.Test;

/**
 * 13-external-codes-per-disease.rq lists both kinds of code the mappings graph holds: SKOS relations to
 * external IRIs and oboInOwl:hasDbXref CURIEs, here of a graph with one of each (the library's expected
 * file checks the whole mapping set). The two codes are rows of ontology/mappings/asps.sssom.tsv,
 * verified there with sources.
 */
class ExternalCodesQueryTest {
    private static final String MONDO_ASPS = AspsVocabulary.OBO + "MONDO_0011655";

    @Test
    void externalCodesQueryListsSkosMappingsAndCrossReferencesOfTheMappingsGraph() {
        DatasetGraph dsg = DatabaseMgr.createDatasetGraph();
        dsg.getContext().set(TDB2.symUnionDefaultGraph, true);
        Model asserted = OntologyLoader.readRdf(OntologyLoader.DEFAULT_ONTOLOGY);
        Node asps = NodeFactory.createURI(AspsVocabulary.iri("AlveolarSoftPartSarcoma"));
        Node mappings = NodeFactory.createURI(AspsVocabulary.GRAPH_MAPPINGS);
        Txn.executeWrite(dsg, () -> {
            asserted.getGraph()
                    .find()
                    .forEachRemaining(t -> dsg.add(
                            NodeFactory.createURI(AspsVocabulary.GRAPH_ASSERTED),
                            t.getSubject(),
                            t.getPredicate(),
                            t.getObject()));
            dsg.add(mappings, asps, SKOS.exactMatch.asNode(), NodeFactory.createURI(MONDO_ASPS));
            dsg.add(mappings, asps, AspsVocabulary.HAS_DB_XREF.asNode(), NodeFactory.createLiteralString("NCIT:C3750"));
        });
        Dataset dataset = DatasetFactory.wrap(dsg);
        LibraryQuery q = QueryLibrary.load(QueryLibrary.DEFAULT_DIR).find("external-codes-per-disease");

        QueryAnswer.Table answer = (QueryAnswer.Table) SparqlQueries.answer(dataset, q.parse());

        Node label = NodeFactory.createLiteralLang("alveolar soft part sarcoma", "en");
        QueryAnswer.Table expected = new QueryAnswer.Table(
                Var.varList(List.of("disease", "relation", "code", "vocabulary")),
                List.of(
                        row(label, "exactMatch", NodeFactory.createURI(MONDO_ASPS), null),
                        row(label, "hasDbXref", NodeFactory.createLiteralString("NCIT:C3750"), "NCIT")));
        assertEquals(Optional.empty(), AnswerComparison.differences(q.parse(), expected, answer));
    }

    private static Binding row(Node disease, String relation, Node code, String vocabulary) {
        BindingBuilder b = BindingBuilder.create();
        b.add(Var.alloc("disease"), disease);
        b.add(Var.alloc("relation"), NodeFactory.createLiteralString(relation));
        b.add(Var.alloc("code"), code);
        if (vocabulary != null) b.add(Var.alloc("vocabulary"), NodeFactory.createLiteralString(vocabulary));
        return b.build();
    }
}
