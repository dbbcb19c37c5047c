package org.aspskg.ddx.cohort;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.graph.Triple;
import org.apache.jena.irix.IRIs;
import org.apache.jena.riot.system.StreamRDF;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.cases.SourcePosition;
import org.aspskg.ontology.AspsVocabulary;

/**
 * A truth column for a cohort ({@code rank --truth FILE}): the {@code truth.tsv} that {@code asps-kg
 * generate} writes (columns {@code case_id, case_iri, true_diagnosis, true_diagnosis_label}, tab
 * separated, with a header), or any TSV with the columns {@code case_iri} and {@code true_diagnosis}.
 * Each row becomes {@code <case> aspskg:referenceDiagnosis <disease>}, streamed from the file, so
 * SPARQL can score rankings against it (query {@code 27-cohort-accuracy}). The file is read once
 * before ranking starts, so a bad row fails the run before anything is written.
 */
public final class TruthTable {
    private final Path file;
    private final Set<String> diseases;

    /**
     * @param file     the TSV
     * @param diseases the IRIs a reference diagnosis may be (the ranking's hypotheses)
     */
    public TruthTable(Path file, Set<String> diseases) {
        this.file = file;
        this.diseases = Set.copyOf(diseases);
        if (!Files.isReadable(file)) {
            throw new AspsKgException(
                    file + ": no such readable file", "Give --truth the truth.tsv that 'asps-kg generate' wrote.");
        }
        emit(null); // checks every row now, before anything is ranked or written
    }

    /** Sends a reference-diagnosis triple per row to {@code out} (with null: only checks the rows). */
    void emit(StreamRDF out) {
        Node property = AspsVocabulary.REFERENCE_DIAGNOSIS.asNode();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String header = r.readLine();
            if (header == null) throw problem(1, "empty file: expected a header with case_iri and true_diagnosis");
            List<String> names = Arrays.asList(header.split("\t", -1));
            int caseCol = names.indexOf("case_iri");
            int truthCol = names.indexOf("true_diagnosis");
            if (caseCol < 0 || truthCol < 0) {
                throw problem(1, "the header names no case_iri or no true_diagnosis column (it is: " + header + ")");
            }
            String line;
            long n = 1;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) continue;
                String[] cells = line.split("\t", -1);
                if (cells.length <= Math.max(caseCol, truthCol)) {
                    throw problem(n, "expected " + names.size() + " tab-separated columns, found " + cells.length);
                }
                String caseIri = cells[caseCol].trim();
                String truth = cells[truthCol].trim();
                if (!IRIs.check(caseIri) || !IRIs.reference(caseIri).isAbsolute()) {
                    throw problem(n, "case_iri '" + caseIri + "' is not an absolute IRI");
                }
                if (!diseases.contains(truth)) {
                    throw problem(n, "true_diagnosis '" + truth + "' is none of the ranked diagnoses");
                }
                if (out != null) {
                    out.triple(Triple.create(NodeFactory.createURI(caseIri), property, NodeFactory.createURI(truth)));
                }
            }
        } catch (IOException e) {
            throw new AspsKgException(file + ": cannot read: " + e.getMessage(), "Check the file.", e);
        }
    }

    private AspsKgException problem(long line, String what) {
        return new AspsKgException(
                new SourcePosition(file.toString(), line, 1) + ": " + what,
                "Give --truth the truth.tsv that 'asps-kg generate' wrote (case_iri and true_diagnosis columns).");
    }
}
