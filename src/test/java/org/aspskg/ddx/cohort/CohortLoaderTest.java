package org.aspskg.ddx.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.GraphMemFactory;
import org.apache.jena.riot.RDFDataMgr;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDFLib;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.TestKnowledge;
import org.aspskg.store.CaseLoad;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Streaming a cohort into a cases graph: chunks of whole cases give exactly the file's triples, and
 * every kind of bad input is refused with the file, the line and the case.
 */
class CohortLoaderTest {
    private static final int CASES = 25;
    private static final long SEED = 11;
    /** Small chunks, so that a cohort of 25 cases crosses several chunk boundaries. */
    private static final int CHUNK = 3;

    @TempDir
    Path tmp;

    private List<CohortGenerator.GeneratedCase> cohort() {
        return TestKnowledge.knowledge().cohortGenerator().generate(CASES, SEED);
    }

    private Path write(String name, RDFFormat format) throws IOException {
        Path file = tmp.resolve(name);
        TestKnowledge.knowledge().cohortWriter().writeRdf(cohort(), file, format);
        return file;
    }

    private static Graph load(int chunk, boolean validate, Path... files) {
        Graph loaded = GraphMemFactory.createDefaultGraph();
        loader(List.of(files), validate, chunk).loadInto(StreamRDFLib.graph(loaded), line -> {});
        return loaded;
    }

    /** A loader with small chunks, built as {@link org.aspskg.ddx.DdxKnowledge#cohortLoader} builds one. */
    private static CohortLoader loader(List<Path> files, boolean validate, int chunk) {
        DdxKnowledge k = TestKnowledge.knowledge();
        return new CohortLoader(k.turtleReader(), k.classifier(), k.jsonReader(), k.caseRdf(), files, validate, chunk);
    }

    private static AspsKgException refused(Path... files) {
        return assertThrows(AspsKgException.class, () -> load(CHUNK, true, files));
    }

