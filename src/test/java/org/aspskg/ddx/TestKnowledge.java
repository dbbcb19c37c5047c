package org.aspskg.ddx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.rank.DifferentialRanking;
import org.aspskg.ddx.read.CaseReader;
import org.aspskg.ddx.read.JsonCaseReader;

/** The project's case-reasoning knowledge, loaded once per test JVM (it takes seconds). */
public final class TestKnowledge {
    public static final Path EXAMPLES = Path.of("ontology", "examples");
    private static DifferentialPipeline service;

    private TestKnowledge() {}

    public static synchronized DifferentialPipeline service() {
        if (service == null) service = DifferentialPipeline.loadDefault();
        return service;
    }

    public static DdxKnowledge knowledge() {
        return service().knowledge();
    }

    public static List<Path> examples() {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(
                            f -> f.toString().endsWith(".json") || f.toString().endsWith(".ttl"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static PatientCase read(Path file) {
        return new CaseReader(knowledge()).read(file);
    }

    public static PatientCase json(String json) {
        return new JsonCaseReader(knowledge()).read(json, "test.json");
    }

    /** A ranking in a line per hypothesis: rank, disease, log10 LR and the associations counted, for comparing rankings. */
    public static String signature(DifferentialRanking r) {
        return r.hypotheses().stream()
                .map(h -> h.rank() + " " + h.disease() + " " + String.format("%.12f", h.log10LikelihoodRatio()) + " "
                        + h.evidence().stream()
                                .map(e -> e.association().iri() + (e.observed() ? "+" : "-"))
                                .sorted()
                                .toList())
                .collect(Collectors.joining("\n"));
    }
}
