/**
 * The patient case model, shared by every stage: {@link org.aspskg.ddx.cases.PatientCase} and its
 * {@link org.aspskg.ddx.cases.CaseStatement}s with their {@link org.aspskg.ddx.cases.SourcePosition}s,
 * the ontology's {@link org.aspskg.ddx.cases.DemographicGroups} (what an age and a sex decide), and
 * the one mapping of a case to RDF.
 *
 * <p>Entry point: {@link org.aspskg.ddx.cases.CaseRdf}, the case as RDF for every writer.
 */
package org.aspskg.ddx.cases;
