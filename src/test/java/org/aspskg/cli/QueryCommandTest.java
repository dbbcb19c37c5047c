package org.aspskg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.aspskg.query.LibraryQuery;
import org.aspskg.query.LoopbackListener;
import org.aspskg.query.QueryLibrary;
import org.aspskg.store.StoreHolder;
import org.aspskg.store.TestStores;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code asps-kg query}: answers in every format, errors with file:line:col, and a store built on demand. */
class QueryCommandTest {
    private static final String LABEL_OF_ASPS = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
            + "SELECT ?label WHERE { <https://w3id.org/asps-kg/AlveolarSoftPartSarcoma> rdfs:label ?label }";

    @TempDir
    Path tmp;

    private static String store() {
        return TestStores.sharedStore().toString();
    }

    @Test
    void selectAsCsvGivesTheWholeTable() {
        CliRun r = CliRun.of("query", "--store", store(), "--format", "csv", "--query", LABEL_OF_ASPS);
        assertEquals(0, r.exit(), r.err());
        assertEquals("label\r\nalveolar soft part sarcoma\r\n", r.out());
        assertEquals("1 rows", r.err().strip());
    }

    @Test
    void selectAsJsonIsSparqlResultsJson() throws Exception {
        CliRun r = CliRun.of("query", "--store", store(), "-f", "json", "-q", LABEL_OF_ASPS);
        assertEquals(0, r.exit(), r.err());
        var json = new ObjectMapper().readTree(r.out());
        assertEquals("[\"label\"]", json.at("/head/vars").toString());
        assertEquals(
                "[{\"label\":{\"type\":\"literal\",\"xml:lang\":\"en\",\"value\":\"alveolar soft part sarcoma\"}}]",
                json.at("/results/bindings").toString());
    }

    @Test
    void constructFromAFileWritesNTriplesThatParseBack() throws Exception {
        Path q = tmp.resolve("inferred.rq");
        Files.writeString(
                q, "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <https://w3id.org/asps-kg/graph/inferred> { ?s ?p ?o } }");
        CliRun r = CliRun.of("query", q.toString(), "--store", store(), "--format", "nt");
        assertEquals(0, r.exit(), r.err());
        Model m = ModelFactory.createDefaultModel();
        RDFParser.create().source(new StringReader(r.out())).lang(Lang.NTRIPLES).parse(m);
        assertTrue(m.size() > 0);
        assertEquals(m.size() + " triples", r.err().strip());
    }

    @Test
    void askPrintsYesOrNo() {
        CliRun r = CliRun.of(
                "query",
                "--store",
                store(),
                "-q",
                "ASK { GRAPH <https://w3id.org/asps-kg/graph/asserted> { ?s ?p ?o } }");
        assertEquals("yes\n", r.out());
    }

