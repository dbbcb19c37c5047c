package org.aspskg.bench.micro;

import java.nio.file.Path;
import java.util.List;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.DifferentialPipeline;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.classify.CaseClassification;
import org.aspskg.ddx.classify.CompiledCaseClassifier;
import org.aspskg.ddx.cohort.CohortGenerator;
import org.aspskg.ddx.cohort.CohortWriter;
import org.aspskg.ddx.rank.DifferentialRanker;
import org.aspskg.ddx.read.CompiledCaseShapes;
import org.aspskg.ddx.read.JsonCaseReader;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The compiled knowledge and a pool of synthetic cases (fixed seed) that each benchmark cycles through,
 * so a figure is the cost of the cohort's mix of cases, not of one case the caches have learnt. Each
 * case is held in every form a benchmark starts from: the parsed case, its classification and its JSON
 * text. Built once per trial, untimed.
 */
@State(Scope.Thread)
public class CohortState {
    /** The ontology (absolute, or relative to the working directory). */
    @Param("ontology/asps-edit.ofn")
    public String ontology;

    /** The SHACL case shapes. */
    @Param("ontology/shapes/case-shapes.ttl")
    public String shapes;

    /** Cases in the pool. */
    @Param("1000")
    public int pool;

    /** The cohort's seed (the case-ranking benchmark's, so the micro figures are about the same cases). */
    @Param("20250101")
    public long seed;

    DdxKnowledge knowledge;
    DifferentialPipeline service;
    CompiledCaseClassifier classifier;
    DifferentialRanker ranker;
    JsonCaseReader jsonReader;
    CompiledCaseShapes compiledShapes;
    private PatientCase[] cases;
    private CaseClassification[] classifications;
    private String[] json;
    private String[] sources;
    private int next;

    @Setup(Level.Trial)
    public void load() {
        knowledge = DdxKnowledge.cached(Path.of(ontology), Path.of(shapes));
        service = knowledge.pipeline();
        classifier = knowledge.classifier();
        ranker = knowledge.ranker();
        jsonReader = knowledge.jsonReader();
        compiledShapes = knowledge
                .compiledShapes()
                .orElseThrow(() -> new IllegalStateException("the case shapes did not compile"));
        List<CohortGenerator.GeneratedCase> cohort = knowledge.cohortGenerator().generate(pool, seed);
        CohortWriter writer = knowledge.cohortWriter();
        cases = new PatientCase[pool];
        classifications = new CaseClassification[pool];
        json = new String[pool];
        sources = new String[pool];
        for (int i = 0; i < pool; i++) {
            cases[i] = cohort.get(i).patientCase();
            classifications[i] = classifier.classify(cases[i]);
            json[i] = writer.json(cases[i]).toString();
            sources[i] = "cohort/" + cases[i].id() + ".json";
        }
    }

    /** Moves to the next case of the pool (round robin). */
    int advance() {
        int i = next;
        next = i + 1 == pool ? 0 : i + 1;
        return i;
    }

    PatientCase patientCase(int i) {
        return cases[i];
    }

    CaseClassification classification(int i) {
        return classifications[i];
    }

    String json(int i) {
        return json[i];
    }

    String source(int i) {
        return sources[i];
    }
}
