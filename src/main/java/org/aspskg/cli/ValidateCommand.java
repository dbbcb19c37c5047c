package org.aspskg.cli;

import java.util.concurrent.Callable;
import org.aspskg.ontology.qc.OntologyValidator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code asps-kg validate}: the ontology's quality report (ROBOT's report rules, OWL 2 DL, HermiT, term policy). */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Check the ontology: RDF syntax, OWL 2 DL profile, HermiT consistency and satisfiability "
                    + "(with justifications), ROBOT's report rules and the asps-kg term policy.",
            "Exit 0 when no row is at or above --fail-on, 1 when some is, 2 when the file cannot be read."
        })
final class ValidateCommand implements Callable<Integer> {
    @Mixin
    OntologyOption ontology = new OntologyOption();

    @Mixin
    ReportOptions report = new ReportOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return report.printReport(() -> OntologyValidator.standard().validate(ontology.file()), ontology.file(), spec);
    }
}
