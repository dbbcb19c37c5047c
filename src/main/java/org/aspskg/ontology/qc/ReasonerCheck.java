package org.aspskg.ontology.qc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDFS;
import org.aspskg.reason.JustificationFinder;
import org.semanticweb.HermiT.ReasonerFactory;
import org.semanticweb.owlapi.model.OWLAxiom;
import org.semanticweb.owlapi.model.OWLClass;
import org.semanticweb.owlapi.model.parameters.Imports;
import org.semanticweb.owlapi.reasoner.OWLReasoner;
import org.semanticweb.owlapi.reasoner.OWLReasonerFactory;

/**
 * What `robot reason --reasoner HermiT` insists on: the ontology is consistent
 * (inconsistent_ontology) and no named class is unsatisfiable (unsatisfiable_class). Each such row
 * carries one justification, rendered in Manchester syntax, so the editor sees which axioms clash.
 */
public final class ReasonerCheck implements QualityCheck {
    private final OWLReasonerFactory reasoners;

    public ReasonerCheck() {
        this(new ReasonerFactory());
    }

    public ReasonerCheck(OWLReasonerFactory reasoners) {
        this.reasoners = reasoners;
    }

    @Override
    public List<Finding> check(CheckedOntology o) {
        ManchesterRenderer render = new ManchesterRenderer(o);
        List<OWLAxiom> axioms = o.owl()
                .logicalAxioms(Imports.INCLUDED)
                .map(OWLAxiom.class::cast)
                .toList();
        JustificationFinder justifications = new JustificationFinder(reasoners);
        List<Finding> out = new ArrayList<>();
        OWLReasoner reasoner = reasoners.createReasoner(o.owl());
        try {
            if (!reasoner.isConsistent()) {
                out.add(new Finding(
                        "inconsistent_ontology",
                        render.ontology(),
                        "",
                        "ontology is inconsistent",
                        explain(render, justifications.forInconsistency(axioms))));
                return out;
            }
            List<OWLClass> unsatisfiable = reasoner.getUnsatisfiableClasses().getEntitiesMinusBottom().stream()
                    .sorted(Comparator.comparing((OWLClass c) -> c.getIRI().toString()))
                    .toList();
            for (OWLClass c : unsatisfiable) {
                out.add(new Finding(
                        "unsatisfiable_class",
                        o.showIri(c.getIRI().toString()),
                        o.show(RDFS.subClassOf),
                        o.show(OWL2.Nothing),
                        explain(render, justifications.forUnsatisfiable(c, axioms))));
            }
        } catch (RuntimeException e) {
            out.add(new Finding("reasoner_failure", render.ontology(), "HermiT", String.valueOf(e.getMessage())));
        } finally {
            reasoner.dispose();
        }
        return out;
    }

    private static List<String> explain(ManchesterRenderer render, Set<OWLAxiom> justification) {
        return justification.stream().map(render::render).sorted().toList();
    }
}
