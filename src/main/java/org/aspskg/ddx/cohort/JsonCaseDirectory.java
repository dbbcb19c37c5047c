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
 * A directory of JSON cases for {@link CohortLoader}: each {@code *.json} file is one case, read
 * and validated as {@code ddx} reads it, then sent on as RDF.
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
            PatientCase c;
            try (InputStream in = Files.newInputStream(file)) {
                c = reader.read(in, file.toString());
                if (classifier != null) classifier.classify(c);
            } catch (CaseInputException e) {
                e.problems().forEach(tally::addProblem);
                continue;
            } catch (ContradictoryCaseException e) {
                SourcePosition where = e.one().isEmpty()
                        ? SourcePosition.of(file.toString())
                        : e.one().get(0).position();
                tally.addProblem(new CaseInputException.Problem(where, e.getMessage()));
                continue;
            } catch (IOException e) {
                tally.addProblem(new CaseInputException.Problem(
                        SourcePosition.of(file.toString()), "cannot read: " + e.getMessage()));
                continue;
            }
            Node iri = NodeFactory.createURI(c.iri());
            if (!tally.loadedCases.add(iri)) {
                tally.addProblem(new CaseInputException.Problem(
                        SourcePosition.of(file.toString()),
                        "the case <" + c.iri() + "> is loaded twice (its id is also in an earlier file)"));
                continue;
            }
            tally.closedSubjects.add(iri);
            if (tally.problemCount() == 0) {
                Graph g = caseRdf.graph(c).model().getGraph();
                long t0 = System.nanoTime();
                g.find().forEachRemaining(out::triple);
                tally.loadNanos += System.nanoTime() - t0;
                tally.triples += g.size();
            }
            if (++n % 10_000 == 0) progress.accept(String.format(Locale.ROOT, "%s: %,d JSON cases read", dir, n));
        }
    }
}
