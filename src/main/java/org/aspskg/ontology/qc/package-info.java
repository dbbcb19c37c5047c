/**
 * The ontology's quality control behind {@code asps-kg validate}. Entry point:
 * {@link org.aspskg.ontology.qc.OntologyValidator}, which runs every {@link org.aspskg.ontology.qc.QualityCheck}
 * (ROBOT's report rules, the OWL 2 DL profile, HermiT, asps-kg's term policy) and gives each finding the
 * level of its rule in the profile ({@code report_profile.tsv}). The report itself is {@link org.aspskg.report}'s.
 */
package org.aspskg.ontology.qc;
