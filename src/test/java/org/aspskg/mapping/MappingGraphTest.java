package org.aspskg.mapping;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.jena.rdf.model.Model;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.aspskg.AspsKgException;
import org.aspskg.ontology.OntologyLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mappings graph: SKOS triples, xrefs and SSSOM axiom nodes, compared as whole graphs. */
class MappingGraphTest {
    @TempDir
    Path dir;

    @Test
    void mappingSetBecomesTriplesXrefsAndAnnotatedAxioms() {
        Model actual = MappingGraph.of(SssomReader.read(SssomReaderTest.GOOD));
        Model expected = RDFDataMgr.loadModel("src/test/resources/mapping/good-mappings.ttl");
        StringWriter turtle = new StringWriter();
        RDFDataMgr.write(turtle, actual, RDFFormat.TURTLE_PRETTY);
        assertTrue(expected.isIsomorphicWith(actual), "the mappings graph differs from good-mappings.ttl:\n" + turtle);
    }

    @Test
    void loadRefusesASetWithErrors() throws Exception {
        Path broken = dir.resolve("broken.sssom.tsv");
        Files.writeString(
                broken, Files.readString(SssomReaderTest.GOOD).replace("aspskg:Thigh\tthigh", "aspskg:Knee\tknee"));
        Model terms = OntologyLoader.readRdf(MappingSetCheckerTest.TERMS);
        AspsKgException e = assertThrows(AspsKgException.class, () -> MappingGraph.load(broken, terms));
        assertEquals(
                broken + ": 2 ERROR row(s) in the mapping set: " + broken + ":12 unknown_subject aspskg:Knee; " + broken
                        + ":13 unknown_subject aspskg:Knee",
                e.getMessage());
        assertEquals("Run 'asps-kg map --check " + broken + "' and fix them.", e.hint());
    }

    @Test
    void loadReturnsTheGraphOfAValidSet() {
        Model terms = OntologyLoader.readRdf(MappingSetCheckerTest.TERMS);
        Model loaded = MappingGraph.load(SssomReaderTest.GOOD, terms);
        assertTrue(loaded.isIsomorphicWith(MappingGraph.of(SssomReader.read(SssomReaderTest.GOOD))));
    }
}
