package org.aspskg.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.cohort.CohortGenerator;
import org.aspskg.ddx.cohort.CohortWriter;
import org.aspskg.ontology.OntologyLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code asps-kg generate}: a deterministic synthetic case cohort. */
@Command(
        name = "generate",
        mixinStandardHelpOptions = true,
        description = {
            "Write a deterministic synthetic cohort of patient cases drawn from the ontology's "
                    + "disease-feature associations (same seed, same bytes).",
            "DIR/json/<id>.json (the JSON case format), DIR/cohort.ttl and DIR/cohort.nt (the Turtle case "
                    + "format, all cases), DIR/truth.tsv (each case's true diagnosis)."
        })
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--cases", required = true, paramLabel = "N", description = "Number of cases.")
    int cases;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
    Path out;

    @Option(
            names = "--format",
            paramLabel = "json|ttl|nt|all",
            description = "What to write (default: ${DEFAULT-VALUE}).")
    String format = "all";

    @Option(names = "--ontology", paramLabel = "FILE", description = "Ontology (default: ontology/asps.ttl).")
    Path ontology = OntologyLoader.DEFAULT_ONTOLOGY;

    @Option(names = "--shapes", paramLabel = "FILE", description = "SHACL case shapes (default: ${DEFAULT-VALUE}).")
    Path shapes = DdxKnowledge.DEFAULT_SHAPES;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (cases < 1)
            throw new AspsKgException("--cases " + cases + ": must be at least 1", "Give a positive number.");
        var formats = CohortWriter.Format.parse(format);
        DdxKnowledge knowledge = DdxKnowledge.cached(ontology, shapes);
        long start = System.nanoTime();
        List<CohortGenerator.GeneratedCase> cohort = knowledge.cohortGenerator().generate(cases, seed);
        knowledge.cohortWriter().write(cohort, out, formats);
        spec.commandLine()
                .getErr()
                .printf(
                        "generate: %,d cases (seed %d) in %s in %.1f s%n",
                        cases, seed, out.toAbsolutePath(), (System.nanoTime() - start) / 1e9);
        return 0;
    }
}
