package org.aspskg.ontology.qc;

import org.semanticweb.owlapi.manchestersyntax.renderer.ManchesterOWLSyntaxOWLObjectRendererImpl;
import org.semanticweb.owlapi.model.OWLEntity;
import org.semanticweb.owlapi.model.OWLObject;
import org.semanticweb.owlapi.util.ShortFormProvider;

/** Renders axioms in Manchester syntax, naming entities by the same CURIEs as the report's columns. */
final class ManchesterRenderer {
    private final CheckedOntology ontology;
    private final ManchesterOWLSyntaxOWLObjectRendererImpl renderer = new ManchesterOWLSyntaxOWLObjectRendererImpl();

    ManchesterRenderer(CheckedOntology ontology) {
        this.ontology = ontology;
        ShortFormProvider curies = new ShortFormProvider() {
            @Override
            public String getShortForm(OWLEntity entity) {
                return ontology.showIri(entity.getIRI().toString());
            }

            @Override
            public void dispose() {}
        };
        renderer.setShortFormProvider(curies);
    }

    String render(OWLObject object) {
        return renderer.render(object).replaceAll("\\s+", " ").trim();
    }

    /** The ontology's IRI as a CURIE, or its source name when it has none. */
    String ontology() {
        return ontology.owl()
                .getOntologyID()
                .getOntologyIRI()
                .map(iri -> ontology.showIri(iri.toString()))
                .orElse(ontology.name());
    }
}
