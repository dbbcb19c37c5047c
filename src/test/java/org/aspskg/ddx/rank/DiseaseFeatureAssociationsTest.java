package org.aspskg.ddx.rank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.Resource;
import org.aspskg.ddx.TestKnowledge;
import org.aspskg.ontology.AspsVocabulary;
import org.junit.jupiter.api.Test;

/** References stay the ontology's IRIs from the associations to the ranking graph, numbers only for show. */
class DiseaseFeatureAssociationsTest {

    @Test
    void eachReferenceIsAnIriTheAssociationCitesWithItsNumber() {
        Model ontology = TestKnowledge.knowledge().ontology();
        int cited = 0;
        for (Association a : TestKnowledge.knowledge().associations().all()) {
            int previous = Integer.MIN_VALUE;
            for (Reference ref : a.references()) {
                Resource r = ontology.getResource(ref.iri());
                assertTrue(
                        ontology.contains(ontology.getResource(a.iri()), AspsVocabulary.CITES_REFERENCE, r),
                        a.iri() + " cites " + ref.iri());
                assertEquals(
                        ref.number(),
                        r.getProperty(AspsVocabulary.REFERENCE_NUMBER).getInt());
                assertTrue(ref.number() >= previous, "by number: " + a.references());
                previous = ref.number();
                cited++;
            }
        }
        assertTrue(cited > 10, cited + " references cited");
    }
}
