package org.aspskg.ddx;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.jena.rdf.model.Model;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.classify.CaseClassification;
import org.aspskg.ddx.classify.ContradictoryCaseException;
import org.aspskg.ddx.classify.HermitCaseClassifier;
import org.aspskg.ddx.rank.DifferentialRanker;
import org.aspskg.ddx.rank.DifferentialRanking;
import org.aspskg.ddx.read.CaseReader;
import org.aspskg.ddx.read.JsonCaseReader;
import org.aspskg.ddx.read.TurtleCaseReader;
import org.aspskg.ddx.render.RankingGraph;
import org.aspskg.ddx.render.RankingJson;
import org.aspskg.ddx.render.RankingTable;

/**
 * Case in, ranking out: read and validate a case, classify it, rank its differential diagnosis.
 * The one place the command line and the HTTP endpoint go through, so both give the same answer;
 * an HTTP handler only has to pass the request body to {@link #rankJson(String, String)} and map
 * an {@link AspsKgException} to 400 with {@link RankingJson#error(AspsKgException)}. Thread-safe.
 */
public final class DifferentialPipeline {
    private final DdxKnowledge knowledge;
    private final DifferentialRanker ranker;
    private final RankingJson json;

    public DifferentialPipeline(DdxKnowledge knowledge) {
        this.knowledge = knowledge;
        this.ranker = new DifferentialRanker(knowledge);
        this.json = new RankingJson(knowledge.terms());
    }

    /** A service over the project's ontology and case shapes. */
    public static DifferentialPipeline loadDefault() {
        return new DifferentialPipeline(DdxKnowledge.loadDefault());
    }

    public DdxKnowledge knowledge() {
        return knowledge;
    }

    /** Classifies a case with the compiled classifier and ranks it. */
    public DifferentialRanking rank(PatientCase c) {
        return ranker.rank(knowledge.classifier().classify(c));
    }

    /**
     * As {@link #rank(PatientCase)}, and also realizes the case with HermiT and fails if the two
     * classifications differ (a cross-check; slow).
     */
    public DifferentialRanking rankCheckedWithHermit(PatientCase c) {
        HermitCaseClassifier reference = knowledge.hermitClassifier();
        CaseClassification compiled;
        try {
            compiled = knowledge.classifier().classify(c);
        } catch (ContradictoryCaseException e) {
            if (reference.isConsistent(c)) {
                throw new AspsKgException(
                        "case " + c.id() + ": the compiled classifier finds it contradictory (" + e.getMessage()
                                + ") but HermiT finds it consistent",
                        "This is a bug in asps-kg: please report it with the case file.");
            }
            throw e;
        }
        CaseClassification hermit = reference.classify(c);
        if (!hermit.types().equals(compiled.types())) {
            Set<String> onlyHermit = new TreeSet<>(hermit.types());
            onlyHermit.removeAll(compiled.types());
            Set<String> onlyCompiled = new TreeSet<>(compiled.types());
            onlyCompiled.removeAll(hermit.types());
            throw new AspsKgException(
                    "case " + c.id() + ": HermiT and the compiled classifier disagree; only HermiT: " + onlyHermit
                            + "; only compiled: " + onlyCompiled,
                    "This is a bug in asps-kg: please report it with the case file.");
        }
        return ranker.rank(compiled);
    }

    /** Reads a .json or .ttl case file and ranks it. */
    public DifferentialRanking rank(Path caseFile) {
        return rank(new CaseReader(knowledge).read(caseFile));
    }

    /** Reads a JSON case from text ({@code source} names it in messages) and ranks it. */
    public DifferentialRanking rankJsonCase(String caseJson, String source) {
        return rank(new JsonCaseReader(knowledge).read(caseJson, source));
    }

    /** JSON in, JSON out: the ranking of a JSON case as pretty-printed JSON text. */
    public String rankJson(String caseJson, String source) {
        return RankingJson.write(toJson(rankJsonCase(caseJson, source)));
    }

    /** Reads a Turtle case from text and ranks it; the text must hold one case. */
    public DifferentialRanking rankTurtleCase(String turtle, String source) {
        List<PatientCase> cases = new TurtleCaseReader(knowledge).read(turtle, source);
        if (cases.size() != 1) {
            throw new AspsKgException(
                    source + ": holds " + cases.size() + " patient cases; rank one at a time",
                    "Send each case on its own.");
        }
        return rank(cases.get(0));
    }

    public ObjectNode toJson(DifferentialRanking r) {
        return json.toJson(r);
    }

    /** The ranking and its case as RDF, ready for the cases named graph. */
    public Model toModel(DifferentialRanking r) {
        return new RankingGraph(knowledge).toModel(r);
    }

    public RankingTable table() {
        return new RankingTable(knowledge.terms());
    }
}