    /** The 1-based number of the first line containing all of the fragments. */
    private static int lineOf(List<String> lines, String... fragments) {
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (Arrays.stream(fragments).allMatch(l::contains)) return i + 1;
        }
        throw new AssertionError("no line with " + List.of(fragments));
    }

    private static String caseIri(int index) {
        return "https://w3id.org/asps-kg/case/" + CohortGenerator.caseId(SEED, index);
    }

    @Test
    void chunkedLoadGivesExactlyTheTriplesOfTheFileInTurtleAndNTriples() throws IOException {
        for (Path file :
                List.of(write("cohort.nt", RDFFormat.NTRIPLES), write("cohort.ttl", RDFFormat.TURTLE_BLOCKS))) {
            Graph expected = RDFDataMgr.loadGraph(file.toString());
            for (int chunk : List.of(CHUNK, CohortLoader.DEFAULT_CHUNK_CASES)) {
                Graph loaded = load(chunk, true, file);
                assertTrue(expected.isIsomorphicWith(loaded), file + " with chunks of " + chunk + " cases");
            }
            assertTrue(expected.isIsomorphicWith(load(CHUNK, false, file)), file + " without validation");
        }
    }

    @Test
    void aGzippedFileLoadsLikeThePlainOne() throws IOException {
        Path nt = write("cohort.nt", RDFFormat.NTRIPLES);
        Path gz = tmp.resolve("cohort.nt.gz");
        try (var out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(nt, out);
        }
        assertTrue(RDFDataMgr.loadGraph(nt.toString()).isIsomorphicWith(load(CHUNK, true, gz)));
    }

    @Test
    void reportCountsTheCasesAndTriples() throws IOException {
        Path file = write("cohort.nt", RDFFormat.NTRIPLES);
        CaseLoad.Report report = loader(List.of(file), true, CHUNK).loadInto(StreamRDFLib.sinkNull(), line -> {});
        assertEquals(CASES, report.cases());
        assertEquals(Files.readAllLines(file).size(), report.triples());
        assertEquals(1, report.files());
    }

    @Test
    void aDirectoryOfJsonCasesGivesTheSameGraphAsTheNTriples() throws IOException {
        TestKnowledge.knowledge()
                .cohortWriter()
                .write(cohort(), tmp, EnumSet.of(CohortWriter.Format.JSON, CohortWriter.Format.NT));
        Graph fromJson = load(CHUNK, true, tmp.resolve("json"));
        assertTrue(RDFDataMgr.loadGraph(tmp.resolve("cohort.nt").toString()).isIsomorphicWith(fromJson));
    }

    @Test
    void aSyntaxErrorStopsTheLoadWithFileLineAndColumn() throws IOException {
        Path file = write("cohort.nt", RDFFormat.NTRIPLES);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.set(
                39,
                "<https://w3id.org/asps-kg/case/x> <https://w3id.org/asps-kg/ageInYears> \"4\" <https://example.org/x> .");
        Files.write(file, lines);
        AspsKgException e = refused(file);
        assertTrue(e.getMessage().startsWith(file + ":40:"), e.getMessage());
        assertTrue(e.getMessage().contains("syntax"), e.getMessage());
    }

    @Test
    void aCaseBreakingTheShapesInALaterChunkIsNamedWithItsLine() throws IOException {
        Path file = write("cohort.nt", RDFFormat.NTRIPLES);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        String bad = caseIri(17);
        int ageLine = lineOf(lines, "<" + bad + ">", "ageInYears");
        lines.set(ageLine - 1, lines.get(ageLine - 1).replaceFirst("\"[0-9]+\"", "\"200\""));
        Files.write(file, lines);
        AspsKgException e = refused(file);
        assertTrue(e.getMessage().startsWith(file + ":" + ageLine + ":"), e.getMessage());
        assertTrue(e.getMessage().contains("case <" + bad + ">"), e.getMessage());
        assertTrue(e.getMessage().contains("from 0 to 150"), e.getMessage());
    }

    @Test
    void anUnknownFindingIsReportedWithTheClosestNames() throws IOException {
        Path file = write("cohort.nt", RDFFormat.NTRIPLES);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        int typeLine = lineOf(lines, "<https://w3id.org/asps-kg/FlowVoid>");
        lines.set(typeLine - 1, lines.get(typeLine - 1).replace("/FlowVoid>", "/FlowViod>"));
        Files.write(file, lines);
        AspsKgException e = refused(file);
        assertTrue(e.getMessage().startsWith(file + ":" + typeLine + ":"), e.getMessage());
        assertTrue(e.getMessage().contains("FlowVoid"), e.getMessage());
    }

    @Test
    void statementsAboutACaseAfterOtherCasesAreRefused() throws IOException {
        Path file = write("cohort.nt", RDFFormat.NTRIPLES);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.add("<" + caseIri(1) + "> <http://www.w3.org/2000/01/rdf-schema#comment> \"late\" .");
        Files.write(file, lines);
        AspsKgException e = refused(file);
        assertTrue(e.getMessage().startsWith(file + ":" + lines.size() + ":"), e.getMessage());
        assertTrue(e.getMessage().contains(caseIri(1)), e.getMessage());
    }

    @Test
    void aCaseLoadedTwiceFromTwoFilesIsRefused() throws IOException {
        Path a = write("a.nt", RDFFormat.NTRIPLES);
        Path b = write("b.ttl", RDFFormat.TURTLE_BLOCKS);
        AspsKgException e = refused(a, b);
        assertTrue(e.getMessage().contains(b.toString()) && e.getMessage().contains(caseIri(1)), e.getMessage());
    }

    @Test
    void aSubjectThatBelongsToNoCaseIsRefused() throws IOException {
        Path file = write("cohort.nt", RDFFormat.NTRIPLES);
        List<String> lines = new ArrayList<>(Files.readAllLines(file));
        lines.add(5, "<https://w3id.org/asps-kg/Thigh> <http://www.w3.org/2000/01/rdf-schema#label> \"hip\" .");
        Files.write(file, lines);
        AspsKgException e = refused(file);
        assertTrue(e.getMessage().startsWith(file + ":6:"), e.getMessage());
        assertTrue(e.getMessage().contains("belongs to no patient case"), e.getMessage());
    }

    @Test
    void quadsInAnotherNamedGraphAreRefusedAndQuadsInTheCasesGraphLoad() throws IOException {
        Path nt = write("cohort.nt", RDFFormat.NTRIPLES);
        List<String> lines = Files.readAllLines(nt);
        List<String> quads = new ArrayList<>();
        for (String l : lines) quads.add(l.substring(0, l.length() - 1) + "<https://w3id.org/asps-kg/graph/cases> .");
        Path good = tmp.resolve("cases.nq");
        Files.write(good, quads);
        assertTrue(RDFDataMgr.loadGraph(nt.toString()).isIsomorphicWith(load(CHUNK, true, good)));

        quads.set(9, lines.get(9).substring(0, lines.get(9).length() - 1) + "<http://example.org/other> .");
        Path bad = tmp.resolve("other.nq");
        Files.write(bad, quads);
        AspsKgException e = refused(bad);
        assertTrue(e.getMessage().startsWith(bad + ":10:"), e.getMessage());
        assertTrue(e.getMessage().contains("<http://example.org/other>"), e.getMessage());
    }

    @Test
    void aFileWithoutCasesAndAnUnknownFormatAreRefused() throws IOException {
        Path empty = Files.writeString(tmp.resolve("empty.ttl"), "# nothing\n");
        assertTrue(refused(empty).getMessage().contains("no patient case"));
        Path rdfXml = Files.writeString(tmp.resolve("cases.rdf"), "<rdf:RDF/>");
        assertThrows(AspsKgException.class, () -> TestKnowledge.knowledge().cohortLoader(List.of(rdfXml), true));
    }

    /** N-Triples of the cohort with one case's first line moved to {@code to} (a line index after that case). */
    private List<String> withLineMoved(List<String> lines, int caseIndex, int to) {
        List<String> out = new ArrayList<>(lines);
        int from = lineOf(lines, "<" + caseIri(caseIndex) + ">") - 1;
        out.add(to, out.remove(from));
        return out;
    }

    @Test
    void aCaseSplitWithinAChunkIsRefusedWithTheLineWhereItResumes() throws IOException {
        List<String> lines = Files.readAllLines(write("cohort.nt", RDFFormat.NTRIPLES));
        // case 2's first statement moved after case 3's: both are in the first chunk, whatever its size
        int afterCase3 = lineOf(lines, "<" + caseIri(4) + ">") - 1;
        List<String> split = withLineMoved(lines, 2, afterCase3 - 1);
        Path file = Files.write(tmp.resolve("split.nt"), split);
        for (int chunk : List.of(CHUNK, CohortLoader.DEFAULT_CHUNK_CASES)) {
            AspsKgException e = assertThrows(AspsKgException.class, () -> load(chunk, true, file));
            int resumed = afterCase3; // the moved line, 1-based
            assertTrue(
                    e.getMessage()
                            .contains(file + ":" + resumed + ":1: more statements about the case <" + caseIri(2) + ">"),
                    chunk + ": " + e.getMessage());
        }
    }

    @Test
    void aCaseRepeatedAtTheEndOfTheFileIsRefusedWhateverTheChunkSize() throws IOException {
        List<String> lines = Files.readAllLines(write("cohort.nt", RDFFormat.NTRIPLES));
        List<String> repeated = new ArrayList<>(lines);
        lines.stream().filter(l -> l.startsWith("<" + caseIri(1) + ">")).forEach(repeated::add);
        Path file = Files.write(tmp.resolve("repeated.nt"), repeated);
        for (int chunk : List.of(CHUNK, CohortLoader.DEFAULT_CHUNK_CASES)) {
            AspsKgException e = assertThrows(AspsKgException.class, () -> load(chunk, true, file));
            assertTrue(e.getMessage().contains(file + ":" + (lines.size() + 1) + ":1: "), e.getMessage());
            assertTrue(e.getMessage().contains("<" + caseIri(1) + ">"), e.getMessage());
        }
    }

    @Test
    void aCaseWrittenTwiceInARowIsRefused() throws IOException {
        String one = "PREFIX aspskg: <https://w3id.org/asps-kg/>\n"
                + "<https://w3id.org/asps-kg/case/twice> a aspskg:PatientCase ; aspskg:hasLesionSite [ a aspskg:Thigh ] .\n";
        Path file = Files.writeString(tmp.resolve("twice.ttl"), one + one.substring(one.indexOf('\n') + 1));
        AspsKgException e = refused(file);
        assertTrue(
                e.getMessage()
                        .matches("(?s).*" + java.util.regex.Pattern.quote(file.toString())
                                + ":3:\\d+: <https://w3id.org/asps-kg/case/twice> is typed aspskg:PatientCase a second "
                                + "time.*"),
                e.getMessage());
    }

    @Test
    void aContradictoryCaseIsRefusedAsDdxRefusesItInTurtleAndJson() throws IOException {
        Path ttl = Files.writeString(tmp.resolve("contradictory.ttl"), """
                PREFIX aspskg: <https://w3id.org/asps-kg/>
                PREFIX case: <https://w3id.org/asps-kg/case/>
                PREFIX owl: <http://www.w3.org/2002/07/owl#>
                case:fine a aspskg:PatientCase ; aspskg:hasLesionSite [ a aspskg:Thigh ] .
                case:clash a aspskg:PatientCase ;
                    aspskg:hasFinding [ a aspskg:TFE3NuclearImmunoreactivity ] ;
                    aspskg:hasFinding [ a aspskg:TFE3ImmunostainNegative ] .
                """);
        AspsKgException e = refused(ttl);
        assertTrue(e.getMessage().startsWith(ttl + ":6:"), e.getMessage());
        assertTrue(e.getMessage().contains("case clash is contradictory"), e.getMessage());
        assertTrue(e.getMessage().contains("at " + ttl + ":7:"), e.getMessage());

        Path dir = Files.createDirectories(tmp.resolve("json"));
        Path json = Files.writeString(
                dir.resolve("c.json"), "{\"id\": \"c3\", \"findings\": [\"thigh\"], \"absent\": [\"lower limb\"]}\n");
        e = refused(dir);
        assertTrue(e.getMessage().startsWith(json + ":1:"), e.getMessage());
        assertTrue(e.getMessage().contains("case c3 is contradictory"), e.getMessage());
    }

    @Test
    void aTruncatedGzipIsRefusedNotLoadedAsFarAsItGoes() throws IOException {
        Path nt = write("cohort.nt", RDFFormat.NTRIPLES);
        Path gz = tmp.resolve("cohort.nt.gz");
        try (var out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(nt, out);
        }
        byte[] bytes = Files.readAllBytes(gz);
        for (int cut : List.of(bytes.length - 8, bytes.length / 2, 40)) {
            Path truncated = Files.write(tmp.resolve("cut-" + cut + ".nt.gz"), Arrays.copyOf(bytes, cut));
            AspsKgException e = refused(truncated);
            assertTrue(
                    e.getMessage()
                            .matches(java.util.regex.Pattern.quote(truncated.toString())
                                    + ":\\d+: the gzip data ends early or is damaged .*"),
                    e.getMessage());
        }
        Path notGzip = Files.copy(nt, tmp.resolve("plain.nt.gz"));
        assertTrue(refused(notGzip).getMessage().contains("not gzip data"));
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedWithTheirLineNotReadAsReplacementCharacters() throws IOException {
        List<String> lines = Files.readAllLines(write("cohort.nt", RDFFormat.NTRIPLES));
        int line = lineOf(lines, "<" + caseIri(2) + ">", "rdf-schema#label");
        byte[] text = String.join("\n", lines).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int offset = 0;
        for (int i = 1; i < line; i++) offset = indexOf(text, (byte) '\n', offset) + 1;
        int quote = indexOf(text, (byte) '"', offset);
        text[quote + 1] = (byte) 0xC3; // a lead byte followed by an ASCII letter
        Path file = Files.write(tmp.resolve("latin1.nt"), text);
        AspsKgException e = refused(file);
        assertTrue(
                e.getMessage().startsWith(file + ":" + line + ":" + (quote - offset + 2) + ": not UTF-8"),
                e.getMessage());
    }

    private static int indexOf(byte[] bytes, byte b, int from) {
        for (int i = from; i < bytes.length; i++) if (bytes[i] == b) return i;
        return -1;
    }
}
