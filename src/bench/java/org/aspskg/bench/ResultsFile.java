package org.aspskg.bench;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

/** A benchmark's figures as CSV ({@link Measurement#COLUMNS}, RFC 4180), the committed form of a run. */
public final class ResultsFile {
    private static final CSVFormat FORMAT = CSVFormat.RFC4180
            .builder()
            .setHeader(Measurement.COLUMNS.toArray(String[]::new))
            .setRecordSeparator("\n")
            .get();

    private ResultsFile() {}

    public static void write(Path file, List<Measurement> rows) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
                CSVPrinter csv = new CSVPrinter(w, FORMAT)) {
            for (Measurement m : rows) csv.printRecord(m.cells());
        }
    }

    /** Reads a file written by {@link #write}; fails on a header or row that does not fit. */
    public static List<Measurement> read(Path file) throws IOException {
        CSVFormat format = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            var parser = format.parse(r);
            if (!parser.getHeaderNames().equals(Measurement.COLUMNS)) {
                throw new IOException(
                        file + ": header " + parser.getHeaderNames() + ", expected " + Measurement.COLUMNS);
            }
            List<Measurement> rows = new ArrayList<>();
            for (CSVRecord record : parser) {
                try {
                    rows.add(Measurement.fromCells(record.toList()));
                } catch (IllegalArgumentException e) {
                    throw new IOException(file + ":" + (record.getRecordNumber() + 1) + ": " + e.getMessage(), e);
                }
            }
            return rows;
        }
    }
}
