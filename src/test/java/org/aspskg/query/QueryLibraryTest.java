package org.aspskg.query;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.aspskg.AspsKgException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the query library: file names, the comment block, look-up by number or name, and bad input. */
class QueryLibraryTest {
    private static final String BODY = "\nSELECT ?x WHERE { ?x ?p ?o }\n";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return file;
    }

    private static String header(String question) {
        return "# Question: " + question + "\n# Returns:  rows\n# Binds:    ?x  a thing\n";
    }

    @Test
    void readsTopLevelQueriesInFileNameOrderWithTheirFieldsAndIgnoresSubdirectories() throws Exception {
        write("02-second.rq", """
                # Question: What is the second question,
                #           which wraps onto a second line?
                # Returns:  one row per thing,
                #           sorted.
                # Binds:    ?x  the thing
                #           ?y  another thing
                # Parameter: ?x, by VALUES
                #
                # (a free comment after the block's fields is part of the last field)

                SELECT ?x ?y WHERE { ?x ?p ?y }
                """);
        write("01-first-question.rq", header("What is first?") + BODY);
        write("federated/01-remote.rq", header("Remote?") + BODY);
        write("notes.txt", "not a query");

        QueryLibrary library = QueryLibrary.load(dir);

        assertEquals(
                List.of("01-first-question.rq", "02-second.rq"),
                library.queries().stream().map(LibraryQuery::fileName).toList());
        LibraryQuery second = library.queries().get(1);
        assertEquals("02", second.number());
        assertEquals("second", second.name());
        assertEquals("What is the second question, which wraps onto a second line?", second.question());
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("Question", "What is the second question,\nwhich wraps onto a second line?");
        expected.put("Returns", "one row per thing,\nsorted.");
        expected.put("Binds", "?x  the thing\n?y  another thing");
        expected.put("Parameter", "?x, by VALUES\n(a free comment after the block's fields is part of the last field)");
        assertEquals(expected, second.header());
    }

    @Test
    void findsAQueryByNumberShortNameOrFileName() throws Exception {
        write("07-asps-survival.rq", header("Survival?") + BODY);
        write("12-facts-citing-reference.rq", header("Reference N?") + BODY);
        QueryLibrary library = QueryLibrary.load(dir);

        for (String ref : List.of("7", "07", "asps-survival", "07-asps-survival", "07-asps-survival.rq")) {
            assertEquals(
                    "07-asps-survival",
                    library.lookup(ref).map(LibraryQuery::id).orElse("none"),
                    ref);
        }
        assertEquals("12-facts-citing-reference", library.find("12").id());
        assertEquals(Optional.empty(), library.lookup("8"));
        assertEquals(Optional.empty(), library.lookup("survival"));
        AspsKgException e = assertThrows(AspsKgException.class, () -> library.find("99"));
        assertTrue(e.getMessage().contains("no query '99' in the library"), e.getMessage());
        assertTrue(e.hint().contains("asps-kg query --list"), e.hint());
    }

    @Test
    void aFileNameThatIsNotNumberDashKebabCaseIsRejected() throws Exception {
        Path bad = write("7-Survival_Rates.rq", header("Survival?") + BODY);
        AspsKgException e = assertThrows(AspsKgException.class, () -> QueryLibrary.load(dir));
        assertEquals(bad + ": a library query is named NN-short-name.rq", e.getMessage());
    }

    @Test
    void aQueryThatDoesNotOpenWithItsQuestionIsRejectedAtLineOne() throws Exception {
        Path file = write("01-no-question.rq", "PREFIX ex: <http://example.org/>\n# Question: too late?\n" + BODY);
        AspsKgException e = assertThrows(AspsKgException.class, () -> QueryLibrary.load(dir));
        assertEquals(file + ":1: a library query starts with '# Question: …'", e.getMessage());
    }

    @Test
    void aCommentBlockWithoutBindsIsRejected() throws Exception {
        Path file = write("01-undocumented.rq", "# Question: What?\n# Returns: rows\n" + BODY);
        AspsKgException e = assertThrows(AspsKgException.class, () -> QueryLibrary.load(dir));
        assertEquals(file + ": the comment block has no '# Binds:' field", e.getMessage());
    }

    @Test
    void aFieldGivenTwiceIsRejectedWithItsLine() throws Exception {
        Path file = write("01-twice.rq", header("What?") + "# Returns: again\n" + BODY);
        AspsKgException e = assertThrows(AspsKgException.class, () -> QueryLibrary.load(dir));
        assertEquals(file + ":4: field 'Returns' given twice", e.getMessage());
    }

    @Test
    void twoQueriesWithTheSameNumberAreRejected() throws Exception {
        write("03-one.rq", header("One?") + BODY);
        Path two = write("03-two.rq", header("Two?") + BODY);
        AspsKgException e = assertThrows(AspsKgException.class, () -> QueryLibrary.load(dir));
        assertEquals(two + ": number 03 is already used by " + dir.resolve("03-one.rq"), e.getMessage());
    }

    @Test
    void aMissingLibraryDirectoryIsAnErrorWithAHint() {
        AspsKgException e = assertThrows(AspsKgException.class, () -> QueryLibrary.load(dir.resolve("nowhere")));
        assertEquals(dir.resolve("nowhere") + ": no query library here", e.getMessage());
    }

    @Test
    void theExpectedResultsFileIsFoundBesideTheQueryAndItsAbsenceSaysWhatToDo() throws Exception {
        write("01-select.rq", header("Select?") + BODY);
        write("02-graph.rq", header("Graph?") + "\nCONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }\n");
        write("03-both.rq", header("Both?") + BODY);
        Path expected =
                write("01-select.srj", "{ \"head\": { \"vars\": [ \"x\" ] }, \"results\": { \"bindings\": [] } }");
        write("03-both.srj", "{}");
        write("03-both.tsv", "?x\n");
        List<LibraryQuery> qs = QueryLibrary.load(dir).queries();

        assertEquals(Optional.of(expected), ExpectedResults.fileFor(qs.get(0)));
        AspsKgException missing = assertThrows(AspsKgException.class, () -> ExpectedResults.requireFileFor(qs.get(1)));
        assertEquals(
                dir.resolve("02-graph.rq") + " has no expected-results file (02-graph.srj, .tsv or .ttl)",
                missing.getMessage());
        assertTrue(
                missing.hint().contains("asps-kg query 02 --format ttl > " + dir.resolve("02-graph.ttl")),
                missing.hint());
        AspsKgException both = assertThrows(AspsKgException.class, () -> ExpectedResults.fileFor(qs.get(2)));
        assertTrue(
                both.getMessage().startsWith(dir.resolve("03-both.rq") + " has several expected-results files"),
                both.getMessage());
    }
}
