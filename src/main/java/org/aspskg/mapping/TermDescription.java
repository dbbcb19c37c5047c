package org.aspskg.mapping;

import java.util.List;

/**
 * What the ontology says about one term, as {@code asps-kg map} prints it: annotations, named
 * superclasses, the relations its restrictions give every instance, and the article's statements
 * about it (as a disease, or as the feature of a disease).
 */
public record TermDescription(
        String iri,
        List<String> labels,
        List<String> definitions,
        List<String> synonyms,
        List<Named> superclasses,
        List<Relation> relations,
        List<Statement> statements,
        List<Mention> mentions) {
    public TermDescription {
        labels = List.copyOf(labels);
        definitions = List.copyOf(definitions);
        synonyms = List.copyOf(synonyms);
        superclasses = List.copyOf(superclasses);
        relations = List.copyOf(relations);
        statements = List.copyOf(statements);
        mentions = List.copyOf(mentions);
    }

    /** The first label, or the IRI when the term has none. */
    public String label() {
        return labels.isEmpty() ? iri : labels.get(0);
    }

    /** An entity and its label ("" when it has none). */
    public record Named(String iri, String label) {}

    /** {@code term SubClassOf property some filler}. */
    public record Relation(String property, String propertyLabel, String filler, String fillerLabel) {}

    /** A statement node about the term as a disease: a feature with its evidence weight and age group. */
    public record Statement(
            String fact, String feature, String featureLabel, String weightLabel, String ageGroupLabel) {}

    /** A statement node in which the term is the feature of a disease. */
    public record Mention(String fact, String disease, String diseaseLabel, String weightLabel, String ageGroupLabel) {}
}
