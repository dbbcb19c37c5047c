package org.aspskg.ontology.qc;

import java.util.ArrayList;
import java.util.List;
import org.apache.jena.rdf.model.Resource;
import org.apache.jena.vocabulary.DCTerms;
import org.apache.jena.vocabulary.DC_11;
import org.apache.jena.vocabulary.OWL2;
import org.apache.jena.vocabulary.RDF;

/** ROBOT's ontology header rules: missing_ontology_title, missing_ontology_description, missing_ontology_license. */
public final class OntologyHeaderChecks implements QualityCheck {
    @Override
    public List<Finding> check(CheckedOntology o) {
        List<Finding> out = new ArrayList<>();
        for (Resource ont :
                o.rdf().listSubjectsWithProperty(RDF.type, OWL2.Ontology).toList()) {
            if (!ont.hasProperty(DC_11.title) && !ont.hasProperty(DCTerms.title)) {
                out.add(new Finding("missing_ontology_title", o.show(ont), o.showIri(DCTerms.title.getURI()), ""));
            }
            if (!ont.hasProperty(DC_11.description) && !ont.hasProperty(DCTerms.description)) {
                out.add(new Finding(
                        "missing_ontology_description", o.show(ont), o.showIri(DCTerms.description.getURI()), ""));
            }
            if (!ont.hasProperty(DCTerms.license)) {
                out.add(new Finding("missing_ontology_license", o.show(ont), o.showIri(DCTerms.license.getURI()), ""));
            }
        }
        return out;
    }
}
