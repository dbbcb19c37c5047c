package org.aspskg.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.DifferentialPipeline;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.rank.DifferentialRanking;
import org.aspskg.ddx.read.CaseInput;
import org.aspskg.ddx.render.RankedCase;
import org.aspskg.ddx.render.RankingDetail;
import org.aspskg.ddx.render.RankingFormat;
import org.aspskg.ddx.store.CasesGraph;
import org.aspskg.ontology.BundledOntology;
import org.aspskg.store.KnowledgeGraphStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code asps-kg ddx CASE}: classify a patient case and rank its differential diagnosis. */
@Command(
        name = "ddx",
        mixinStandardHelpOptions = true,
        description = {
            "Classify a patient case against the ontology and rank ASPS and its differential diagnoses "
                    + "by likelihood ratios, with the findings for and against each and their references.",
            "A case is JSON {\"id\", \"label\", \"age\", \"sex\", \"findings\": [...], \"absent\": [...]} "
                    + "(findings, sites and groups named as people write them, resolved with the text index; "
                    + "a \"text\" field or --text reads the case as free text) or Turtle with "
                    + "aspskg:PatientCase, aspskg:hasFinding, aspskg:hasLesionSite, aspskg:inDemographicGroup, "
                    + "aspskg:ageInYears. See ontology/examples/.",
            "Exit 0 with a ranking; 2 when the case is invalid or contradictory."
        })
final class DdxCommand implements Callable<Integer> {
    @Parameters(paramLabel = "CASE", arity = "0..1", description = "The case file: .json or .ttl (or give --text).")
    Path caseFile;

    @Option(
            names = "--text",
            paramLabel = "TEXT",
            description = "The case as free text instead of a file, e.g. \"24-year-old woman, deep thigh mass, "
                    + "T2 hyperintense with flow voids, TFE3 strongly positive, no calcification\".")
    String text;

    @Option(
            names = "--strict",
            description = "Refuse the case unless every name is a label, synonym, CURIE or IRI exactly and all free "
                    + "text is understood (for pipelines); by default loosely written phrases are resolved and "
                    + "what is not understood is reported while the case is ranked on the rest.")
    boolean strict;

    @Option(
            names = "--format",
            paramLabel = "table|json|ttl",
            description = "Output format (default: ${DEFAULT-VALUE}).")
    String format = "table";

    @Option(
            names = "--detail",
            paramLabel = "full|summary",
            description = "With --format json: the whole ranking (full, the default) or per hypothesis only its "
                    + "rank, IRI, post-test probability and likelihood ratio, with the case's warnings (summary, "
                    + "as POST /asps/ddx?detail=summary answers).")
    String detail;

    @Mixin
    StoreOptions storeOptions = new StoreOptions();

    @Mixin
    KnowledgeCacheOption knowledgeCache = new KnowledgeCacheOption();

    @Option(
            names = "--store-ranking",
            description = "Also write the case and its ranking to the cases graph of the store (--store), "
                    + "replacing an earlier ranking of the same case. The store must exist and not be served "
                    + "(a running server takes POST /asps/ddx?store=true instead).")
    boolean storeRanking;

    @Option(
            names = "--shapes",
            paramLabel = "FILE",
            description = "SHACL shapes for cases (default: ${DEFAULT-VALUE}).")
    Path shapes = DdxKnowledge.DEFAULT_SHAPES;

    @Option(
            names = "--check-with-hermit",
            description = "Also realize the case with HermiT and fail if it disagrees with the compiled classifier.")
    boolean checkWithHermit;

    @Spec
    CommandSpec spec;

    /** The store, or a message for people when another process (a running serve) holds its lock. */
    private KnowledgeGraphStore openForWriting() {
        try {
            return KnowledgeGraphStore.open(storeOptions.store);
        } catch (AspsKgException e) {
            throw e;
        } catch (RuntimeException e) {
            if (String.valueOf(e.getMessage()).contains("lock")) {
                throw new AspsKgException(
                        "the store at " + storeOptions.store + " is in use by another process (" + e.getMessage() + ")",
                        "Stop 'asps-kg serve' first, or POST the case to the running "
                                + "server's /asps/ddx?store=true.",
                        e);
            }
            throw e;
        }
    }

    @Override
    public Integer call() {
        RankingFormat f = RankingFormat.named(format)
                .orElseThrow(() -> new AspsKgException("unknown --format '" + format + "'", "Use table, json or ttl."));
        RankingDetail d = detail == null
                ? RankingDetail.FULL
                : RankingDetail.named(detail)
                        .orElseThrow(
                                () -> new AspsKgException("unknown --detail '" + detail + "'", "Use full or summary."));
        if (detail != null && f != RankingFormat.JSON) {
            throw new AspsKgException(
                    "--detail applies to the JSON answer, not to --format " + format,
                    "Add --format json, or leave --detail out.");
        }
        DifferentialPipeline ddx = DdxKnowledge.cached(
                        storeOptions.ontology(), BundledOntology.locate(shapes), knowledgeCache.cache())
                .pipeline();
        if ((caseFile == null) == (text == null)) {
            throw new AspsKgException(
                    caseFile == null ? "no case given" : "give a case file or --text, not both",
                    "Run 'asps-kg ddx CASE.json', 'asps-kg ddx CASE.ttl' or 'asps-kg ddx --text \"...\"'.");
        }
        PatientCase c = ddx.read(caseFile != null ? CaseInput.file(caseFile) : CaseInput.text(text, "text"), strict);
        RankedCase ranked = checkWithHermit ? ddx.rankCheckedWithHermit(c) : ddx.rank(c);
        if (storeRanking) {
            try (KnowledgeGraphStore kg = openForWriting()) {
                new CasesGraph(kg.datasetGraph()).store(ranked);
            }
        }
        if (d == RankingDetail.SUMMARY) {
            spec.commandLine().getOut().print(ranked.json(d));
            spec.commandLine().getOut().flush();
        } else {
            ranked.write(f, spec.commandLine().getOut());
        }
        DifferentialRanking ranking = ranked.ranking();
        PrintWriter err = spec.commandLine().getErr();
        err.println(
                (caseFile != null ? caseFile : "text") + ": " + ranking.top().label() + " ranked first of "
                        + ranking.hypotheses().size()
                        + (checkWithHermit ? " (HermiT agrees with the compiled classifier)" : "")
                        + (storeRanking ? "; stored in the cases graph of " + storeOptions.store : ""));
        err.flush();
        return 0;
    }
}
