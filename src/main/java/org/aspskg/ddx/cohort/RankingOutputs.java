package org.aspskg.ddx.cohort;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFLib;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.rank.RankedHypothesis;
import org.aspskg.ddx.render.RankedCase;
import org.aspskg.ddx.render.RankingGraph;
import org.aspskg.ontology.AspsVocabulary;

/**
 * Where {@code asps-kg rank} writes: a file in one of the {@link Format}s, written to a temporary
 * file next to it and moved into place only when the run succeeded, or an RDF stream (the store's
 * rankings graph, see {@link org.aspskg.store.GraphReplacement}). RDF outputs carry the compact
 * ranking of {@link RankingGraph#emitCompact} and, with a truth table, each case's reference diagnosis.
 */
public final class RankingOutputs {
    private RankingOutputs() {}

    /** The file formats of {@code rank --out}, by extension. */
    public enum Format {
        /** N-Triples: the rankings graph's triples. */
        NT(".nt"),
        /** N-Quads: the same triples in the rankings graph. */
        NQ(".nq"),
        /** JSON Lines: the JSON answer of {@code asps-kg ddx --format json}, one case per line. */
        JSONL(".jsonl"),
        /** CSV, one row per case: case IRI, top diagnosis and its label, its post-test probability, the top three. */
        CSV(".csv");

        final String extension;

        Format(String extension) {
            this.extension = extension;
        }

        public boolean isRdf() {
            return this == NT || this == NQ;
        }

        /** The format of a file from its extension. */
        public static Format of(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            for (Format f : values()) if (name.endsWith(f.extension)) return f;
            throw new AspsKgException(
                    file + ": cannot write rankings in this format",
                    "Give --out a file ending in .nt, .nq, .jsonl or .csv (or leave --out out to store the rankings).");
        }
    }

    /** The CSV header. */
    public static final List<String> CSV_HEADER =
            List.of("case", "top_diagnosis", "top_label", "post_test_probability", "top3");

    private static final ObjectWriter JSON_LINE = new ObjectMapper().writer();

    /** A sink into an RDF stream (the rankings graph of a staging store), the truth table's triples first. */
    public static CohortRanking.RankingSink toRdf(StreamRDF out, TruthTable truth) {
        return new CohortRanking.RankingSink() {
            @Override
            public void start() {
                if (truth != null) truth.emit(out);
            }

            @Override
            public void write(RankedCase ranked) {
                RankingGraph.emitCompact(ranked.ranking(), out);
            }

            @Override
            public void finish() {}

            @Override
            public void close() {}
        };
    }

    /**
     * A sink into {@code file} (its format from its extension), written to a temporary file that
     * replaces it only when the run has finished. A truth table is for the RDF formats only.
     */
    public static CohortRanking.RankingSink toFile(Path file, TruthTable truth) {
        Format format = checkFile(file, truth != null);
        Path dir = file.toAbsolutePath().getParent();
        Path tmp;
        OutputStream stream;
        try {
            Files.createDirectories(dir);
            tmp = Files.createTempFile(dir, file.getFileName().toString(), ".part");
            stream = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
        } catch (IOException e) {
            throw new AspsKgException(
                    "cannot write " + file + ": " + e.getMessage(), "Check that its directory is writable.", e);
        }
        return new FileSink(file, tmp, stream, format, truth);
    }

    /** The format of an output file, checked against whether a truth table goes with it (nothing is written). */
    public static Format checkFile(Path file, boolean withTruth) {
        Format format = Format.of(file);
        if (withTruth && !format.isRdf()) {
            throw new AspsKgException(
                    "--truth with --out " + file + ": reference diagnoses are written as RDF",
                    "Write the rankings to the store or to a .nt or .nq file with --truth, "
                            + "or leave --truth out for .csv and .jsonl.");
        }
        return format;
    }

    private static final class FileSink implements CohortRanking.RankingSink {
        private final Path file;
        private final Path tmp;
        private final OutputStream stream;
        private final Format format;
        private final TruthTable truth;
        private StreamRDF rdf;
        private BufferedWriter text;
        private CSVPrinter csv;
        private boolean done;

        FileSink(Path file, Path tmp, OutputStream stream, Format format, TruthTable truth) {
            this.file = file;
            this.tmp = tmp;
            this.stream = stream;
            this.format = format;
            this.truth = truth;
        }

        @Override
        public void start() {
            try {
                switch (format) {
                    case NT -> rdf = StreamRDFWriter.getWriterStream(stream, RDFFormat.NTRIPLES);
                    case NQ ->
                        rdf = StreamRDFLib.extendTriplesToQuads(
                                NodeFactory.createURI(AspsVocabulary.GRAPH_RANKINGS),
                                StreamRDFWriter.getWriterStream(stream, RDFFormat.NQUADS));
                    case JSONL -> text = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
                    case CSV -> {
                        text = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
                        csv = new CSVPrinter(
                                text,
                                CSVFormat.DEFAULT
                                        .builder()
                                        .setRecordSeparator('\n')
                                        .setHeader(CSV_HEADER.toArray(String[]::new))
                                        .get());
                    }
                }
                if (rdf != null) {
                    rdf.start();
                    if (truth != null) truth.emit(rdf);
                }
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public void write(RankedCase ranked) {
            try {
                switch (format) {
                    case NT, NQ -> RankingGraph.emitCompact(ranked.ranking(), rdf);
                    case JSONL -> {
                        text.write(JSON_LINE.writeValueAsString(ranked.json()));
                        text.write('\n');
                    }
                    case CSV -> csv.printRecord(csvRow(ranked));
                }
            } catch (IOException e) {
                throw failed(e);
            } catch (UncheckedIOException e) {
                throw failed(e.getCause());
            }
        }

        @Override
        public void finish() {
            try {
                if (rdf != null) rdf.finish();
                if (csv != null) csv.flush();
                if (text != null) text.flush();
                stream.close();
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                done = true;
            } catch (IOException e) {
                throw failed(e);
            }
        }

        @Override
        public void close() {
            if (done) return;
            try {
                stream.close();
            } catch (IOException e) {
                // discarded anyway
            }
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException e) {
                // a leftover .part file; the output file itself is untouched
            }
        }

        private AspsKgException failed(IOException e) {
            return new AspsKgException(
                    "cannot write " + file + ": " + e.getMessage(), "Check the disk and the directory.", e);
        }
    }

    /** A CSV row: case IRI, top diagnosis IRI and label, its post-test probability, "label (p); …" for the top three. */
    public static List<String> csvRow(RankedCase ranked) {
        List<RankedHypothesis> hs = ranked.ranking().hypotheses();
        RankedHypothesis top = hs.get(0);
        List<String> three = new ArrayList<>();
        for (int i = 0; i < Math.min(3, hs.size()); i++) {
            RankedHypothesis h = hs.get(i);
            three.add(String.format(Locale.ROOT, "%s (%.4f)", h.label(), h.postTestProbability()));
        }
        return List.of(
                ranked.patientCase().iri(),
                top.disease(),
                top.label(),
                String.format(Locale.ROOT, "%.6f", top.postTestProbability()),
                String.join("; ", three));
    }
}
