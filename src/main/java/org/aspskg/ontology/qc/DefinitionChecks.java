package org.aspskg.ontology.qc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.jena.rdf.model.Property;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.vocabulary.OWL2;
import org.aspskg.ontology.AspsVocabulary;

/**
 * ROBOT's definition rules over IAO definitions and elucidations: missing_definition,
 * multiple_definitions, duplicate_definition and lowercase_definition.
 */
public final class DefinitionChecks implements QualityCheck {
    private static final List<Property> DEFINING = List.of(AspsVocabulary.DEFINITION, AspsVocabulary.ELUCIDATION);
    private static final Pattern STARTS_UPPER_OR_DIGIT = Pattern.compile("^[A-Z0-9]");

    @Override
    public List<Finding> check(CheckedOntology o) {
        List<Finding> out = new ArrayList<>();
        for (Resource s : o.namedSubjects()) {
            boolean deprecated = o.isDeprecated(s);
            boolean defined = DEFINING.stream().anyMatch(s::hasProperty);
            if (!defined
                    && !deprecated
                    && !o.hasType(s, OWL2.Ontology)
                    && !o.hasType(s, OWL2.NamedIndividual)
                    && !o.isSubsetProperty(s)
                    && o.isDescribed(s)) {
                out.add(new Finding(
                        "missing_definition", o.show(s), o.showIri(AspsVocabulary.DEFINITION.getURI()), ""));
            }
            if (deprecated) continue;
            for (Property p : DEFINING) {
                List<RDFNode> values =
                        s.listProperties(p).mapWith(Statement::getObject).toList();
                for (RDFNode v : values) {
                    if (values.size() > 1) {
                        out.add(new Finding("multiple_definitions", o.show(s), o.showIri(p.getURI()), o.show(v)));
                    }
                    if (!STARTS_UPPER_OR_DIGIT.matcher(CheckedOntology.str(v)).find()) {
                        out.add(new Finding("lowercase_definition", o.show(s), o.showIri(p.getURI()), o.show(v)));
                    }
                }
            }
        }
        for (Property p : DEFINING) {
            Map<RDFNode, List<Resource>> byText = new LinkedHashMap<>();
            o.rdf()
                    .listStatements(null, p, (RDFNode) null)
                    .filterKeep(st -> !o.isDeprecated(st.getSubject()))
                    .forEachRemaining(st -> byText.computeIfAbsent(st.getObject(), k -> new ArrayList<>())
                            .add(st.getSubject()));
            byText.forEach((text, terms) -> {
                if (terms.size() < 2) return;
                terms.stream()
                        .filter(Resource::isURIResource)
                        .forEach(s -> out.add(
                                new Finding("duplicate_definition", o.show(s), o.showIri(p.getURI()), o.show(text))));
            });
        }
        return out;
    }
}