    @Test
    void syntaxErrorInAQueryFileNamesFileLineAndColumn() throws Exception {
        Path q = tmp.resolve("broken.rq");
        Files.writeString(q, "SELECT ?x\nWHERE { ?x ?p }\n");
        CliRun r = CliRun.of("query", q.toString(), "--store", store());
        assertEquals(Main.EXIT_USER_ERROR, r.exit());
        assertEquals(
                "error: " + q + ":2:15: Encountered \" \"}\" \"} \"\"\nhint: Fix the query and run again.\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void aGraphFormatForASelectIsRefusedWithTheFormatsThatFit() {
        CliRun r = CliRun.of("query", "--store", store(), "-f", "ttl", "-q", LABEL_OF_ASPS);
        assertEquals(Main.EXIT_USER_ERROR, r.exit());
        assertTrue(r.err().contains("Use table, csv, tsv, json or xml."), r.err());
    }

    @Test
    void neitherFileNorQueryIsAnError() {
        CliRun r = CliRun.of("query", "--store", store());
        assertEquals(Main.EXIT_USER_ERROR, r.exit());
        assertTrue(r.err().contains("give either a query file or --query, not neither"), r.err());
    }

    @Test
    void aMissingStoreIsBuiltFirst() {
        Path store = tmp.resolve("fresh");
        CliRun r = CliRun.of("query", "--store", store.toString(), "-f", "tsv", "-q", LABEL_OF_ASPS);
        assertEquals(0, r.exit(), r.err());
        assertTrue(Files.isDirectory(store));
        assertTrue(r.err().contains("no store at " + store.toAbsolutePath() + "; building it"), r.err());
        assertEquals("?label\n\"alveolar soft part sarcoma\"@en\n", r.out());
    }

    @Test
    void listPrintsEveryLibraryQuerysFileNameAndQuestion() {
        CliRun r = CliRun.of("query", "--list");
        assertEquals(0, r.exit(), r.err());
        List<LibraryQuery> library = QueryLibrary.load(QueryLibrary.DEFAULT_DIR).queries();
        List<String> lines = r.out().lines().toList();
        assertEquals(library.size(), lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String[] fileAndQuestion = lines.get(i).split(" {2,}", 2);
            assertEquals(library.get(i).fileName(), fileAndQuestion[0]);
            assertEquals(library.get(i).question(), fileAndQuestion[1]);
        }
        assertTrue(r.out().startsWith("01-asps-sites-by-age-group.rq "), r.out());
    }

    /** The two-laboratory TFE3 study, as query 06 names it (CSV-quoted: its title has a comma). */
    private static final String SHARAIN_2019 =
            "\"Immunohistochemistry for TFE3 lacks specificity and sensitivity in the "
                    + "diagnosis of TFE3-rearranged neoplasms: a comparative, 2-laboratory study (Sharain RF 2019)\"";

    @Test
    void aLibraryQueryRunsByNumberOrNameAsItsFileDoes() {
        CliRun byFile =
                CliRun.of("query", "queries/06-tfe3-sensitivity-specificity.rq", "--store", store(), "-f", "csv");
        assertEquals(0, byFile.exit(), byFile.err());
        assertEquals(
                "disease,test,finding,sensitivity,specificity,reference,source\r\n"
                        + "alveolar soft part sarcoma,TFE3 immunohistochemistry,strong nuclear TFE3 immunostaining,0.84,0.57,,"
                        + SHARAIN_2019 + "\r\n"
                        + "alveolar soft part sarcoma,TFE3 immunohistochemistry,strong nuclear TFE3 immunostaining,0.74,0.95,,"
                        + SHARAIN_2019 + "\r\n"
                        + "alveolar soft part sarcoma,TFE3 immunohistochemistry,strong nuclear TFE3 immunostaining,0.92,0.92,11,"
                        + "Radiopaedia article rID 59433: Alveolar soft part sarcoma\r\n",
                byFile.out());
        for (String ref : List.of("06", "6", "tfe3-sensitivity-specificity", "06-tfe3-sensitivity-specificity.rq")) {
            CliRun r = CliRun.of("query", ref, "--store", store(), "-f", "csv");
            assertEquals(0, r.exit(), ref + ": " + r.err());
            assertEquals(byFile.out(), r.out(), ref);
        }
    }

    @Test
    void anUnknownLibraryQueryIsAnErrorPointingToTheList() {
        CliRun r = CliRun.of("query", "99", "--store", store());
        assertEquals(Main.EXIT_USER_ERROR, r.exit());
        assertTrue(r.err().contains("error: no query '99' in the library queries (and no such file)"), r.err());
        assertTrue(r.err().contains("asps-kg query --list"), r.err());
    }

    @Test
    void listTakesNoQuery() {
        CliRun r = CliRun.of("query", "--list", "07");
        assertEquals(Main.EXIT_USER_ERROR, r.exit());
        assertTrue(r.err().contains("--list and --check take no query"), r.err());
    }

    @Test
    void checkPassesOnTheLibraryAndFailsWithTheDifferenceOnAWrongExpectedFile() throws Exception {
        CliRun ok = CliRun.of("query", "--check", "--store", store());
        assertEquals(0, ok.exit(), ok.out() + ok.err());
        int n = QueryLibrary.load(QueryLibrary.DEFAULT_DIR).queries().size();
        assertEquals(n, ok.out().lines().filter(l -> l.startsWith("ok    ")).count(), ok.out());
        assertTrue(ok.err().contains(n + " library queries: " + n + " as expected, 0 not"), ok.err());

        Path library = tmp.resolve("queries");
        Files.createDirectories(library);
        for (String f : List.of(
                "06-tfe3-sensitivity-specificity.rq",
                "06-tfe3-sensitivity-specificity.srj",
                "17-asps-pas-positive-diastase-resistant.rq",
                "17-asps-pas-positive-diastase-resistant.srj")) {
            Files.copy(Path.of("queries", f), library.resolve(f));
        }
        Path ask = library.resolve("17-asps-pas-positive-diastase-resistant.srj");
        Files.writeString(ask, Files.readString(ask).replace("true", "false"));

        CliRun bad = CliRun.of("query", "--check", "--queries", library.toString(), "--store", store());
        assertEquals(Main.EXIT_FAILED_CHECK, bad.exit(), bad.out() + bad.err());
        assertEquals(
                "ok    06-tfe3-sensitivity-specificity.rq\n"
                        + "FAIL  17-asps-pas-positive-diastase-resistant.rq\n"
                        + "      17-asps-pas-positive-diastase-resistant.rq does not give the answer in "
                        + "17-asps-pas-positive-diastase-resistant.srj: expected false, got true\n",
                bad.out());
        assertTrue(bad.err().contains("2 library queries: 1 as expected, 1 not"), bad.err());
    }

    @Test
    void aStoreOpenInAnotherProcessIsACleanErrorWithAHint() throws Exception {
        try (StoreHolder other = StoreHolder.start(Path.of(store()))) {
            CliRun r = CliRun.of("query", "--store", store(), "-q", LABEL_OF_ASPS);
            assertEquals(Main.EXIT_USER_ERROR, r.exit());
            List<String> lines = r.err().lines().toList();
            assertEquals(2, lines.size(), r.err());
            assertTrue(
                    lines.get(0).matches("error: the store .*tdb2 is in use by another process \\(pid \\d+\\), .*"),
                    r.err());
            assertTrue(lines.get(1).startsWith("hint: Query the running server over HTTP"), r.err());
            assertEquals("", r.out());
        }
    }

    @Test
    void aQueryThatRunsOutOfTimePrintsNothingAndSaysSo() {
        CliRun r = CliRun.of(
                "query",
                "--store",
                store(),
                "--timeout",
                "500",
                "-f",
                "csv",
                "-q",
                "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }");
        assertEquals(Main.EXIT_USER_ERROR, r.exit());
        assertEquals("", r.out());
        assertEquals(
                "error: the query ran out of time and was stopped; nothing was written\n"
                        + "hint: Narrow the query (LIMIT, more specific patterns) or allow more time with --timeout MS.\n",
                r.err());
        CliRun bad = CliRun.of("query", "--store", store(), "--timeout", "soon", "-q", LABEL_OF_ASPS);
        assertEquals(Main.EXIT_USER_ERROR, bad.exit());
        assertTrue(bad.err().contains("time limit 'soon' is not MS"), bad.err());
    }

    @Test
    void serviceCallsAreRefusedUnlessAllowed() throws Exception {
        try (LoopbackListener target = new LoopbackListener()) {
            for (String q : List.of(
                    "SELECT * { SERVICE <" + target.url("/sparql") + "> { ?s ?p ?o } }",
                    "SELECT * { VALUES ?e { <" + target.url("/sparql") + "> } SERVICE ?e { ?s ?p ?o } }")) {
                CliRun r = CliRun.of("query", "--store", store(), "-f", "csv", "-q", q);
                assertEquals(Main.EXIT_USER_ERROR, r.exit(), r.err());
                assertTrue(r.err().contains("is not allowed here") && r.err().contains("--allow-service"), r.err());
                CliRun silent = CliRun.of(
                        "query", "--store", store(), "-f", "csv", "-q", q.replace("SERVICE", "SERVICE SILENT"));
                assertEquals(0, silent.exit(), silent.err());
            }
            Thread.sleep(300);
            assertEquals(0, target.connections());
            CliRun allowed = CliRun.of(
                    "query",
                    "--store",
                    store(),
                    "--allow-service",
                    target.url("/sparql"),
                    "-f",
                    "csv",
                    "-q",
                    "SELECT * { SERVICE <" + target.url("/sparql") + "> { ?s ?p ?o } }");
            assertEquals(0, allowed.exit(), allowed.err());
            assertEquals(1, target.connections());
        }
    }
}
