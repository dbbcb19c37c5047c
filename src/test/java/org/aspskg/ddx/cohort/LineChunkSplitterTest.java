package org.aspskg.ddx.cohort;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.jena.riot.system.StreamRDFLib;
import org.aspskg.ddx.cases.SourcePosition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chunks of lines the rank reader hands to its workers are those the parsing chunker makes. */
class LineChunkSplitterTest {
    @TempDir
    Path tmp;

    private static final String TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>";
    private static final String CASE = "<https://w3id.org/asps-kg/PatientCase>";
    private static final String FINDING = "<https://w3id.org/asps-kg/hasFinding>";

    /** Cases written in the ways N-Triples allows and a splitter could get wrong. */
    private static String cohort() {
        StringBuilder nt = new StringBuilder("# a cohort\n\n");
        for (int i = 1; i <= 9; i++) {
            String c = "<https://w3id.org/asps-kg/case/c" + i + ">";
            switch (i % 3) {
                case 0 -> {
                    // the blank node described before the case that points to it, CRLF line ends
                    nt.append("_:b")
                            .append(i)
                            .append(' ')
                            .append(TYPE)
                            .append(" <https://w3id.org/asps-kg/Haemorrhage> .\r\n");
                    nt.append(c)
                            .append(' ')
                            .append(TYPE)
                            .append(' ')
                            .append(CASE)
                            .append(" .\r\n");
                    nt.append(c)
                            .append(' ')
                            .append(FINDING)
                            .append(" _:b")
                            .append(i)
                            .append(" .\r\n");
                }
                case 1 -> {
                    // the case's IRI written again with an escape, after its type
                    nt.append(c)
                            .append(' ')
                            .append(TYPE)
                            .append(' ')
                            .append(CASE)
                            .append(" .\n");
                    nt.append("<https://w3id.org/asps-kg/case/\\u0063")
                            .append(i)
                            .append("> ")
                            .append(FINDING)
                            .append(" _:b")
                            .append(i)
                            .append(".\n");
                    nt.append("  _:b")
                            .append(i)
                            .append('\t')
                            .append(TYPE)
                            .append(" <https://w3id.org/asps-kg/LargeMass> . # size\n");
                }
                default -> {
                    nt.append(c)
                            .append(' ')
                            .append(TYPE)
                            .append(' ')
                            .append(CASE)
                            .append(" .\n");
                    nt.append(c)
                            .append(" <http://www.w3.org/2000/01/rdf-schema#label> \"case \\\"")
                            .append(i)
                            .append("\\\" _:x <y>\"@en .\n");
                    nt.append(c)
                            .append(' ')
                            .append(FINDING)
                            .append(" _:b")
                            .append(i)
                            .append(" .\n");
                    nt.append("# between\n");
                    nt.append("_:b")
                            .append(i)
                            .append(' ')
                            .append(TYPE)
                            .append(" <https://w3id.org/asps-kg/Necrosis> .\n");
                }
            }
        }
        return nt.append("<https://w3id.org/asps-kg/case/c9> <https://w3id.org/asps-kg/ageInYears> \"9\" .")
                .toString();
    }

    @Test
    void chunksOfLinesHoldTheTriplesOfTheChunksOfTheParsedFile() throws IOException {
        Path file = tmp.resolve("cohort.nt");
        Files.writeString(file, cohort(), StandardCharsets.UTF_8);
        for (int chunkCases : new int[] {1, 2, 4, 100}) {
            List<List<Long>> parsed = new ArrayList<>();
            CaseFileParser.Position at = new CaseFileParser.Position();
            CaseChunker serial = chunker(file, at, chunkCases).handingChunksTo(c -> parsed.add(lines(c)));
            CaseFileParser.parse(file, at, serial);
            serial.close();

            List<List<Long>> split = new ArrayList<>();
            String scope = CaseFileParser.newScope();
            new LineChunkSplitter(chunkCases, (bytes, firstLine) -> {
                        CaseFileParser.Position where = new CaseFileParser.Position();
                        List<List<Long>> one = new ArrayList<>();
                        CaseChunker c = chunker(file, where, Integer.MAX_VALUE).handingChunksTo(k -> one.add(lines(k)));
                        CaseFileParser.parseLines(file, bytes, firstLine, scope, where, c);
                        c.close();
                        split.addAll(one);
                    })
                    .split(new ByteArrayInputStream(Files.readAllBytes(file)));
            assertEquals(parsed, split, "chunks of " + chunkCases + " cases");
            assertTrue(parsed.size() > 1 || chunkCases == 100, "several chunks of " + chunkCases);
        }
    }

    private static CaseChunker chunker(Path file, CaseFileParser.Position at, int chunkCases) {
        return new CaseChunker(
                file.toString(), at, StreamRDFLib.sinkNull(), l -> {}, null, null, false, chunkCases, new LoadTally());
    }

    /** The lines of a chunk's triples, in order. */
    private static List<Long> lines(CaseChunker.Chunk chunk) {
        return chunk.positions().values().stream()
                .map(SourcePosition::line)
                .sorted()
                .toList();
    }
}
