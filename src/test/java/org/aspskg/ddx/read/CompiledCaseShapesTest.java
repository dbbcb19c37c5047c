package org.aspskg.ddx.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.TestKnowledge;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the case shapes' compiler refuses, and what the JSON reader does then. */
class CompiledCaseShapesTest {
    @TempDir
    Path tmp;

    @Test
    void shapesWithAConstraintTheCompilerDoesNotKnowAreLeftToJenaShacl() throws IOException {
        DdxKnowledge k = TestKnowledge.knowledge();
        Path shapesFile = tmp.resolve("case-shapes.ttl");
        Files.writeString(
                shapesFile,
                Files.readString(DdxKnowledge.DEFAULT_SHAPES) + "\naspsh:CaseLabel sh:pattern \"^[A-Z]\" .\n");
        CaseShapes shapes = CaseShapes.load(shapesFile, k.tbox(), k.ontology());
        RuntimeException refused = assertThrows(
                RuntimeException.class,
                () -> CompiledCaseShapes.compileOrFail(shapes.shapesGraph(), shapes.hierarchy(), k.caseRdf()));
        assertTrue(refused.getMessage().contains("http://www.w3.org/ns/shacl#pattern"), refused.getMessage());
        assertTrue(CompiledCaseShapes.compile(shapes, k.caseRdf()).isEmpty());

        // the reader then validates with jena-shacl, whose results carry the shape's message and path
        JsonCaseReader reader =
                new JsonCaseReader(k.terms(), k.demographics(), shapes, null, k.caseRdf(), k.annotator());
        CaseInputException e = assertThrows(
                CaseInputException.class,
                () -> reader.read(
                        "{\"id\": \"a\", \"label\": \"lower case\", \"age\": 151, \"findings\": [\"thigh\"]}",
                        "t.json"));
        List<String> messages = e.problems().stream().map(Object::toString).toList();
        assertEquals(
                List.of(
                        "t.json: SHACL: a case has at most one label, a string",
                        "t.json:1:43: SHACL: the age is one whole number of years from 0 to 150"),
                messages);
    }

    @Test
    void theProjectsShapesCompileAndTheReaderUsesThem() {
        DdxKnowledge k = TestKnowledge.knowledge();
        assertTrue(k.compiledShapes().isPresent());
        CaseInputException e = assertThrows(
                CaseInputException.class,
                () -> k.jsonReader().read("{\"id\": \"a\", \"age\": 151, \"findings\": [\"thigh\"]}", "t.json"));
        assertEquals(
                List.of("t.json:1:20: \"age\" 151: the age is one whole number of years from 0 to 150"),
                e.problems().stream().map(Object::toString).toList());
    }
}
