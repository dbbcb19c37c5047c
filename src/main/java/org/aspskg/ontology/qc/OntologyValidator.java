package org.aspskg.ontology.qc;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.aspskg.report.Level;
import org.aspskg.report.QualityReport;
import org.aspskg.report.ReportProfile;
import org.aspskg.report.ReportRow;

/**
 * The quality-control operation behind {@code asps-kg validate}: runs every check over an
 * ontology and gives each finding the level its rule has in the profile.
 */
public final class OntologyValidator {
    private final ReportProfile profile;
    private final List<QualityCheck> checks;

    public OntologyValidator(ReportProfile profile, List<QualityCheck> checks) {
        this.profile = profile;
        this.checks = List.copyOf(checks);
    }

    /**
     * asps-kg's profile ({@code report_profile.tsv}): ROBOT 1.9.8's default levels for ROBOT's rules plus
     * asps-kg's own rules (the reasoner, the DL profile and the term policy).
     */
    public static ReportProfile standardProfile() {
        return ReportProfile.resource(OntologyValidator.class, "report_profile.tsv");
    }

    /** The standard profile with all checks: ROBOT's report rules, the DL profile, HermiT and the term policy. */
    public static OntologyValidator standard() {
        return new OntologyValidator(
                standardProfile(),
                List.of(
                        new OntologyHeaderChecks(),
                        new LabelChecks(),
                        new DefinitionChecks(),
                        new AnnotationChecks(),
                        new AxiomShapeChecks(),
                        new TermPolicyCheck(),
                        new Owl2DlProfileCheck(),
                        new ReasonerCheck()));
    }

    /** Reads and validates a file; an RDF syntax error fails with file:line:col before any check runs. */
    public QualityReport validate(Path file) {
        return validate(CheckedOntology.read(file));
    }

    public QualityReport validate(CheckedOntology ontology) {
        List<ReportRow> rows = new ArrayList<>();
        for (QualityCheck check : checks) {
            for (Finding f : check.check(ontology)) {
                profile.level(f.rule()).ifPresent(level -> rows.add(row(level, f)));
            }
        }
        return new QualityReport(ontology.name(), rows.stream().distinct().toList());
    }

    private static ReportRow row(Level level, Finding f) {
        return new ReportRow(level, f.rule(), f.subject(), f.property(), f.value(), f.explanation());
    }
}
