package org.aspskg.ddx.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.DCTerms;
import org.aspskg.ddx.TestKnowledge;
import org.aspskg.ontology.AspsVocabulary;
import org.junit.jupiter.api.Test;

/**
 * The sources of a derived likelihood ratio are the ontology's IRIs of the works (and the article's numbered
 * references) that the rows it was derived from cite; numbers only for show.
 */
class DiseaseFeatureAssociationsTest {

    @Test
    void eachReferenceIsAWorkOrNumberedReferenceThatARowOfTheDerivedNodeCites() {
        Model ontology = TestKnowledge.knowledge().ontology();
        int cited = 0;
        int numbered = 0;
        for (Association a : TestKnowledge.knowledge().associations().all()) {
            Resource node = ontology.getResource(a.iri());
            Set<RDFNode> rowSources = new HashSet<>();
            node.listProperties(AspsVocabulary.DERIVED_FROM).forEach(row -> {
                Resource r = row.getResource();
                r.listProperties(DCTerms.source).forEach(st -> rowSources.add(st.getObject()));
                r.listProperties(AspsVocabulary.CITES_REFERENCE).forEach(st -> rowSources.add(st.getObject()));
            });
            int previous = Integer.MIN_VALUE;
            for (Reference ref : a.references()) {
                Resource r = ontology.getResource(ref.iri());
                assertTrue(rowSources.contains(r), a.iri() + " rests on a row citing " + ref.iri());
                if (ref.number() > 0) {
                    assertEquals(
                            ref.number(),
                            r.getProperty(AspsVocabulary.REFERENCE_NUMBER).getInt());
                    numbered++;
                }
                assertTrue(ref.number() >= previous, "by number: " + a.references());
                previous = ref.number();
                cited++;
            }
            assertEquals(rowSources.size(), a.references().size(), a.iri() + ": every source of its rows, once");
            if (a.references().isEmpty()) assertTrue(a.assumed(), a.iri() + ": no source, so an assumption");
        }
        assertTrue(cited > 300, cited + " sources cited");
        assertTrue(numbered > 10, numbered + " numbered references cited");
    }

    @Test
    void everyHypothesisHasADerivedNodeForEveryFeatureSomeSourceReports() {
        DiseaseFeatureAssociations k = TestKnowledge.knowledge().associations();
        assertEquals(6, k.hypotheses().size());
        Set<String> features = new HashSet<>();
        k.all().stream().filter(a -> a.ageGroup() == null).forEach(a -> features.add(a.feature()));
        for (String h : k.hypotheses()) {
            Set<String> own = new HashSet<>();
            k.of(h).stream().filter(a -> a.ageGroup() == null).forEach(a -> own.add(a.feature()));
            assertEquals(features, own, h);
        }
    }
}
