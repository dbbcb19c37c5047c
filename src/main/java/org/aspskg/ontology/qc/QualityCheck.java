package org.aspskg.ontology.qc;

import java.util.List;

/** A family of report rules run over one ontology. Checks only find; the profile decides levels. */
public interface QualityCheck {
    List<Finding> check(CheckedOntology ontology);
}
