package org.aspskg.ddx.cohort;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.apache.jena.riot.RDFFormat;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.riot.system.StreamRDFWriter;
import org.aspskg.ddx.DdxKnowledge;
import org.aspskg.ddx.rank.DiseaseFeatureAssociations;

/** Generated cohorts written case by case (never held whole), N-Triples, gzipped when the name ends in .gz. */
public final class CohortFiles {
    private CohortFiles() {}

    /** Cases 1…n of {@code seed} into {@code file}, and, when {@code truth} is not null, their truth.tsv. */
    public static void write(DdxKnowledge k, int n, long seed, Path file, Path truth) throws IOException {
        CohortGenerator generator = k.cohortGenerator();
        DiseaseFeatureAssociations associations = k.associations();
        try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
                OutputStream out = file.toString().endsWith(".gz") ? new GZIPOutputStream(raw, 1 << 16) : raw;
                Writer t =
                        truth == null ? Writer.nullWriter() : Files.newBufferedWriter(truth, StandardCharsets.UTF_8)) {
            StreamRDF stream = StreamRDFWriter.getWriterStream(out, RDFFormat.NTRIPLES);
            stream.start();
            t.write("case_id\tcase_iri\ttrue_diagnosis\ttrue_diagnosis_label\n");
            for (int i = 1; i <= n; i++) {
                CohortGenerator.GeneratedCase g = generator.generateCase(seed, i);
                k.caseRdf().emit(g.patientCase(), stream);
                t.write(g.patientCase().id() + "\t" + g.patientCase().iri() + "\t" + g.trueDiagnosis() + "\t"
                        + associations.label(g.trueDiagnosis()) + "\n");
            }
            stream.finish();
        }
    }
}
