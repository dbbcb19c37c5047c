package org.aspskg.ddx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The project's case-reasoning knowledge, loaded once per test JVM (it takes seconds). */
final class TestKnowledge {
    static final Path EXAMPLES = Path.of("ontology", "examples");
    private static DifferentialService service;

    private TestKnowledge() {}

    static synchronized DifferentialService service() {
        if (service == null) service = DifferentialService.loadDefault();
        return service;
    }

    static DdxKnowledge knowledge() {
        return service().knowledge();
    }

    static List<Path> examples() {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(
                            f -> f.toString().endsWith(".json") || f.toString().endsWith(".ttl"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static PatientCase read(Path file) {
        return new CaseReader(knowledge()).read(file);
    }

    static PatientCase json(String json) {
        return new JsonCaseReader(knowledge()).read(json, "test.json");
    }
}
