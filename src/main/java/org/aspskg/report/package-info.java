/**
 * The report model shared by the ontology's QC ({@link org.aspskg.ontology.qc}) and the mapping check
 * ({@link org.aspskg.mapping.MappingSetChecker}), in ROBOT's report columns. Entry point:
 * {@link org.aspskg.report.QualityReport}, rows of a {@link org.aspskg.report.Level}, written by a
 * {@link org.aspskg.report.ReportFormat}; a {@link org.aspskg.report.ReportProfile} gives rules their levels.
 */
package org.aspskg.report;
