package org.aspskg.ddx.read;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDFS;
import org.aspskg.ontology.AspsVocabulary;

/**
 * The findings on one imaging modality, read from the ontology's axioms: a class {@code S} with
 * {@code SubClassOf(S G)} (a named finding) and {@code SubClassOf(S ObjectSomeValuesFrom(observedWith
 * M))}, where {@code M} is or falls under MRI, CT, radiography or ultrasonography, is "{@code G} on that
 * modality" (necrosis on MRI, heterogeneous enhancement on contrast CT, hypervascularity on Doppler).
 * The free-text reader uses it to read a finding named without its modality in a text about one
 * ({@code org.aspskg.text.ModalityContext}). A general finding with two such classes on one modality is
 * left out for that modality (the text does not say which).
 */
public final class ModalityFindings {
    /** The modalities of {@code modalities.tsv}, by the ontology's class. */
    private static final Map<Resource, String> TOP = Map.of(
            AspsVocabulary.MAGNETIC_RESONANCE_IMAGING, "MRI",
            AspsVocabulary.COMPUTED_TOMOGRAPHY, "CT",
            AspsVocabulary.RADIOGRAPHY, "radiograph",
            AspsVocabulary.ULTRASONOGRAPHY, "ultrasound");

    private ModalityFindings() {}

    /** general finding IRI → modality → the finding on that modality. */
    public static Map<String, Map<String, String>> read(Model m) {
        Map<String, Map<String, Set<String>>> found = new LinkedHashMap<>();
        for (Statement st : m.listStatements(null, OWL2.onProperty, AspsVocabulary.OBSERVED_WITH)
                .toList()) {
            Resource restriction = st.getSubject();
            RDFNode filler = restriction.getProperty(OWL2.someValuesFrom) == null
                    ? null
                    : restriction.getProperty(OWL2.someValuesFrom).getObject();
            if (filler == null || !filler.isURIResource()) continue;
            String modality = modalityOf(m, filler.asResource(), new HashSet<>());
            if (modality == null) continue;
            for (Resource specific :
                    m.listSubjectsWithProperty(RDFS.subClassOf, restriction).toList()) {
                if (!specific.isURIResource()) continue;
                for (RDFNode g :
                        m.listObjectsOfProperty(specific, RDFS.subClassOf).toList()) {
                    if (!g.isURIResource() || g.equals(AspsVocabulary.FINDING)) continue;
                    if (observed(m, g.asResource())) continue; // already a finding on a modality
                    found.computeIfAbsent(g.asResource().getURI(), k -> new HashMap<>())
                            .computeIfAbsent(modality, k -> new HashSet<>())
                            .add(specific.getURI());
                }
            }
        }
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        found.forEach((general, byModality) -> byModality.forEach((modality, specifics) -> {
            if (specifics.size() == 1)
                out.computeIfAbsent(general, k -> new LinkedHashMap<>())
                        .put(modality, List.copyOf(specifics).get(0));
        }));
        return out;
    }

    /**
     * finding IRI → the modality it is observed with, for every finding of the ontology stated to be
     * observed with one of the four ({@code SubClassOf(S ObjectSomeValuesFrom(observedWith M))}).
     */
    public static Map<String, String> observedOn(Model m) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Statement st : m.listStatements(null, OWL2.onProperty, AspsVocabulary.OBSERVED_WITH)
                .toList()) {
            Resource restriction = st.getSubject();
            Statement some = restriction.getProperty(OWL2.someValuesFrom);
            if (some == null || !some.getObject().isURIResource()) continue;
            String modality = modalityOf(m, some.getObject().asResource(), new HashSet<>());
            if (modality == null) continue;
            for (Resource specific :
                    m.listSubjectsWithProperty(RDFS.subClassOf, restriction).toList()) {
                if (specific.isURIResource()) out.putIfAbsent(specific.getURI(), modality);
            }
        }
        return out;
    }

    /** The IRIs of a class and its asserted subclasses, transitively (the sites that are bones). */
    public static Set<String> subclassesOf(Model m, Resource top) {
        Set<String> out = new HashSet<>();
        List<Resource> frontier = List.of(top);
        while (!frontier.isEmpty()) {
            List<Resource> next = new java.util.ArrayList<>();
            for (Resource r : frontier) {
                if (!r.isURIResource() || !out.add(r.getURI())) continue;
                next.addAll(m.listSubjectsWithProperty(RDFS.subClassOf, r).toList());
            }
            frontier = next;
        }
        return out;
    }

    private static boolean observed(Model m, Resource c) {
        for (RDFNode sup : m.listObjectsOfProperty(c, RDFS.subClassOf).toList()) {
            if (sup.isAnon() && sup.asResource().hasProperty(OWL2.onProperty, AspsVocabulary.OBSERVED_WITH))
                return true;
        }
        return false;
    }

    private static String modalityOf(Model m, Resource c, Set<Resource> seen) {
        if (TOP.containsKey(c)) return TOP.get(c);
        if (!seen.add(c)) return null;
        for (RDFNode sup : m.listObjectsOfProperty(c, RDFS.subClassOf).toList()) {
            if (!sup.isURIResource()) continue;
            String found = modalityOf(m, sup.asResource(), seen);
            if (found != null) return found;
        }
        return null;
    }
}
