package org.aspskg.mapping;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.query.ResultSet;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.RDFNode;
import org.apache.jena.vocabulary.RDFS;
import org.aspskg.ontology.AspsVocabulary;

/**
 * Answers "what does the graph know about this term?" with SPARQL over the ontology: the queries
 * are resources beside this class ({@code term-*.rq}), their prefixes come from
 * {@link AspsVocabulary#STANDARD_PREFIXES} and the term is bound with a {@link ParameterizedSparqlString}.
 */
public final class TermDescriber {
    private final Model ontology;

    public TermDescriber(Model ontology) {
        this.ontology = ontology;
    }

    public TermDescription describe(String iri) {
        List<String> labels = new ArrayList<>();
        List<String> definitions = new ArrayList<>();
        List<String> synonyms = new ArrayList<>();
        for (QuerySolution s : select("term-annotations.rq", iri)) {
            String property = s.getResource("property").getURI();
            String value = text(s, "value");
            if (property.equals(RDFS.label.getURI())) labels.add(value);
            else if (property.equals(AspsVocabulary.DEFINITION.getURI())) definitions.add(value);
            else synonyms.add(value);
        }
        return new TermDescription(
                iri,
                labels,
                definitions,
                synonyms,
                map(
                        "term-superclasses.rq",
                        iri,
                        s -> new TermDescription.Named(uri(s, "superclass"), text(s, "label"))),
                map(
                        "term-relations.rq",
                        iri,
                        s -> new TermDescription.Relation(
                                uri(s, "property"),
                                text(s, "propertyLabel"),
                                uri(s, "filler"),
                                text(s, "fillerLabel"))),
                map(
                        "term-statements.rq",
                        iri,
                        s -> new TermDescription.Statement(
                                uri(s, "fact"),
                                uri(s, "feature"),
                                text(s, "featureLabel"),
                                text(s, "weightLabel"),
                                text(s, "ageGroupLabel"))),
                map(
                        "term-mentions.rq",
                        iri,
                        s -> new TermDescription.Mention(
                                uri(s, "fact"),
                                uri(s, "disease"),
                                text(s, "diseaseLabel"),
                                text(s, "weightLabel"),
                                text(s, "ageGroupLabel"))));
    }

    /** True when the ontology says anything about the IRI as a subject. */
    public boolean knows(String iri) {
        return ontology.containsResource(ontology.createResource(iri))
                && ontology.listStatements(ontology.createResource(iri), null, (RDFNode) null)
                        .hasNext();
    }

    private <T> List<T> map(String query, String iri, Function<QuerySolution, T> row) {
        return select(query, iri).stream().map(row).toList();
    }

    private List<QuerySolution> select(String queryResource, String iri) {
        ParameterizedSparqlString pss = new ParameterizedSparqlString(resource(queryResource));
        pss.setNsPrefixes(AspsVocabulary.STANDARD_PREFIXES);
        pss.setIri("term", iri);
        List<QuerySolution> rows = new ArrayList<>();
        try (QueryExecution qe =
                QueryExecution.model(ontology).query(pss.asQuery()).build()) {
            ResultSet rs = qe.execSelect();
            rs.forEachRemaining(rows::add);
        }
        return rows;
    }

    private static String resource(String name) {
        try (InputStream in = TermDescriber.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing query resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String uri(QuerySolution s, String var) {
        RDFNode n = s.get(var);
        return n != null && n.isURIResource() ? n.asResource().getURI() : "";
    }

    private static String text(QuerySolution s, String var) {
        RDFNode n = s.get(var);
        return n != null && n.isLiteral() ? n.asLiteral().getLexicalForm() : "";
    }
}
