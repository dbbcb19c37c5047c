package org.aspskg.ddx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.aspskg.ddx.cases.PatientCase;
import org.aspskg.ddx.rank.DifferentialRanking;
import org.aspskg.ddx.read.CaseInput;

/** The project's case-reasoning knowledge, loaded once per test JVM (it takes seconds), and shortcuts over it. */
public final class TestKnowledge {
    public static final Path EXAMPLES = Path.of("ontology", "examples");
    private static DdxKnowledge knowledge;

    private TestKnowledge() {}

    public static synchronized DdxKnowledge knowledge() {
        if (knowledge == null) knowledge = DdxKnowledge.loadDefault();
        return knowledge;
    }

    public static DifferentialPipeline pipeline() {
        return knowledge().pipeline();
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
        return knowledge().reader().read(file);
    }

    public static PatientCase json(String json) {
        return knowledge().jsonReader().read(json, "test.json");
    }

    /** A JSON case read in strict mode (exact names only, as {@code ddx --strict}). */
    public static PatientCase jsonStrict(String json) {
        return knowledge().jsonReader().read(json, "test.json", true);
    }

    /** The ranking of a case (classified with the compiled classifier). */
    public static DifferentialRanking rank(PatientCase c) {
        return pipeline().rank(c).ranking();
    }

    /** The ranking of a case file. */
    public static DifferentialRanking rank(Path file) {
        return rank(read(file));
    }

    /** The ranking of a case read from any input. */
    public static DifferentialRanking rank(CaseInput input) {
        return rank(pipeline().read(input));
    }

    /** A ranking in a line per hypothesis: rank, disease, log10 LR and the associations counted, for comparing rankings. */
    public static String signature(DifferentialRanking r) {
        return r.hypotheses().stream()
                .map(h -> h.rank() + " " + h.disease() + " "
                        + String.format(Locale.ROOT, "%.12f", h.log10LikelihoodRatio()) + " "
                        + h.evidence().stream()
                                .map(e -> e.association().iri() + (e.observed() ? "+" : "-"))
                                .sorted()
                                .toList())
                .collect(Collectors.joining("\n"));
    }
}
