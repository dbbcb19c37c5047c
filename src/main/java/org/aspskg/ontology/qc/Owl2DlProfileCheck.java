package org.aspskg.ontology.qc;

import java.util.List;
import org.semanticweb.owlapi.model.OWLAxiom;
import org.semanticweb.owlapi.profiles.OWL2DLProfile;
import org.semanticweb.owlapi.profiles.OWLProfileViolation;

/** Each violation of the OWL 2 DL profile (the OWL API's checker, as `robot validate-profile --profile DL`). */
public final class Owl2DlProfileCheck implements QualityCheck {
    @Override
    public List<Finding> check(CheckedOntology o) {
        ManchesterRenderer render = new ManchesterRenderer(o);
        return new OWL2DLProfile()
                .checkOntology(o.owl()).getViolations().stream()
                        .map(v -> finding(o, render, v))
                        .toList();
    }

    private static Finding finding(CheckedOntology o, ManchesterRenderer render, OWLProfileViolation v) {
        OWLAxiom axiom = axiomOf(v);
        String subject = axiom == null
                ? render.ontology()
                : axiom.signature()
                        .sorted()
                        .findFirst()
                        .map(e -> o.showIri(e.getIRI().toString()))
                        .orElse(render.ontology());
        String message =
                String.valueOf(v.toString()).lines().findFirst().orElse("").trim();
        List<String> explanation = axiom == null ? List.of() : List.of(render.render(axiom));
        return new Finding("owl2_dl_profile", subject, v.getClass().getSimpleName(), message, explanation);
    }

    /** The offending axiom; violations about the ontology header (e.g. its IRI) have none. */
    private static OWLAxiom axiomOf(OWLProfileViolation v) {
        try {
            return v.getAxiom();
        } catch (IllegalStateException noAxiom) {
            return null;
        }
    }
}
