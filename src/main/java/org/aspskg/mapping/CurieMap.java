package org.aspskg.mapping;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.jena.vocabulary.OWL;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.apache.jena.vocabulary.XSD;
import org.aspskg.ontology.AspsVocabulary;

/**
 * The prefix map of a mapping set: its {@code curie_map} plus SSSOM's built-in prefixes
 * (owl, rdf, rdfs, semapv, skos, sssom, xsd, linkml), which a file may omit but must not redefine.
 */
public final class CurieMap {
    /** SSSOM's built-in prefixes (specification, "IRI prefixes"). */
    public static final Map<String, String> BUILT_IN = builtIn();

    private final Map<String, String> declared;

    public CurieMap(Map<String, String> declared) {
        this.declared = Collections.unmodifiableMap(new LinkedHashMap<>(declared));
    }

    /** The prefixes the file declares, in file order. */
    public Map<String, String> declared() {
        return declared;
    }

    /** The IRI prefix of a prefix name: the declared one, else the built-in one. */
    public Optional<String> namespace(String prefix) {
        String ns = declared.get(prefix);
        return Optional.ofNullable(ns != null ? ns : BUILT_IN.get(prefix));
    }

    public boolean knows(String prefix) {
        return namespace(prefix).isPresent();
    }

    /** The IRI a CURIE stands for, or empty when its prefix is unknown. */
    public Optional<String> expand(Curie curie) {
        return namespace(curie.prefix()).map(ns -> ns + curie.localId());
    }

    /** The IRI of a CURIE given as text, or empty when it is not a CURIE or its prefix is unknown. */
    public Optional<String> expand(String curie) {
        return Curie.parse(curie).flatMap(this::expand);
    }

    /** Shortens an IRI with the longest matching IRI prefix (declared prefixes first). */
    public Optional<Curie> compress(String iri) {
        String bestPrefix = null;
        String bestNs = "";
        for (Map<String, String> map : List.of(declared, BUILT_IN)) {
            for (Map.Entry<String, String> e : map.entrySet()) {
                if (iri.startsWith(e.getValue()) && e.getValue().length() > bestNs.length()) {
                    bestPrefix = e.getKey();
                    bestNs = e.getValue();
                }
            }
        }
        return bestPrefix == null
                ? Optional.empty()
                : Optional.of(new Curie(bestPrefix, iri.substring(bestNs.length())));
    }

    /** A declared or built-in prefix equal to {@code prefix} ignoring case (users type ncit: or NCIT:). */
    public Optional<String> prefixIgnoringCase(String prefix) {
        if (knows(prefix)) return Optional.of(prefix);
        for (Map<String, String> map : List.of(declared, BUILT_IN)) {
            for (String p : map.keySet()) {
                if (p.equalsIgnoreCase(prefix)) return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> builtIn() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("owl", OWL.getURI());
        m.put("rdf", RDF.getURI());
        m.put("rdfs", RDFS.getURI());
        m.put("semapv", AspsVocabulary.SEMAPV);
        m.put("skos", AspsVocabulary.SKOS);
        m.put("sssom", AspsVocabulary.SSSOM);
        m.put("xsd", XSD.getURI());
        m.put("linkml", AspsVocabulary.LINKML);
        return Collections.unmodifiableMap(m);
    }
}
