package org.aspskg.ddx.cohort;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.riot.system.StreamRDF;
import org.aspskg.AspsKgException;
import org.aspskg.ddx.cases.CaseRdf;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.cases.SourcePosition;
import org.aspskg.ddx.classify.CaseClassifier;
import org.aspskg.ddx.classify.ContradictoryCaseException;
import org.aspskg.ddx.read.CaseInputException;
import org.aspskg.ddx.read.JsonCaseReader;

/**
 * JSON cases for {@link CohortLoader}: a directory of them (each {@code *.json} file one case) or a
 * JSON Lines file (one case a line), each case read and validated as {@code ddx} reads it, then sent
 * on as RDF.
 */
final class JsonCaseDirectory {
    private final JsonCaseReader reader;
    private final CaseClassifier classifier;
    private final CaseRdf caseRdf;
    private final LoadTally tally;

    /** @param classifier refuses contradictory cases as {@code ddx} does (null: not checked) */
    JsonCaseDirectory(JsonCaseReader reader, CaseClassifier classifier, CaseRdf caseRdf, LoadTally tally) {
        this.reader = reader;
        this.classifier = classifier;
        this.caseRdf = caseRdf;
        this.tally = tally;
    }

    /** The JSON case files of a directory, in file name order. */
    static List<Path> jsonFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p ->
                            p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new AspsKgException(dir + ": cannot list: " + e.getMessage(), "Check the directory.", e);
        }
    }

    /** Reads the cases of {@code dir}, in file name order, into {@code out}. */
    void load(Path dir, StreamRDF out, Consumer<String> progress) {
        List<Path> files = jsonFiles(dir);
        int n = 0;
        for (Path file : files) {
            SourcePosition where = SourcePosition.of(file.toString());
            PatientCase c;
            try (InputStream in = Files.newInputStream(file)) {
                c = reader.read(in, file.toString());
            } catch (CaseInputException e) {
                e.problems().forEach(tally::addProblem);
                continue;
            } catch (IOException e) {
                tally.addProblem(new CaseInputException.Problem(where, "cannot read: " + e.getMessage()));
                continue;
            }
            send(c, where, "its id is also in an earlier file", out);
            if (++n % 10_000 == 0) progress.accept(String.format(Locale.ROOT, "%s: %,d JSON cases read", dir, n));
        }
    }

    /**
     * Reads the cases of a JSON Lines file (one JSON case a line, {@code .gz} too), in line order, into
     * {@code out}: each line read and checked as a JSON case file is, its problems placed at file:line.
     */
    void loadLines(Path file, StreamRDF out, Consumer<String> progress) {
        String source = file.toString();
        long[] n = {0};
        JsonLineChunks splitter = new JsonLineChunks(
                1000,
                (bytes, firstLine) -> JsonLineChunks.lines(bytes, firstLine, (line, from, length, number) -> {
                    PatientCase c =
                            JsonLineChunks.readCase(reader, source, line, from, length, number, tally::addProblem);
                    if (c == null) return;
                    send(
                            c,
                            new SourcePosition(source, number, 0),
                            "its id is also on an earlier line or in an earlier file",
                            out);
                    if (++n[0] % 10_000 == 0)
                        progress.accept(String.format(Locale.ROOT, "%s: %,d JSON cases read", source, n[0]));
                }));
        splitter.splitFile(file, null);
    }

    /**
     * Refuses a contradictory case (as {@code ddx} does) or one loaded before, else sends the case's RDF
     * on while the run has no problem.
     */
    private void send(PatientCase c, SourcePosition where, String twice, StreamRDF out) {
        if (classifier != null) {
            try {
                classifier.classify(c);
            } catch (ContradictoryCaseException e) {
                SourcePosition at = e.one().isEmpty() ? where : e.one().get(0).position();
                tally.addProblem(new CaseInputException.Problem(at, e.getMessage()));
                return;
            }
        }
        Node iri = NodeFactory.createURI(c.iri());
        if (!tally.loadedCases.add(iri)) {
            tally.addProblem(new CaseInputException.Problem(
                    where, "the case <" + c.iri() + "> is loaded twice (" + twice + ")"));
            return;
        }
        tally.closedSubjects.add(iri);
        if (tally.problemCount() == 0) {
            Graph g = caseRdf.graph(c).model().getGraph();
            long t0 = System.nanoTime();
            g.find().forEachRemaining(out::triple);
            tally.loadNanos += System.nanoTime() - t0;
            tally.triples += g.size();
        }
    }
}
