package org.aspskg.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.aspskg.ontology.OntologyLoader;
import org.aspskg.reason.ClassHierarchy;
import org.aspskg.reason.Classification;
import org.aspskg.reason.ElkCoverage;
import org.aspskg.reason.HierarchyFormat;
import org.aspskg.reason.ReasonerKind;
import org.semanticweb.owlapi.model.OWLOntology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code asps-kg reason}: classify only, and print the inferred class hierarchy. */
@Command(
        name = "reason",
        mixinStandardHelpOptions = true,
        description = {
            "Classify the ontology and print the inferred class hierarchy (stdout); inferred edges "
                    + "are marked. With --reasoner elk, also lists the axioms outside OWL 2 EL that ELK ignores "
                    + "and the subsumptions HermiT finds that ELK misses (stderr)."
        })
final class ReasonCommand implements Callable<Integer> {
    @Mixin
    OntologyOption ontology = new OntologyOption();

    @Option(names = "--reasoner", paramLabel = "hermit|elk", description = "Reasoner (default: ${DEFAULT-VALUE}).")
    String reasoner = "hermit";

    @Option(
            names = "--format",
            paramLabel = "tree|tsv",
            defaultValue = "tree",
            description = "tree: indented hierarchy; tsv: one direct subsumption a line, child, parent, "
                    + "asserted|inferred (default: ${DEFAULT-VALUE}).")
    HierarchyFormat format;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ReasonerKind kind = ReasonerKind.parse(reasoner);
        OWLOntology o = OntologyLoader.load(ontology.file());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Classification c = Classification.classify(o, kind)) {
            ClassHierarchy hierarchy = new ClassHierarchy(c);
            format.write(hierarchy, out);
            out.flush();
            err.printf(
                    Locale.ROOT,
                    "%s: %d classes, %d direct subsumptions, %d inferred (not asserted), %d ms%n",
                    kind.displayName(),
                    c.namedClasses().size(),
                    hierarchy.edges().size(),
                    hierarchy.inferredEdges().size(),
                    c.duration().toMillis());
            if (kind == ReasonerKind.ELK) reportElkGaps(o, hierarchy, err);
        }
        err.flush();
        return 0;
    }

    private static void reportElkGaps(OWLOntology o, ClassHierarchy elk, PrintWriter err) {
        ElkCoverage coverage = new ElkCoverage(o);
        err.printf(
                Locale.ROOT,
                "ELK ignores (or uses only the EL part of) %d logical axioms outside OWL 2 EL: %s%n",
                coverage.axiomsOutsideEl().size(),
                coverage.violationsByKind());
        try (Classification hermit = Classification.classify(o, ReasonerKind.HERMIT)) {
            Set<String> elkEdges = elk.edges().stream().map(ReasonCommand::key).collect(Collectors.toSet());
            var missed = new ClassHierarchy(hermit)
                    .edges().stream()
                            .filter(e -> !e.parent().isOWLThing() && !elkEdges.contains(key(e)))
                            .toList();
            err.printf(Locale.ROOT, "HermiT finds %d direct subsumptions that ELK does not:%n", missed.size());
            missed.forEach(e -> err.printf(
                    Locale.ROOT,
                    "  %s SubClassOf %s%n",
                    e.child().getIRI().getShortForm(),
                    e.parent().getIRI().getShortForm()));
        }
    }

    private static String key(ClassHierarchy.Edge e) {
        return e.child().getIRI() + " " + e.parent().getIRI();
    }
}
