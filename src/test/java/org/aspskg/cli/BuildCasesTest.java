package org.aspskg.cli;

import static org.aspskg.store.TestStores.assertSameGraphs;
import static org.aspskg.store.TestStores.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.jena.query.ParameterizedSparqlString;
import org.apache.jena.query.QueryExecution;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.system.Txn;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.cohort.CohortGenerator;
import org.aspskg.ontology.AspsVocabulary;
import org.aspskg.store.KnowledgeGraphStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code asps-kg build --cases}: a cohort goes into the cases graph beside the cases stored before,
 * survives rebuilds, replaces itself when loaded again, and bad input fails the build without
 * touching the store.
 */
class BuildCasesTest {
    private static final String RANKED_CASE = "ontology/examples/mfh-thigh-necrosis-oedema.json";

    @TempDir
    Path tmp;

    private Path cohort(String name, int cases, long seed) throws IOException {
        DdxKnowledge k = DdxKnowledge.loadDefault();
        Path file = tmp.resolve(name);
        k.cohortWriter()
                .writeRdf(
                        k.cohortGenerator().generate(cases, seed),
                        file,
                        name.endsWith(".nt") ? RDFFormat.NTRIPLES : RDFFormat.TURTLE_BLOCKS);
        return file;
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static void ok(CliRun r) {
        assertEquals(0, r.exit(), r.err());
    }

    private static Model cases(Map<String, Model> graphs) {
        return graphs.getOrDefault(AspsVocabulary.GRAPH_CASES, ModelFactory.createDefaultModel());
    }

    private static Model union(Model... models) {
        Model m = ModelFactory.createDefaultModel();
        for (Model x : models) m.add(x);
        return m;
    }

    /** The number of patient cases SPARQL sees in the default graph (the union of the named graphs). */
    private static long patientCases(Path store) {
        ParameterizedSparqlString q = new ParameterizedSparqlString(
                "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a ?caseClass ; ?finding ?f . ?f a ?fc . ?fc rdfs:subClassOf+ ?top }");
        q.setNsPrefix("rdfs", "http://www.w3.org/2000/01/rdf-schema#");
        q.setIri("caseClass", AspsVocabulary.PATIENT_CASE.getURI());
        q.setIri("finding", AspsVocabulary.HAS_FINDING.getURI());
        q.setIri("top", AspsVocabulary.iri("Finding"));
        try (KnowledgeGraphStore kg = KnowledgeGraphStore.open(store)) {
            return Txn.calculateRead(kg.dataset(), () -> {
                try (QueryExecution qe =
                        QueryExecution.dataset(kg.dataset()).query(q.asQuery()).build()) {
                    return qe.execSelect().next().getLiteral("n").getLong();
                }
            });
        }
    }

    @Test
    void aLoadedCohortJoinsTheStoredCasesSurvivesARebuildAndReplacesItselfWhenLoadedAgain() throws IOException {
        String store = tmp.resolve("tdb2").toString();
        ok(run("build", "--store", store));
        ok(run("ddx", "--store-ranking", "--store", store, RANKED_CASE));
        Map<String, Model> before = snapshot(Path.of(store));
        Path cohort = cohort("cohort.nt", 30, 5);
        Model cohortGraph = RDFDataMgr.loadModel(cohort.toString());

        CliRun load = run("build", "--store", store, "--cases", cohort.toString());
        ok(load);
        assertTrue(
                load.err()
                        .contains(String.format(Locale.ROOT, "30 cases, %,d triples from 1 file", cohortGraph.size())),
                load.err());
        Map<String, Model> loaded = snapshot(Path.of(store));
        assertTrue(
                union(cases(before), cohortGraph).isIsomorphicWith(cases(loaded)),
                "the cases graph is the stored cases and ranking plus exactly the cohort's triples");
        before.keySet().stream()
                .filter(g -> !g.equals(AspsVocabulary.GRAPH_CASES))
                .forEach(g -> assertTrue(before.get(g).isIsomorphicWith(loaded.get(g)), g));
        // the generated cases have at least one finding each except when only sites were drawn; the ranked example has
        // findings
        long withFindings = RDFDataMgr.loadModel(cohort.toString())
                .listSubjectsWithProperty(AspsVocabulary.HAS_FINDING)
                .toList()
                .size();
        assertEquals(
                withFindings + 1,
                patientCases(Path.of(store)),
                "SPARQL over the default graph sees the cases' findings " + "under the ontology's finding classes");

        ok(run("build", "--store", store));
        assertSameGraphs(loaded, snapshot(Path.of(store)));

        ok(run("build", "--store", store, "--cases", cohort.toString()));
        assertSameGraphs(loaded, snapshot(Path.of(store)));
    }

    @Test
    void aLoadedCaseReplacesTheStoredCaseOfTheSameIriAndItsRanking() throws IOException {
        String store = tmp.resolve("tdb2").toString();
        ok(run("build", "--store", store));
        ok(run("ddx", "--store-ranking", "--store", store, RANKED_CASE));
        DdxKnowledge k = DdxKnowledge.loadDefault();
        Model sameCase =
                k.caseRdf().graph(k.reader().read(Path.of(RANKED_CASE))).model();
        Path file = tmp.resolve("same-case.ttl");
        try (var out = Files.newOutputStream(file)) {
            RDFDataMgr.write(out, sameCase, RDFFormat.TURTLE);
        }
        assertTrue(cases(snapshot(Path.of(store))).size() > sameCase.size(), "the ranking is stored with the case");
        ok(run("build", "--store", store, "--cases", file.toString()));
        assertTrue(
                sameCase.isIsomorphicWith(cases(snapshot(Path.of(store)))),
                "the cases graph holds the loaded case once, without the ranking made from the stored one");
    }

    @Test
    void replaceCasesKeepsOnlyTheCasesOfThisBuild() throws IOException {
        String store = tmp.resolve("tdb2").toString();
        ok(run("build", "--store", store, "--cases", cohort("first.nt", 10, 1).toString()));
        Path second = cohort("second.ttl", 5, 2);
        ok(run("build", "--store", store, "--replace-cases", "--cases", second.toString()));
        assertTrue(RDFDataMgr.loadModel(second.toString()).isIsomorphicWith(cases(snapshot(Path.of(store)))));
    }

    @Test
    void badCaseFilesFailTheBuildWithFileLineAndCaseAndLeaveTheStoreAsItWas() throws IOException {
        String store = tmp.resolve("tdb2").toString();
        Path cohort = cohort("cohort.nt", 10, 3);
        ok(run("build", "--store", store, "--cases", cohort.toString()));
        Map<String, Model> before = snapshot(Path.of(store));
        List<String> lines = Files.readAllLines(cohort);

        List<String> broken = new ArrayList<>(lines);
        broken.set(6, "<https://w3id.org/asps-kg/case/x> <https://w3id.org/asps-kg/hasFinding> .");
        Path syntax = Files.write(tmp.resolve("syntax.nt"), broken);
        CliRun r = run("build", "--store", store, "--cases", syntax.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("error: " + syntax + ":7:"), r.err());
        assertSameGraphs(before, snapshot(Path.of(store)));

        String bad = "https://w3id.org/asps-kg/case/" + CohortGenerator.caseId(3, 4);
        List<String> invalid = new ArrayList<>(lines);
        int line = 0;
        for (int i = 0; i < invalid.size(); i++) {
            if (invalid.get(i).startsWith("<" + bad + "> <" + AspsVocabulary.AGE_IN_YEARS.getURI() + ">")) {
                invalid.set(i, invalid.get(i).replaceFirst("\"[0-9]+\"", "\"-3\""));
                line = i + 1;
            }
        }
        Path shapes = Files.write(tmp.resolve("shapes.nt"), invalid);
        r = run("build", "--store", store, "--cases", shapes.toString());
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.err().contains("error: " + shapes + ":" + line + ":"), r.err());
        assertTrue(r.err().contains("case <" + bad + ">"), r.err());
        assertSameGraphs(before, snapshot(Path.of(store)));
    }
}
