package org.aspskg.ddx.cohort;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.zip.GZIPOutputStream;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.cases.CaseRdf;
import org.aspskg.ddx.cases.CaseStatement;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.rank.DiseaseFeatureAssociations;
import org.aspskg.ddx.read.JsonCaseReader;

/**
 * Writes a generated cohort in the case formats the ddx readers accept: one JSON case file per case
 * ({@code json/<id>.json}), the whole cohort as JSON Lines ({@code cohort.jsonl}, one JSON case a
 * line, as the batch endpoint and {@code rank} read it), as Turtle ({@code cohort.ttl}) and as
 * N-Triples ({@code cohort.nt}) as {@link CaseRdf} writes them, and {@code truth.tsv} (each case's
 * true diagnosis). Blank nodes get labels derived from the case and the statement, so the same
 * cohort gives the same bytes.
 */
public final class CohortWriter {
    /** The output formats. */
    public enum Format {
        JSON,
        JSONL,
        TTL,
        NT;

        /** json, jsonl, ttl, nt, or all. */
        public static Set<Format> parse(String s) {
            String v = s.trim().toLowerCase(Locale.ROOT);
            if (v.equals("all")) return EnumSet.allOf(Format.class);
            for (Format f : values()) if (f.name().toLowerCase(Locale.ROOT).equals(v)) return EnumSet.of(f);
            throw new AspsKgException("unknown cohort format '" + s + "'", "Choose json, jsonl, ttl, nt or all.");
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectWriter JSON =
            MAPPER.writer(new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));
    private final CaseRdf caseRdf;
    private final DiseaseFeatureAssociations associations;

    /**
     * @param caseRdf      writes each case as RDF
     * @param associations the labels of the true diagnoses
     */
    public CohortWriter(CaseRdf caseRdf, DiseaseFeatureAssociations associations) {
        this.caseRdf = caseRdf;
        this.associations = associations;
    }

    /**
     * Writes cases 1…n of a seed into {@code dir} in the given formats, plus {@code truth.tsv}, each
     * case written to every output as soon as it is drawn: memory stays bounded whatever n, and the
     * bytes are those of {@link #write(Iterable, Path, Set)} on {@code generator.generate(n, seed)}.
     */
    public void write(CohortGenerator generator, int n, long seed, Path dir, Set<Format> formats) throws IOException {
        write(
                () -> IntStream.rangeClosed(1, n)
                        .mapToObj(i -> generator.generateCase(seed, i))
                        .iterator(),
                dir,
                formats);
    }

    /**
     * Writes the cohort into {@code dir} in the given formats, plus {@code truth.tsv}, in one pass:
     * every output is open at once and gets each case in turn, so {@code cohort} may be drawn lazily.
     */
    public void write(Iterable<CohortGenerator.GeneratedCase> cohort, Path dir, Set<Format> formats)
            throws IOException {
        Files.createDirectories(dir);
        Path json = formats.contains(Format.JSON) ? Files.createDirectories(dir.resolve("json")) : null;
        try (Writer truth = Files.newBufferedWriter(dir.resolve("truth.tsv"), StandardCharsets.UTF_8);
                Writer jsonl = formats.contains(Format.JSONL)
                        ? Files.newBufferedWriter(dir.resolve("cohort.jsonl"), StandardCharsets.UTF_8)
                        : null;
                RdfFile ttl = formats.contains(Format.TTL)
                        ? new RdfFile(dir.resolve("cohort.ttl"), RDFFormat.TURTLE_BLOCKS)
                        : null;
                RdfFile nt = formats.contains(Format.NT)
                        ? new RdfFile(dir.resolve("cohort.nt"), RDFFormat.NTRIPLES)
                        : null) {
            truth.write("case_id\tcase_iri\ttrue_diagnosis\ttrue_diagnosis_label\n");
            for (CohortGenerator.GeneratedCase g : cohort) {
                truth.write(g.patientCase().id() + "\t" + g.patientCase().iri() + "\t" + g.trueDiagnosis() + "\t"
                        + associations.label(g.trueDiagnosis()) + "\n");
                if (json != null) {
                    Files.writeString(
                            json.resolve(g.patientCase().id() + ".json"),
                            JSON.writeValueAsString(json(g.patientCase())) + "\n",
                            StandardCharsets.UTF_8);
                }
                if (jsonl != null) {
                    jsonl.write(MAPPER.writeValueAsString(json(g.patientCase())));
                    jsonl.write('\n');
                }
                if (ttl != null) caseRdf.emit(g.patientCase(), ttl.stream);
                if (nt != null) caseRdf.emit(g.patientCase(), nt.stream);
            }
            if (ttl != null) ttl.finish();
            if (nt != null) nt.finish();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** One cohort RDF file being written, case after case. */
    private static final class RdfFile implements AutoCloseable {
        private final OutputStream out;
        final StreamRDF stream;

        RdfFile(Path file, RDFFormat format) throws IOException {
            out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            stream = StreamRDFWriter.getWriterStream(out, format);
            stream.start();
            if (format != RDFFormat.NTRIPLES) CaseRdf.PREFIXES.forEach(stream::prefix);
        }

        void finish() {
            stream.finish();
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }

    /** A case in the JSON case format ({@link JsonCaseReader}), terms as CURIEs. */
    public ObjectNode json(PatientCase c) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", c.id());
        if (c.label() != null) o.put("label", c.label());
        if (c.ageYears() != null) o.put("age", c.ageYears());
        if (c.sex() != null) o.put("sex", c.sex());
        ArrayNode findings = o.putArray("findings");
        ArrayNode absent = o.putArray("absent");
        for (CaseStatement s : c.statements()) {
            if (s.kind() == CaseStatement.Kind.PRESENT) findings.add(s.written());
            if (s.kind() == CaseStatement.Kind.ABSENT) absent.add(s.written());
        }
        return o;
    }

    /**
     * Writes cases 1…n of a seed as N-Triples (gzipped when the name ends in {@code .gz}) one at a
     * time, never holding the cohort, and their {@code truth.tsv} when {@code truth} is not null: for
     * cohorts of millions (the rank benchmark).
     */
    public void writeNTriples(CohortGenerator generator, int n, long seed, Path file, Path truth) throws IOException {
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                OutputStream out = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
                Writer t =
                        truth == null ? Writer.nullWriter() : Files.newBufferedWriter(truth, StandardCharsets.UTF_8)) {
            StreamRDF stream = StreamRDFWriter.getWriterStream(out, RDFFormat.NTRIPLES);
            stream.start();
            t.write("case_id\tcase_iri\ttrue_diagnosis\ttrue_diagnosis_label\n");
            for (int i = 1; i <= n; i++) {
                CohortGenerator.GeneratedCase g = generator.generateCase(seed, i);
                caseRdf.emit(g.patientCase(), stream);
                t.write(g.patientCase().id() + "\t" + g.patientCase().iri() + "\t" + g.trueDiagnosis() + "\t"
                        + associations.label(g.trueDiagnosis()) + "\n");
            }
            stream.finish();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Writes the cohort's cases as RDF, one case after another. */
    public void writeRdf(Iterable<CohortGenerator.GeneratedCase> cohort, Path file, RDFFormat format)
            throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            StreamRDF stream = StreamRDFWriter.getWriterStream(out, format);
            stream.start();
            if (format != RDFFormat.NTRIPLES) CaseRdf.PREFIXES.forEach(stream::prefix);
            for (CohortGenerator.GeneratedCase g : cohort) caseRdf.emit(g.patientCase(), stream);
            stream.finish();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
