package org.aspskg.cli;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.cohort.CohortWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
            "DIR/json/<id>.json (the JSON case format), DIR/cohort.jsonl (the same JSON cases, one a line), "
                    + "DIR/cohort.ttl and DIR/cohort.nt (the Turtle case format, all cases), DIR/truth.tsv (each "
                    + "case's true diagnosis)."
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
            paramLabel = "json|jsonl|ttl|nt|all",
            defaultValue = "all",
            description = "What to write (default: ${DEFAULT-VALUE}).")
    Format format;

    @Mixin
    OntologyOption ontology = new OntologyOption();

    @Mixin
    KnowledgeCacheOption knowledgeCache = new KnowledgeCacheOption();

    @Mixin
    ShapesOption shapes = new ShapesOption();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (cases < 1)
            throw new AspsKgException("--cases " + cases + ": must be at least 1", "Give a positive number.");
        DdxKnowledge knowledge = DdxKnowledge.cached(ontology.file(), shapes.file(), knowledgeCache.cache());
        long start = System.nanoTime();
        // streamed: each case is written as it is drawn, so the cohort's size is bounded by disk, not heap
        knowledge.cohortWriter().write(knowledge.cohortGenerator(), cases, seed, out, format.formats());
        spec.commandLine()
                .getErr()
                .printf(
                        Locale.ROOT,
                        "generate: %,d cases (seed %d) in %s in %.1f s%n",
                        cases,
                        seed,
                        out.toAbsolutePath(),
                        (System.nanoTime() - start) / 1e9);
        return 0;
    }

    /** The values of --format: one of the cohort writer's formats, or all of them. */
    enum Format {
        JSON,
        JSONL,
        TTL,
        NT,
        ALL;

        /** Parses json, jsonl, ttl, nt or all in any case; a wrong name fails as the cohort writer words it. */
        static Format parse(String text) {
            CohortWriter.Format.parse(text);
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        }

        Set<CohortWriter.Format> formats() {
            return this == ALL
                    ? EnumSet.allOf(CohortWriter.Format.class)
                    : EnumSet.of(CohortWriter.Format.valueOf(name()));
        }
    }
}
