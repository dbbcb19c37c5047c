package org.aspskg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.rdf.model.ModelFactory;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
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
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertEquals("[\"label\"]", json.at("/head/vars").toString());
        assertEquals("[{\"label\":{\"type\":\"literal\",\"xml:lang\":\"en\",\"value\":\"alveolar soft part sarcoma\"}}]",
                json.at("/results/bindings").toString());
    }

    @Test
    void constructFromAFileWritesNTriplesThatParseBack() throws Exception {
        Path q = tmp.resolve("inferred.rq");
        Files.writeString(q, "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH <https://w3id.org/asps-kg/graph/inferred> { ?s ?p ?o } }");
        CliRun r = CliRun.of("query", q.toString(), "--store", store(), "--format", "nt");
        assertEquals(0, r.exit(), r.err());
        Model m = ModelFactory.createDefaultModel();
        RDFParser.create().source(new StringReader(r.out())).lang(Lang.NTRIPLES).parse(m);
        assertTrue(m.size() > 0);
        assertEquals(m.size() + " triples", r.err().strip());
    }

    @Test
    void askPrintsYesOrNo() {
        CliRun r = CliRun.of("query", "--store", store(), "-q",
                "ASK { GRAPH <https://w3id.org/asps-kg/graph/asserted> { ?s ?p ?o } }");
        assertEquals("yes\n", r.out());
    }

    @Test
    void syntaxErrorInAQueryFileNamesFileLineAndColumn() throws Exception {
        Path q = tmp.resolve("broken.rq");
        Files.writeString(q, "SELECT ?x\nWHERE { ?x ?p }\n");
        CliRun r = CliRun.of("query", q.toString(), "--store", store());
        assertEquals(Main.EXIT_USER_ERROR, r.exit());
        assertEquals("error: " + q + ":2:15: Encountered \" \"}\" \"} \"\"\nhint: Fix the query and run again.\n", r.err());
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
}
