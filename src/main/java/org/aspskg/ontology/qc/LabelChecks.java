package org.aspskg.ontology.qc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.rdf.model.Statement;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDFS;
import org.aspskg.ontology.AspsVocabulary;

/**
 * ROBOT's label rules: missing_label, multiple_labels, duplicate_label, label_whitespace,
 * label_formatting, misused_obsolete_label and missing_obsolete_label.
 */
public final class LabelChecks implements QualityCheck {
    static final Pattern EDGE_WHITESPACE = Pattern.compile("^\\s|\\s$");
    private static final Pattern OBSOLETE_PREFIX = Pattern.compile("^obsolete", Pattern.CASE_INSENSITIVE);

    @Override
    public List<Finding> check(CheckedOntology o) {
        List<Finding> out = new ArrayList<>();
        String label = o.showIri(RDFS.label.getURI());
        Map<RDFNode, List<Resource>> byLabel = new LinkedHashMap<>();

        for (Resource s : o.namedSubjects()) {
            List<RDFNode> labels =
                    s.listProperties(RDFS.label).mapWith(Statement::getObject).toList();
            boolean deprecated = o.isDeprecated(s);
            labels.forEach(
                    l -> byLabel.computeIfAbsent(l, k -> new ArrayList<>()).add(s));

            boolean hasNonEmptyLabel =
                    labels.stream().anyMatch(l -> !CheckedOntology.str(l).isEmpty());
            if (!hasNonEmptyLabel
                    && !deprecated
                    && !o.hasType(s, OWL2.Ontology)
                    && !o.isSubsetProperty(s)
                    && o.isDescribed(s)) {
                out.add(new Finding("missing_label", o.show(s), label, ""));
            }
            if (labels.size() > 1 && !deprecated) {
                labels.forEach(l -> out.add(new Finding("multiple_labels", o.show(s), label, o.show(l))));
            }
            for (RDFNode l : labels) {
                String text = CheckedOntology.str(l);
                if (EDGE_WHITESPACE.matcher(text).find()) {
                    out.add(new Finding("label_whitespace", o.show(s), label, text));
                }
                if (text.contains("\n") || text.contains("\t")) {
                    out.add(new Finding("label_formatting", o.show(s), label, text));
                }
                boolean saysObsolete = OBSOLETE_PREFIX.matcher(text).find();
                if (saysObsolete && !deprecated && !s.equals(AspsVocabulary.OBSOLETE_CLASS)) {
                    out.add(new Finding("misused_obsolete_label", o.show(s), label, text));
                }
                if (!saysObsolete && deprecated) {
                    out.add(new Finding("missing_obsolete_label", o.show(s), label, text));
                }
            }
        }

        // Same label on two terms, unless both are deprecated.
        byLabel.forEach((value, terms) -> {
            for (Resource s : terms) {
                boolean clash = terms.stream().anyMatch(t -> !t.equals(s) && !(o.isDeprecated(s) && o.isDeprecated(t)));
                if (clash) out.add(new Finding("duplicate_label", o.show(s), label, o.show(value)));
            }
        });
        return out;
    }
}
