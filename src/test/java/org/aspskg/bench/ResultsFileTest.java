package org.aspskg.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsFileTest {
    @TempDir
    Path tmp;

    @Test
    void rowsSurviveAWriteAndReadIncludingCommasAndQuotes() throws Exception {
        List<Measurement> rows = List.of(
                new Measurement(
                        "serve", "stock-fuseki", "all-queries", 1_002_449, "triples", 16, "p99", 12.345, "ms", 9_876),
                new Measurement(
                        "serve", "asps-kg", "query \"a, b\"", 10, "triples", 1, "throughput", 1500, "queries/s", 3));
        Path file = tmp.resolve("serve.csv");
        ResultsFile.write(file, rows);
        assertEquals("""
                benchmark,peer,scenario,size,size_unit,clients,metric,value,unit,runs
                serve,stock-fuseki,all-queries,1002449,triples,16,p99,12.345,ms,9876
                serve,asps-kg,"query ""a, b\""",10,triples,1,throughput,1500,queries/s,3
                """, Files.readString(file));
        assertEquals(rows, ResultsFile.read(file));
    }

    @Test
    void aFileWithAnotherHeaderIsRefusedNamingTheFile() throws Exception {
        Path file = tmp.resolve("old.csv");
        Files.writeString(file, "benchmark,peer,value\nload,asps-kg,1\n");
        IOException e = assertThrows(IOException.class, () -> ResultsFile.read(file));
        assertTrue(e.getMessage().startsWith(file + ": header [benchmark, peer, value]"), e.getMessage());
    }

    @Test
    void aRowWithANonNumericValueIsRefusedWithItsLine() throws Exception {
        Path file = tmp.resolve("bad.csv");
        Files.writeString(
                file,
                String.join(",", Measurement.COLUMNS) + "\n"
                        + "load,asps-kg,x,1,triples,1,rate,1,triples/s,1\n"
                        + "load,asps-kg,x,1,triples,1,rate,fast,triples/s,1\n");
        IOException e = assertThrows(IOException.class, () -> ResultsFile.read(file));
        assertTrue(e.getMessage().startsWith(file + ":3: "), e.getMessage());
    }
}
