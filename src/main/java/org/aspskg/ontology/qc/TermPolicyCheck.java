package org.aspskg.ontology.qc;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.rdf.model.Literal;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;
import org.apache.jena.vocabulary.RDFS;
import org.aspskg.ontology.AspsVocabulary;

/**
 * asps-kg's own policy, stricter than ROBOT: every class and every object, data and annotation
 * property declared in the asps-kg namespace has exactly one rdfs:label, tagged @en
 * (asps_term_label), and exactly one IAO definition (asps_term_definition).
 */
public final class TermPolicyCheck implements QualityCheck {
    private static final List<Resource> TERM_TYPES =
            List.of(OWL2.Class, OWL2.ObjectProperty, OWL2.DatatypeProperty, OWL2.AnnotationProperty);

    @Override
    public List<Finding> check(CheckedOntology o) {
        List<Finding> out = new ArrayList<>();
        for (Resource term : ourTerms(o)) {
            List<RDFNode> labels = term.listProperties(RDFS.label)
                    .mapWith(Statement::getObject)
                    .toList();
            long english = labels.stream()
                    .filter(l -> l.isLiteral() && isEnglish(l.asLiteral()))
                    .count();
            if (labels.size() != 1 || english != 1) {
                String value = labels.isEmpty()
                        ? "no label"
                        : labels.size() + (labels.size() == 1 ? " label, " : " labels, ") + english + " @en";
                out.add(new Finding("asps_term_label", o.show(term), o.show(RDFS.label), value));
            }
            long definitions =
                    term.listProperties(AspsVocabulary.DEFINITION).toList().size();
            if (definitions != 1) {
                out.add(new Finding(
                        "asps_term_definition",
                        o.show(term),
                        o.show(AspsVocabulary.DEFINITION),
                        definitions == 0 ? "no definition" : definitions + " definitions"));
            }
        }
        return out;
    }

    private static Set<Resource> ourTerms(CheckedOntology o) {
        Set<Resource> terms = new TreeSet<>((a, b) -> a.getURI().compareTo(b.getURI()));
        for (Resource type : TERM_TYPES) {
            o.rdf()
                    .listSubjectsWithProperty(RDF.type, type)
                    .filterKeep(r -> r.isURIResource() && r.getURI().startsWith(AspsVocabulary.NS))
                    .forEachRemaining(terms::add);
        }
        return terms;
    }

    private static boolean isEnglish(Literal l) {
        return l.getLanguage().equalsIgnoreCase("en");
    }
}
