package org.aspskg.bad;

import static org.aspskg.store.TestStores.fileDigests;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.jena.riot.system.StreamRDFLib;
import org.aspskg.AspsKgException;
import org.aspskg.PrintableText;
import org.aspskg.cli.CliRuns;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ontology.OntologyLoader;
import org.aspskg.store.TestStores;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every malformed input of the corpus ({@link BadInputs}) fed to its command line entry point in-process:
 * ontology files to {@code build --ontology}, case files to {@code ddx --store-ranking}, cohort files
 * to {@code build --cases}, SSSOM files to {@code map --check}, SPARQL files to {@code query}. Each
 * gives its expected exit code and message, no stack trace, and a refused input leaves the store
 * byte for byte as it was. The entries whose every input is a whole build (ontology, cohort) run
 * {@link BadInputs#SAMPLE} inputs each unless {@code -Dbad.all=true}; every cohort input also goes
 * through the loader alone.
 */
class BadInputCorpusTest {
    /** Inputs made at test time (big or binary, or not files at all). */
    static final List<String> GENERATED = List.of(
            "gen-binary-64k",
            "gen-huge-literal",
            "gen-deep-nesting",
            "gen-100k-elements",
            "gen-directory",
            "gen-symlink-dangling",
            "gen-symlink-loop",
            "gen-missing",
            "gen-deep-turtle");

    private static final String A = "https://w3id.org/asps-kg/";
    private static final String OWL_HEAD = "PREFIX owl: <http://www.w3.org/2002/07/owl#>\n"
            + "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
            + "<https://w3id.org/asps-kg/asps.owl> a owl:Ontology .\n";

    @TempDir
    static Path shared;

    static Path store;

    @TempDir
    Path tmp;

    @BeforeAll
    static void copyStore() {
        store = TestStores.copyOfShared(shared.resolve("tdb2"));
    }

    /** Each a whole build (a sample in a plain run, every input with -Dbad.all=true). */
    static Stream<BadInputs.Input> ontology() {
        return BadInputs.sample(BadInputs.of("ontology", GENERATED));
    }

    static Stream<BadInputs.Input> ddx() {
        return BadInputs.of("ddx", GENERATED);
    }

    /** Each a whole build before its cases are read (a sample; every input with -Dbad.all=true). */
    static Stream<BadInputs.Input> cohort() {
        return BadInputs.sample(BadInputs.of("cohort", GENERATED));
    }

    /** Every cohort input, for the loader alone. */
    static Stream<BadInputs.Input> cohortAll() {
        return BadInputs.of("cohort", GENERATED);
    }

    static Stream<BadInputs.Input> sssom() {
        return BadInputs.of("sssom", GENERATED);
    }

    static Stream<BadInputs.Input> sparql() {
        return BadInputs.of("sparql", GENERATED);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"ontology", "ddx", "cohort", "sssom", "sparql"})
    void aBadInputIsRefusedWithItsMessageAndExitCodeNoStackTraceAndTheStoreUnchanged(BadInputs.Input in)
            throws Exception {
        Path file = in.generated() ? generate(in) : in.committed();
        List<String> args = switch (in.entry()) {
            case "ontology" -> List.of("build", "--store", store.toString(), "--ontology", file.toString());
            case "ddx" -> List.of("ddx", "--store", store.toString(), "--store-ranking", file.toString());
            case "cohort" -> List.of("build", "--store", store.toString(), "--cases", file.toString());
            case "sssom" -> List.of("map", "--check=" + file);
            case "sparql" -> List.of("query", "--store", store.toString(), "--format", "csv", file.toString());
            default -> throw new IllegalArgumentException(in.entry());
        };
        Map<String, String> before = fileDigests(store);
        var r = assertTimeoutPreemptively(
                Duration.ofMinutes(3), () -> CliRuns.run(args.toArray(String[]::new)), in + " hangs");
        String all = r.out() + r.err();
        if (BadInputs.RECORD) {
            BadInputs.record(in, r.exit(), r.err().isBlank() ? r.out() : r.err());
            return;
        }
        assertEquals(in.expected(), r.exit(), in + ": " + all);
        assertTrue(all.contains(in.fragment()), in + " should say '" + in.fragment() + "': " + all);
        assertFalse(BadInputs.hasStackTrace(all), in + ": no stack trace without --verbose: " + all);
        if (in.expected() != 0) assertEquals(before, fileDigests(store), in + " left the store as it was");
    }

    /**
     * Every cohort input read by the loader that {@code build --cases} runs (the same checks and
     * messages, without the ontology build before it): refused with the entry's message as the
     * command prints it and no stack trace, or loaded when the entry expects exit 0.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cohortAll")
    void theCohortLoaderRefusesEveryBadCohortWithTheMessageBuildCasesPrints(BadInputs.Input in) throws Exception {
        if (BadInputs.RECORD) return;
        Path file = in.generated() ? generate(in) : in.committed();
        DdxKnowledge knowledge = DdxKnowledge.cached(OntologyLoader.DEFAULT_ONTOLOGY, DdxKnowledge.DEFAULT_SHAPES);
        // the inputs are checked as the loader is made (format, existence) and as it reads
        Executable load =
                () -> knowledge.cohortLoader(List.of(file), true).loadInto(StreamRDFLib.sinkNull(), line -> {});
        if (in.expected() == 0) {
            assertTimeoutPreemptively(Duration.ofMinutes(3), load, in + " hangs");
            return;
        }
        AspsKgException e = assertThrows(
                AspsKgException.class, () -> assertTimeoutPreemptively(Duration.ofMinutes(3), load, in + " hangs"));
        String printed = "error: " + PrintableText.keepingLines(e.getMessage())
                + (e.hint() == null ? "" : "\nhint: " + PrintableText.keepingLines(e.hint()));
        assertTrue(printed.contains(in.fragment()), in + " should say '" + in.fragment() + "': " + printed);
        assertFalse(BadInputs.hasStackTrace(printed), in + ": no stack trace: " + printed);
    }

    /** Makes a gen- input in this test's directory. */
    private Path generate(BadInputs.Input in) throws IOException {
        String ext = switch (in.entry()) {
            case "ontology", "cohort" -> in.entry().equals("cohort") ? ".ttl" : ".ttl";
            case "ddx" -> ".json";
            case "sssom" -> ".sssom.tsv";
            default -> ".rq";
        };
        if (in.name().equals("gen-deep-turtle")) ext = ".ttl";
        Path file = tmp.resolve(in.name() + ext);
        switch (in.name()) {
            case "gen-binary-64k" -> Files.write(file, BadInputs.randomBytes(64, 1 << 16));
            case "gen-huge-literal" -> Files.writeString(file, hugeLiteral(in.entry(), "A".repeat(4 << 20)));
            case "gen-deep-nesting" -> Files.writeString(file, deep(in.entry(), 100_000));
            case "gen-100k-elements" -> Files.writeString(file, manyElements(in.entry(), 100_000));
            case "gen-directory" -> Files.createDirectories(file);
            case "gen-symlink-dangling" -> Files.createSymbolicLink(file, tmp.resolve("nowhere" + ext));
            case "gen-symlink-loop" -> {
                Path other = tmp.resolve("loop-other" + ext);
                Files.createSymbolicLink(file, other);
                Files.createSymbolicLink(other, file);
            }
            case "gen-deep-turtle" -> Files.writeString(file, deep("cohort", 100_000));
            case "gen-missing" -> {
                // nothing there
            }
            default -> throw new IllegalArgumentException(in.name());
        }
        return file;
    }

    private static String hugeLiteral(String entry, String text) {
        return switch (entry) {
            case "ontology" -> OWL_HEAD + "<" + A + "X> a owl:Class ; rdfs:comment \"" + text + "\" .\n";
            case "ddx" -> "{\"id\": \"huge\", \"label\": \"" + text + "\", \"findings\": [\"thigh\"]}\n";
            case "cohort" ->
                "PREFIX aspskg: <" + A + ">\n<" + A + "case/huge> a aspskg:PatientCase ;"
                        + " <http://www.w3.org/2000/01/rdf-schema#label> \"" + text + "\" ;"
                        + " aspskg:hasLesionSite [ a aspskg:Thigh ] .\n";
            case "sssom" ->
                sssomHead() + "aspskg:Thigh\t" + text
                        + "\tskos:exactMatch\t\tEXAMPLE:0002\tx\tsemapv:ManualMappingCuration\tperson:0001\t2026-11-25\t\t\n";
            default -> "ASK { ?s ?p \"" + text + "\" }\n";
        };
    }

    private static String deep(String entry, int depth) {
        return switch (entry) {
            case "ontology" -> OWL_HEAD + "<" + A + "X> rdfs:comment " + "(".repeat(depth) + ")".repeat(depth) + " .\n";
            case "ddx" -> "{\"id\": \"deep\", \"findings\": " + "[".repeat(depth) + "]".repeat(depth) + "}\n";
            case "cohort" ->
                "PREFIX aspskg: <" + A + ">\n<" + A + "case/deep> a aspskg:PatientCase ; aspskg:hasFinding "
                        + "[ aspskg:p ".repeat(depth) + "1" + " ]".repeat(depth) + " .\n";
            case "sssom" -> "#curie_map: " + "[".repeat(depth) + "]".repeat(depth) + "\n" + sssomColumns();
            default -> "SELECT * " + "{ ".repeat(depth) + "?s ?p ?o" + " }".repeat(depth) + "\n";
        };
    }

    private static String manyElements(String entry, int n) {
        String numbers = IntStream.range(0, n).mapToObj(Integer::toString).collect(Collectors.joining(" "));
        return switch (entry) {
            case "ontology" ->
                OWL_HEAD + "<" + A + "X> a owl:Class ; rdfs:comment "
                        + IntStream.range(0, n).mapToObj(i -> "\"" + i + "\"").collect(Collectors.joining(", "))
                        + " .\n";
            case "ddx" ->
                "{\"id\": \"many\", \"findings\": ["
                        + IntStream.range(0, n).mapToObj(i -> "\"thigh\"").collect(Collectors.joining(", ")) + "]}\n";
            case "cohort" ->
                "PREFIX aspskg: <" + A + ">\n<" + A + "case/many> a aspskg:PatientCase ; aspskg:hasLesionSite "
                        + IntStream.range(0, n)
                                .mapToObj(i -> "[ a aspskg:Thigh ]")
                                .collect(Collectors.joining(", "))
                        + " .\n";
            case "sssom" ->
                sssomHead()
                        + IntStream.range(0, n)
                                .mapToObj(i -> "aspskg:Thigh\tthigh\tskos:exactMatch\t\tEXAMPLE:" + i
                                        + "\tx\tsemapv:ManualMappingCuration\tperson:0001\t2026-11-25\t\t\n")
                                .collect(Collectors.joining());
            default -> "SELECT * { VALUES ?x { " + numbers + " } } LIMIT 1\n";
        };
    }

    private static String sssomHead() {
        return "#curie_map:\n#  aspskg: https://w3id.org/asps-kg/\n#  EXAMPLE: https://example.org/vocab/\n"
                + "#  person: https://example.org/people/\n#mapping_set_id: https://example.org/m.sssom.tsv\n"
                + "#license: https://creativecommons.org/licenses/by/4.0/\n" + sssomColumns();
    }

    private static String sssomColumns() {
        return "subject_id\tsubject_label\tpredicate_id\tpredicate_modifier\tobject_id\tobject_label"
                + "\tmapping_justification\tauthor_id\tmapping_date\tsee_also\tcomment\n";
    }
}
